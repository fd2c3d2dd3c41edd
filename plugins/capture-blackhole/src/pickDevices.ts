import type { AudioDeviceInfo, CaptureProblem, CaptureSelection, EchoSuppression } from '@sotto/api';

export interface CaptureSettings {
  readonly microphone: string;
  readonly participantDevice: string;
  readonly virtualDeviceNames: readonly string[];
  readonly echoCancellation: boolean;
  readonly echoSuppression: EchoSuppression;
  readonly noiseSuppression: boolean;
  readonly autoGainControl: boolean;
  readonly silenceAlertSeconds: number;
}

export const INSTALL_BLACKHOLE =
  'Install BlackHole (`brew install blackhole-2ch`, or the installer from existential.audio/blackhole), then in Audio MIDI Setup create a Multi-Output Device with your speakers or headphones and BlackHole 2ch, and choose it as the call app\'s speaker. See docs/macos-setup.md.';

/** macOS and Chromium list the default input a second time as "Default - <name>". */
const DEFAULT_ALIAS = /^Default\s+-\s+/i;

const normalise = (label: string) => label.replace(DEFAULT_ALIAS, '').trim().toLowerCase();

function findByName(devices: readonly AudioDeviceInfo[], name: string): AudioDeviceInfo | undefined {
  const wanted = name.trim().toLowerCase();
  const real = devices.filter((d) => !DEFAULT_ALIAS.test(d.label) && d.deviceId !== 'default');
  return real.find((d) => d.label.toLowerCase() === wanted) ?? real.find((d) => normalise(d.label).includes(wanted));
}

/**
 * Chooses the mic and the participant's virtual device from what the system lists, with problems to show.
 * `previous` is the participant's device of the last pick: when it is gone, it was unplugged, not never installed.
 */
export function pickDevices(devices: readonly AudioDeviceInfo[], settings: CaptureSettings, previous?: string): CaptureSelection {
  const problems: CaptureProblem[] = [];
  const participant = settings.participantDevice ? findByName(devices, settings.participantDevice) : settings.virtualDeviceNames.map((name) => findByName(devices, name)).find(Boolean);
  if (!participant && previous) {
    problems.push({ code: 'device-vanished', channel: 'participant', message: `"${previous}", which carried the participant's audio, is no longer connected: reconnect it and Sotto switches back to it. If it was uninstalled: ${INSTALL_BLACKHOLE}` });
  } else if (!participant) {
    const wanted = settings.participantDevice ? `"${settings.participantDevice}"` : `any of ${settings.virtualDeviceNames.map((n) => `"${n}"`).join(', ')}`;
    problems.push({ code: 'virtual-device-missing', channel: 'participant', message: `No virtual device for the participant's audio: ${wanted} is not connected. ${INSTALL_BLACKHOLE}` });
  }
  const isVirtual = (d: AudioDeviceInfo) => settings.virtualDeviceNames.some((name) => normalise(d.label).includes(name.toLowerCase())) || normalise(d.label) === normalise(participant?.label ?? '\0');
  let mic = settings.microphone ? findByName(devices, settings.microphone) : undefined;
  if (settings.microphone && !mic) problems.push({ code: 'device-vanished', channel: 'you', message: `The microphone "${settings.microphone}" is not connected: using the default microphone. Plug it in or choose another in the capture settings.` });
  // The system default can be the virtual device itself (a common slip when setting up BlackHole); never use it for you.
  mic ??= [devices.find((d) => d.isDefault && !isVirtual(d)), devices.find((d) => !isVirtual(d))].find(Boolean);
  if (!mic) problems.push({ code: 'capture-failed', channel: 'you', message: 'No microphone found: connect one, and allow Sotto to use it in System Settings → Privacy & Security → Microphone.' });
  return {
    ...(mic && { you: { kind: 'device' as const, deviceId: mic.deviceId } }),
    ...(participant && { participant: { kind: 'device' as const, deviceId: participant.deviceId } }),
    micProcessing: { echoCancellation: settings.echoCancellation, noiseSuppression: settings.noiseSuppression, autoGainControl: settings.autoGainControl },
    silenceAlertSeconds: settings.silenceAlertSeconds,
    echoSuppression: settings.echoSuppression,
    problems,
  };
}
