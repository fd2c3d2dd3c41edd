import { EMPTY, fromEvent, map, share, type Observable } from 'rxjs';
import { PluginError, type AudioDeviceInfo, type CaptureSelection } from '@sotto/api';
import type { CaptureService, CaptureSession } from '../../common/call/captureService.ts';
import { BrowserCaptureSession } from './browserCaptureSession.ts';
import { describeMediaError } from './openInput.ts';

/**
 * Capture in the page: devices through getUserMedia, recordings decoded by Web Audio, both resampled to 24 kHz
 * PCM16 in an AudioWorklet that posts frames straight to the transcriber's port.
 */
export class BrowserCaptureService implements CaptureService {
  // mediaDevices is missing outside secure contexts; the workbench must still start and say why calls cannot.
  readonly devicesChanged$: Observable<void> = navigator.mediaDevices
    ? fromEvent(navigator.mediaDevices, 'devicechange').pipe(
        map(() => undefined),
        share(),
      )
    : EMPTY;
  private readonly sessions = new Set<BrowserCaptureSession>();

  constructor() {
    // An unplugged device may end its track late or never: check the open sessions against every change.
    this.devicesChanged$.subscribe(() => void this.checkSessions());
  }

  async listDevices(): Promise<AudioDeviceInfo[]> {
    let inputs = await this.inputs();
    // Browsers hide labels until the user has granted access once, and the capture plugin picks devices by label.
    if (inputs.length > 0 && inputs.every((d) => !d.label)) {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true }).catch((error: DOMException) => {
        if (error.name === 'NotAllowedError') throw describeMediaError(error, 'you');
      });
      stream?.getTracks().forEach((track) => track.stop());
      inputs = await this.inputs();
    }
    return inputs.map((device) => ({
      deviceId: device.deviceId,
      label: device.label,
      kind: 'audioinput' as const,
      isDefault: device.deviceId === 'default' || /^Default(\s+-\s+|$)/.test(device.label),
    }));
  }

  async open(selection: CaptureSelection): Promise<CaptureSession> {
    const session = await BrowserCaptureSession.open(selection);
    this.sessions.add(session);
    session.problems$.subscribe({ complete: () => this.sessions.delete(session) });
    return session;
  }

  private async inputs(): Promise<MediaDeviceInfo[]> {
    if (!navigator.mediaDevices) throw new PluginError('E_UNAVAILABLE', 'This page cannot use audio devices: open Sotto from its own window or from http://127.0.0.1.');
    return (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audioinput' && d.deviceId !== '');
  }

  private async checkSessions(): Promise<void> {
    if (this.sessions.size === 0) return;
    const present = new Set((await this.inputs()).map((d) => d.deviceId));
    for (const session of this.sessions) session.deviceRemoved(present);
  }
}
