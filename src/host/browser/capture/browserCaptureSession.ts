import { BehaviorSubject, firstValueFrom, of, Subject, timeout, toArray, type Observable } from 'rxjs';
import { callChannels, PluginError, REALTIME_AUDIO_FORMAT, type AudioFrame, type CallChannel, type CaptureInput, type CaptureProblem, type CaptureSelection } from '@sotto/api';
import { fromPort } from '@sotto/api/rpc';
import { suppressesEcho } from '../../common/audio/echoSuppressor.ts';
import { CAPTURE_REPLAY_MS, type CapturedChannel, type CaptureSession } from '../../common/call/captureService.ts';
import { openInput, type OpenedInput } from './openInput.ts';
import { ParticipantSilence } from './participantSilence.ts';
import type { Pcm16WorkletCommand, Pcm16WorkletOptions, Pcm16WorkletReport } from './pcm16Worklet.ts';
import workletUrl from './pcm16Worklet.ts?worker&url';

const FRAME_SAMPLES = (REALTIME_AUDIO_FORMAT.sampleRate * 20) / 1000;
/** How long closing waits for the worklet to end its sinks before the context goes away. */
const CLOSE_GRACE_MS = 250;
const DEFAULT_SILENCE_ALERT_SECONDS = 10;

class WorkletChannel implements CapturedChannel {
  readonly level$ = new Subject<number>();
  readonly closed: Promise<void>;
  private readonly earliest: number;

  constructor(
    readonly channel: CallChannel,
    readonly input: OpenedInput,
    /** The worklet; with two inputs when it cleans the mic of the participant's audio, fed to its second input. */
    readonly node: AudioWorkletNode,
    onLevel: (level: number) => void,
    /** The mic cleaned of the participant's echo, which WebRTC sessions send instead of the device's track. */
    private readonly cleaned?: MediaStreamTrack,
    /** The last frames of the device this side used before a switch, replayed ahead of this device's own. */
    held: readonly AudioFrame[] = [],
  ) {
    this.earliest = held[0]?.capturedAt ?? Date.now();
    if (held.length) this.command({ seed: held }, held.map((frame) => frame.pcm));
    this.closed = new Promise((resolve) => {
      node.port.onmessage = ({ data }: MessageEvent<Pcm16WorkletReport>) => {
        if ('closed' in data) resolve();
        else {
          onLevel(data.level);
          this.level$.next(data.level);
        }
      };
    });
    input.node.connect(node);
  }

  get label(): string {
    return this.input.label;
  }

  get track(): MediaStreamTrack {
    return this.cleaned ?? this.input.track;
  }

  openFramePort(since?: number): MessagePort {
    const { port1, port2 } = new MessageChannel();
    this.command({ sink: port1, since }, [port1]);
    return port2;
  }

  replayableFrom(): number {
    return Math.max(this.earliest, Date.now() - CAPTURE_REPLAY_MS);
  }

  /** The frames the worklet still holds (the last CAPTURE_REPLAY_MS), for the device that replaces this one. */
  recentFrames(): Promise<AudioFrame[]> {
    const { port1, port2 } = new MessageChannel();
    this.command({ sink: port1, since: 0, recentOnly: true }, [port1]);
    return firstValueFrom(fromPort<AudioFrame>(port2).pipe(toArray(), timeout({ first: CLOSE_GRACE_MS, with: () => of([]) })));
  }

  get hasReference(): boolean {
    return this.node.numberOfInputs > 1;
  }

  command(message: Pcm16WorkletCommand, transfer: Transferable[] = []): void {
    this.node.port.postMessage(message, transfer);
  }

  /** Ends the sinks (each port gets its last frames, then completes), then lets go of the device. */
  async close(): Promise<void> {
    this.command({ close: true });
    await Promise.race([this.closed, new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS))]);
    this.input.stop();
    this.cleaned?.stop();
    this.node.disconnect();
    this.level$.complete();
  }
}

/** Both sides of a call captured in one AudioContext, each through its own resampling worklet. */
export class BrowserCaptureSession implements CaptureSession {
  readonly channels = new Map<CallChannel, WorkletChannel>();
  startedAt = Date.now();
  now = () => Date.now();
  private readonly problems = new BehaviorSubject<readonly CaptureProblem[]>([]);
  readonly problems$: Observable<readonly CaptureProblem[]> = this.problems;
  private readonly silence: ParticipantSilence;
  private isClosed = false;

  private constructor(
    private readonly context: AudioContext,
    private readonly selection: CaptureSelection,
  ) {
    this.silence = new ParticipantSilence(selection.silenceAlertSeconds ?? DEFAULT_SILENCE_ALERT_SECONDS, (alerting) =>
      alerting
        ? this.raise({
            code: 'participant-silent',
            channel: 'participant',
            message: `The participant's channel has been silent for ${selection.silenceAlertSeconds ?? DEFAULT_SILENCE_ALERT_SECONDS} s while you were speaking: the call app's output probably is not routed to the virtual device. Set the call app's speaker to your Multi-Output Device (or to BlackHole) and check it includes BlackHole.`,
          })
        : this.clear('participant-silent'),
    );
  }

  static async open(selection: CaptureSelection): Promise<BrowserCaptureSession> {
    const context = new AudioContext({ latencyHint: 'interactive' });
    const session = new BrowserCaptureSession(context, selection);
    try {
      await context.audioWorklet.addModule(workletUrl);
      const failures: PluginError[] = [];
      const opened = new Map<CallChannel, OpenedInput>();
      for (const channel of callChannels) {
        const input = selection[channel];
        if (!input) continue;
        try {
          opened.set(channel, await openInput(context, channel, input, selection.micProcessing));
        } catch (error) {
          // A refusal covers every device; one side that fails to open leaves the other worth hearing.
          if (!(error instanceof PluginError) || error.code === 'E_PERMISSION') {
            for (const other of opened.values()) other.stop();
            throw error;
          }
          failures.push(error);
          session.raise({ code: 'capture-failed', channel, message: error.message });
        }
      }
      const reference = suppressesEcho(selection) ? opened.get('participant') : undefined;
      for (const [channel, input] of opened) session.add(channel, input, channel === 'you' ? reference : undefined);
      if (session.channels.size === 0 && failures[0]) throw failures[0];
      await context.resume();
      session.startedAt = Date.now();
    } catch (error) {
      session.close();
      throw error;
    }
    return session;
  }

  /** The device behind `deviceId` is gone from the system (it was unplugged). */
  deviceRemoved(present: ReadonlySet<string>): void {
    for (const captured of this.channels.values()) {
      if (captured.input.deviceId && !present.has(captured.input.deviceId)) this.vanished(captured);
    }
  }

  /**
   * Switches one side to `input`, or stops capturing it, while the other side runs on untouched. False, with nothing
   * changed, when the side cannot be switched alone: the participant's audio arrives for a mic whose echo canceller
   * was built without it.
   */
  async replaceSide(channel: CallChannel, input: CaptureInput | undefined): Promise<boolean> {
    const cleansMic = (this.selection.echoSuppression ?? 'auto') !== 'off';
    const you = this.channels.get('you');
    if (channel === 'participant' && input && cleansMic && you && !you.hasReference) return false;
    let opened: OpenedInput | undefined;
    let failure: PluginError | undefined;
    try {
      opened = input && (await openInput(this.context, channel, input, this.selection.micProcessing));
    } catch (error) {
      if (!(error instanceof PluginError) || error.code === 'E_PERMISSION') throw error;
      failure = error;
    }
    const old = this.channels.get(channel);
    // The side takes what its old device heard last along, so a line the switch cut can still be heard whole.
    const held = old && opened ? await old.recentFrames() : [];
    this.channels.delete(channel);
    const feeding = this.channels.get('participant');
    if (channel === 'you' && old?.hasReference && feeding) {
      // The participant's audio also feeds the old mic's echo canceller, which would otherwise live on.
      try {
        feeding.input.node.disconnect(old.node);
      } catch {
        // Already apart.
      }
    }
    if (old) void old.close();
    this.problems.next(this.problems.value.filter((p) => p.channel !== channel));
    if (failure) this.raise({ code: 'capture-failed', channel, message: failure.message });
    if (!opened) return true;
    if (this.isClosed) {
      opened.stop();
      return true;
    }
    const participant = this.channels.get('participant');
    const mic = this.channels.get('you');
    if (channel === 'you') this.add('you', opened, cleansMic ? participant?.input : undefined, held);
    else {
      this.add('participant', opened, undefined, held);
      if (mic?.hasReference) opened.node.connect(mic.node, 0, 1);
    }
    return true;
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    const channels = [...this.channels.values()];
    void Promise.all(channels.map((c) => c.close())).then(() => this.context.close().catch(() => {}));
    this.problems.complete();
  }

  /** One side's worklet; given the participant's input as `reference`, the mic's cleaned of it, also as a track. */
  private add(channel: CallChannel, input: OpenedInput, reference?: OpenedInput, held?: readonly AudioFrame[]): void {
    const options: Pcm16WorkletOptions = { outputRate: REALTIME_AUDIO_FORMAT.sampleRate, frameSamples: FRAME_SAMPLES, epochAtZero: Date.now() - this.context.currentTime * 1000, replayMs: CAPTURE_REPLAY_MS, suppressEcho: !!reference };
    const node = new AudioWorkletNode(this.context, 'sotto-pcm16', reference ? { numberOfInputs: 2, numberOfOutputs: 1, outputChannelCount: [1], processorOptions: options } : { numberOfInputs: 1, numberOfOutputs: 0, processorOptions: options });
    let cleaned: MediaStreamTrack | undefined;
    if (reference) {
      reference.node.connect(node, 0, 1);
      const destination = new MediaStreamAudioDestinationNode(this.context, { channelCount: 1 });
      node.connect(destination);
      cleaned = destination.stream.getAudioTracks()[0];
    }
    const captured = new WorkletChannel(channel, input, node, (level) => this.silence.level(channel, level), cleaned, held);
    this.channels.set(channel, captured);
    input.track.addEventListener('ended', () => this.vanished(captured));
  }

  private vanished(captured: WorkletChannel): void {
    if (this.isClosed || this.channels.get(captured.channel) !== captured || this.problems.value.some((p) => p.code === 'device-vanished' && p.channel === captured.channel)) return;
    const side = captured.channel === 'you' ? 'your microphone' : "the participant's audio";
    this.raise({ code: 'device-vanished', channel: captured.channel, message: `"${captured.label}", used for ${side}, was disconnected: plug it back in, or choose another device in the capture settings.` });
  }

  private raise(problem: CaptureProblem): void {
    if (!this.isClosed) this.problems.next([...this.problems.value, problem]);
  }

  private clear(code: CaptureProblem['code']): void {
    if (!this.isClosed) this.problems.next(this.problems.value.filter((p) => p.code !== code));
  }
}
