import { BehaviorSubject, EMPTY, Subject } from 'rxjs';
import { callChannels, PluginError, type AudioDeviceInfo, type CallChannel, type CaptureInput, type CaptureSelection } from '@sotto/api';
import { CAPTURE_REPLAY_MS, type CaptureService, type CaptureSession, type CapturedChannel } from '../../common/call/captureService.ts';
import { EchoSuppressor, suppressEchoIn, suppressesEcho } from '../../common/audio/echoSuppressor.ts';
import { decodeWav, parseFileInput } from './decodeWav.ts';

const FRAME = 480;
const RATE = 24_000;

export interface WavCaptureOptions {
  /** 1 plays in real time; 10 plays ten times faster; 0 sends as fast as the receiver takes it. */
  readonly speed: number;
}

/**
 * Capture for headless runs (`sotto replay`): recordings instead of devices. Each side is decoded to 24 kHz PCM16
 * and played out in 20 ms frames, at the chosen speed, with capture times on the recording's own clock.
 */
export class WavCaptureService implements CaptureService {
  readonly devicesChanged$ = EMPTY;
  /** Resolves when every opened side has played to its end. */
  private finished: Promise<void>[] = [];

  constructor(private readonly options: WavCaptureOptions) {}

  async listDevices(): Promise<AudioDeviceInfo[]> {
    return [];
  }

  whenFinished(): Promise<void> {
    return Promise.all(this.finished).then(() => undefined);
  }

  async open(selection: CaptureSelection): Promise<CaptureSession> {
    const channels = new Map<CallChannel, CapturedChannel>();
    const startedAt = Date.now();
    const sides = callChannels.filter((side) => selection[side]);
    const decoded = await Promise.all(sides.map((side) => this.decode(selection[side]!)));
    // Both recordings are on one clock, so the mic can be cleaned whole before it plays.
    if (suppressesEcho(selection)) decoded[0] = suppressEchoIn(decoded[0]!, decoded[1]!, new EchoSuppressor({ sampleRate: RATE }), FRAME);
    let closed = false;
    let played = 0;
    // The recording is all there; what a live capture's ring would still hold is what is replayed.
    const replayableFrom = () => Math.max(startedAt, startedAt + played - CAPTURE_REPLAY_MS);
    sides.forEach((side, index) => {
      const level$ = new Subject<number>();
      const sinks: MessagePort[] = [];
      // One playback per side, started now like a live device; each port opened on it hears it from then on.
      this.finished.push(this.play(decoded[index], startedAt, sinks, level$, () => closed, (ms) => (played = Math.max(played, ms))));
      channels.set(side, {
        channel: side,
        label: parseFileInput((selection[side] as { url: string }).url).file.split('/').pop() ?? side,
        level$,
        openFramePort: (since) => {
          const { port1, port2 } = new MessageChannel();
          if (since !== undefined) replayInto(port1, decoded[index], startedAt, Math.max(since, replayableFrom()), startedAt + played + (FRAME / RATE) * 1000);
          sinks.push(port1);
          return port2;
        },
        replayableFrom,
      });
    });
    return { startedAt, now: () => startedAt + played, channels, problems$: new BehaviorSubject([]), close: () => (closed = true) };
  }

  private async decode(input: CaptureInput): Promise<Int16Array> {
    if (input.kind !== 'file') throw new PluginError('E_UNAVAILABLE', 'Headless capture plays recordings only; devices need the workbench.');
    const { file, part } = parseFileInput(input.url);
    return decodeWav(file, part);
  }

  /** One playback: frames of FRAME samples from the start, each with its level, stamped on the recording's clock. */
  private async play(pcm: Int16Array, startedAt: number, sinks: MessagePort[], level$: Subject<number>, isClosed: () => boolean, progress: (ms: number) => void): Promise<void> {
    const speed = this.options.speed;
    const began = performance.now();
    // Let the caller attach its first port before the first frame, as a transcriber does right after opening.
    await new Promise((resolve) => setTimeout(resolve, 0));
    for (let offset = 0, seq = 0; offset < pcm.length && !isClosed(); offset += FRAME, seq++) {
      const { frame, rms } = frameAt(pcm, offset);
      level$.next(rms);
      progress((offset / RATE) * 1000);
      sinks.forEach((port, i) => {
        const buffer = i === sinks.length - 1 ? frame.buffer : frame.slice().buffer;
        port.postMessage({ n: { seq, pcm: buffer, rms, capturedAt: startedAt + (offset / RATE) * 1000 } }, [buffer]);
      });
      const due = speed > 0 ? ((offset + FRAME) / RATE) * (1000 / speed) - (performance.now() - began) : 0;
      // Yield now and then even at full speed, so the receiving worker keeps up.
      if (due > 0 || seq % 50 === 0) await new Promise((resolve) => setTimeout(resolve, Math.max(0, due)));
    }
    for (const port of sinks) port.postMessage({ c: true });
    level$.complete();
  }
}

function frameAt(pcm: Int16Array, offset: number): { frame: Int16Array<ArrayBuffer>; rms: number } {
  const frame = pcm.slice(offset, offset + FRAME);
  let energy = 0;
  for (const sample of frame) energy += (sample / 32768) ** 2;
  return { frame, rms: Math.sqrt(energy / frame.length) };
}

/** What a live capture's ring would give a new port: the frames already played from `fromMs` on. */
function replayInto(port: MessagePort, pcm: Int16Array, startedAt: number, fromMs: number, untilMs: number): void {
  const first = Math.max(0, Math.ceil((((fromMs - startedAt) / 1000) * RATE) / FRAME) * FRAME);
  const end = Math.min(pcm.length, Math.round((((untilMs - startedAt) / 1000) * RATE) / FRAME) * FRAME);
  for (let offset = first; offset < end; offset += FRAME) {
    const { frame, rms } = frameAt(pcm, offset);
    port.postMessage({ n: { seq: offset / FRAME, pcm: frame.buffer, rms, capturedAt: startedAt + (offset / RATE) * 1000 } }, [frame.buffer]);
  }
}
