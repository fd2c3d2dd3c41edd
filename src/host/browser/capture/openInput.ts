import { PluginError, type CallChannel, type CaptureInput, type MicProcessing } from '@sotto/api';

const NO_PROCESSING: MicProcessing = { echoCancellation: false, noiseSuppression: false, autoGainControl: false };

/** One side's audio in the capture context: a node to feed the worklet, the live track, and how to let go. */
export interface OpenedInput {
  readonly node: AudioNode;
  readonly track: MediaStreamTrack;
  readonly label: string;
  readonly deviceId?: string;
  stop(): void;
}

export function openInput(context: AudioContext, channel: CallChannel, input: CaptureInput, micProcessing?: MicProcessing): Promise<OpenedInput> {
  if (input.kind === 'file') return openFile(context, input.url, input.channel);
  // The participant's audio must stay untouched: processing made for a mic in a room only damages it.
  return openDevice(context, channel, input.deviceId, channel === 'you' ? (micProcessing ?? NO_PROCESSING) : NO_PROCESSING);
}

async function openDevice(context: AudioContext, channel: CallChannel, deviceId: string, processing: MicProcessing): Promise<OpenedInput> {
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: { deviceId: { exact: deviceId }, ...processing }, video: false });
  } catch (error) {
    throw describeMediaError(error as DOMException, channel);
  }
  const track = stream.getAudioTracks()[0]!;
  const node = context.createMediaStreamSource(stream);
  return { node, track, label: track.label || deviceId, deviceId, stop: () => (track.stop(), node.disconnect()) };
}

/** Plays a recording in real time, as if it were a device: into the worklet and onto a live track. */
async function openFile(context: AudioContext, url: string, channel?: number): Promise<OpenedInput> {
  const response = await fetch(url).catch((error: Error) => {
    throw new PluginError('E_NOT_FOUND', `Could not read the recording ${url}: ${error.message}`);
  });
  if (!response.ok) throw new PluginError('E_NOT_FOUND', `Could not read the recording ${url} (HTTP ${response.status}). In the workbench a recording is a URL the page can fetch; for files on disk use \`sotto replay\`.`);
  const buffer = await context.decodeAudioData(await response.arrayBuffer()).catch(() => {
    throw new PluginError('E_INVALID_INPUT', `${url} is not an audio file this browser can decode (use WAV).`);
  });
  if (channel !== undefined && channel >= buffer.numberOfChannels) throw new PluginError('E_INVALID_INPUT', `${url} has no channel ${channel + 1}: it has ${buffer.numberOfChannels}.`);
  const source = new AudioBufferSourceNode(context, { buffer });
  const mono = new GainNode(context, { channelCount: 1, channelCountMode: 'explicit', channelInterpretation: 'speakers' });
  let splitter: ChannelSplitterNode | undefined;
  if (channel === undefined) source.connect(mono);
  else {
    splitter = new ChannelSplitterNode(context, { numberOfOutputs: buffer.numberOfChannels });
    source.connect(splitter).connect(mono, channel);
  }
  const destination = new MediaStreamAudioDestinationNode(context, { channelCount: 1 });
  mono.connect(destination);
  source.start();
  const track = destination.stream.getAudioTracks()[0]!;
  const name = decodeURIComponent(new URL(url, location.href).pathname.split('/').pop() ?? url);
  return {
    node: mono,
    track,
    label: channel === undefined ? name : `${name} (${channel === 0 ? 'left' : channel === 1 ? 'right' : `channel ${channel + 1}`})`,
    stop: () => {
      source.stop();
      track.stop();
      for (const node of [source, splitter, mono]) node?.disconnect();
    },
  };
}

/** getUserMedia's errors, as what the user can do about them. */
export function describeMediaError(error: DOMException, channel: CallChannel): PluginError {
  if (error.name === 'NotAllowedError' || error.name === 'SecurityError') {
    return new PluginError('E_PERMISSION', 'Microphone permission denied: allow Sotto to use the microphone (macOS: System Settings → Privacy & Security → Microphone), then start the call again.');
  }
  const device = channel === 'you' ? 'Your microphone' : "The participant's device";
  if (error.name === 'NotFoundError' || error.name === 'OverconstrainedError') return new PluginError('E_NOT_FOUND', `${device} is not connected: plug it in, or choose another in the capture settings.`);
  if (error.name === 'NotReadableError') return new PluginError('E_UNAVAILABLE', `${device} is in use by another app or failed to start: close the apps using it, then start the call again.`);
  return new PluginError('E_UNAVAILABLE', `${device} could not be opened: ${error.message || error.name}`);
}
