import { BehaviorSubject, Subscription } from 'rxjs';
import { callChannels, PluginError, REALTIME_AUDIO_FORMAT, type CallChannel, type CallState, type CaptureProblem, type CaptureSelection } from '@sotto/api';
import { declaredIds, type RegistrationKind } from '@sotto/api/manifest';
import type { PluginHost } from '../pluginHost.ts';
import type { CapturedChannel, CaptureService, CaptureSession } from './captureService.ts';
import { CallLedger } from './callLedger.ts';

const A_DAY_MS = 24 * 60 * 60 * 1000;
const MAX_TRANSCRIBER_RESTARTS = 3;

/**
 * Runs a call: asks the enabled capture plugin which inputs to use, opens them, and hands each side's audio to
 * the enabled transcriber plugin for as long as the call lasts. Devices that come and go mid-call are re-picked.
 */
export class CallController {
  readonly levels$ = new BehaviorSubject<Readonly<Record<CallChannel, number>>>({ you: 0, participant: 0 });
  readonly problems$ = new BehaviorSubject<readonly CaptureProblem[]>([]);
  private session: CaptureSession | undefined;
  private selection: CaptureSelection | undefined;
  private abort: AbortController | undefined;
  private readonly live = new Subscription();
  private sessionSubscriptions = new Subscription();
  private ledger: CallLedger | undefined;
  /** Sides whose transcription waits for the user (a valid API key), and how to go on with each. */
  private readonly waiting = new Map<CallChannel, () => Promise<void>>();
  /** Each side's transcription, stopped with the call or alone when only that side's device is switched. */
  private readonly sides = new Map<CallChannel, AbortController>();
  private repicks = Promise.resolve();

  constructor(
    private readonly host: PluginHost,
    private readonly capture: CaptureService,
  ) {
    // One device change at a time: a second change must see the devices the first one switched to.
    this.live.add(capture.devicesChanged$.subscribe(() => (this.repicks = this.repicks.then(() => this.repick()))));
  }

  /** The captured track of one side, for Realtime sessions over WebRTC. */
  trackOf(channel: CallChannel): MediaStreamTrack | undefined {
    return this.session?.channels.get(channel)?.track;
  }

  get isActive(): boolean {
    return this.abort !== undefined;
  }

  /** True while the call goes on but transcription waits for a valid API key. */
  get isWaitingForKey(): boolean {
    return this.waiting.size > 0;
  }

  /** Goes on transcribing the sides that waited (the key was fixed), from where each stopped. */
  resume(): void {
    const sides = [...this.waiting.values()];
    this.waiting.clear();
    if (!sides.length) return;
    this.publish({ status: 'live', detail: 'Resuming transcription from where it stopped…' });
    for (const go of sides) void go();
  }

  /** Starts a call with the inputs the capture plugin picks, or with `given` inputs (headless replay). */
  async start(given?: CaptureSelection): Promise<void> {
    if (this.abort) return;
    const abort = (this.abort = new AbortController());
    this.publish({ status: 'starting', detail: 'Choosing audio devices…' });
    try {
      await this.host.activateByEvent('onCallStart');
      this.ledger = new CallLedger(this.host.bus);
      const selection = given ?? (await this.pick());
      this.problems$.next(selection.problems ?? []);
      if (!selection.you && !selection.participant) throw new PluginError('E_UNAVAILABLE', selection.problems?.[0]?.message ?? 'No audio input could be chosen.');
      await this.openCapture(selection, abort);
      this.publish({ status: 'live', startedAt: this.ledger?.epochMs ?? Date.now(), detail: this.describe() });
    } catch (error) {
      this.teardown();
      this.publish({ status: 'error', detail: (error as Error).message });
    }
  }

  async stop(): Promise<void> {
    if (!this.abort) return;
    this.teardown();
    this.publish({ status: 'ended' });
  }

  dispose(): void {
    this.teardown();
    this.live.unsubscribe();
  }

  private async openCapture(selection: CaptureSelection, abort: AbortController): Promise<void> {
    const session = await this.capture.open(selection);
    if (abort.signal.aborted) return session.close();
    this.session = session;
    this.selection = selection;
    // Devices re-picked mid-call open a new capture; the call's clock keeps running from the first.
    if (this.ledger) this.ledger.epochMs ??= session.startedAt;
    this.sessionSubscriptions = new Subscription();
    this.sessionSubscriptions.add(session.problems$.subscribe((problems) => this.problems$.next([...(this.selection?.problems ?? []), ...problems])));
    const transcriber = this.transcriber();
    for (const captured of session.channels.values()) this.startSide(captured, abort, transcriber);
  }

  /**
   * Meters and transcribes one captured side, until the call ends or this side's device is switched. With `resume`,
   * from where the side's transcript stopped (its device was switched mid-call).
   */
  private startSide(captured: CapturedChannel, call: AbortController, [pluginId, transcriberId]: [string, string], resume = false): void {
    const side = new AbortController();
    const stop = () => side.abort();
    call.signal.addEventListener('abort', stop, { once: true });
    side.signal.addEventListener('abort', () => call.signal.removeEventListener('abort', stop), { once: true });
    this.sides.set(captured.channel, side);
    this.sessionSubscriptions.add(
      captured.level$.subscribe((level) => {
        this.levels$.next({ ...this.levels$.value, [captured.channel]: level });
        this.ledger?.noteLevel(captured.channel, level, this.session?.now() ?? Date.now());
      }),
    );
    void (resume ? this.resumeSide(pluginId, transcriberId, captured, side, 0) : this.transcribe(pluginId, transcriberId, captured, side));
  }

  private transcriber(): [string, string] {
    return this.provider('transcribers', 'No transcriber plugin is enabled: turn on "Transcription" in Plugins.');
  }

  /**
   * Hands one side to the transcriber for the rest of the call. If the plugin's worker crashes, the host restarts
   * it; the side is then handed over again, on a fresh port, so the transcript continues.
   */
  private async transcribe(pluginId: string, transcriberId: string, captured: CapturedChannel, abort: AbortController, restarts = 0, since?: number): Promise<void> {
    const who = captured.channel === 'you' ? 'you' : 'the participant';
    try {
      const port = captured.openFramePort(since);
      const callEpochMs = this.ledger?.epochMs;
      await this.host.invoke(pluginId, 'transcribers', transcriberId, 'transcribe', [{ channel: captured.channel, format: REALTIME_AUDIO_FORMAT, port, callEpochMs, echoSuppression: this.selection?.echoSuppression ?? 'auto', catchUpFrom: since }], { transfer: [port], timeoutMs: A_DAY_MS, signal: abort.signal });
    } catch (error) {
      if (abort.signal.aborted) return;
      if ((error as PluginError).code === 'E_CRASHED' && restarts < MAX_TRANSCRIBER_RESTARTS) {
        const stoppedAt = this.session?.now() ?? Date.now();
        this.publish({ status: 'reconnecting', detail: `The transcription plugin stopped (${(error as Error).message}); restarting it for ${who}…` });
        if (await this.whenActive(pluginId, abort)) {
          this.publish({ status: 'live', detail: `Transcribing ${who} again after a plugin restart, from ${this.ledger?.clock(this.ledger.resumePoint(captured.channel, stoppedAt))}.` });
          return this.resumeSide(pluginId, transcriberId, captured, abort, restarts + 1);
        }
      }
      if ((error as PluginError).code === 'E_UNAUTHORIZED') {
        // Capture goes on, so nothing said meanwhile is lost: a valid key resumes from here (CAPTURE_REPLAY_MS back).
        this.waiting.set(captured.channel, () => this.resumeSide(pluginId, transcriberId, captured, abort, restarts));
        this.publish({ status: 'waiting', needsKey: true, detail: `Transcribing ${who} stopped: ${(error as Error).message} Capture goes on: with a valid key the transcript picks up from where it stopped.` });
        return;
      }
      // A side that cannot be transcribed ends the call, so the user sees it and can start again.
      this.teardown();
      this.publish({ status: 'error', detail: `Transcribing ${who} failed: ${(error as Error).message}` });
    }
  }

  /**
   * Starts a side's transcriber again mid-call: lines left unfinished are taken back, and capture replays the audio
   * from where the transcript stopped; what capture no longer holds is marked as a gap.
   */
  private resumeSide(pluginId: string, transcriberId: string, captured: CapturedChannel, abort: AbortController, restarts: number): Promise<void> {
    const ledger = this.ledger;
    if (abort.signal.aborted || !ledger) return Promise.resolve();
    ledger.retractUnfinished(captured.channel);
    const now = this.session?.now() ?? Date.now();
    const from = ledger.resumePoint(captured.channel, now);
    const held = captured.replayableFrom();
    ledger.markUnheld(captured.channel, from, held);
    return this.transcribe(pluginId, transcriberId, captured, abort, restarts, Math.max(from, held));
  }

  /** Waits (bounded) for the host to bring a crashed plugin back. */
  private async whenActive(pluginId: string, abort: AbortController): Promise<boolean> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && !abort.signal.aborted) {
      try {
        await this.host.ensureActive(pluginId);
        return true;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    return false;
  }

  /**
   * Devices changed: ask the capture plugin again. A side whose device changed is switched alone, so the other side
   * is not interrupted mid-word; capture is reopened whole only where it cannot switch one side.
   */
  private async repick(): Promise<void> {
    const abort = this.abort;
    const session = this.session;
    if (!abort || !session) return;
    const selection = await this.pick().catch(() => undefined);
    if (!selection || abort !== this.abort) return;
    this.problems$.next(selection.problems ?? []);
    const changed = callChannels.filter((channel) => JSON.stringify(selection[channel]) !== JSON.stringify(this.selection?.[channel]));
    if (!changed.length) return;
    // Set first: the capture's own problems are shown with the ones this choice came with.
    this.selection = selection;
    this.publish({ status: 'starting', detail: 'Audio devices changed: switching…' });
    const switchedAt = session.now();
    try {
      if (changed.length === 1 && (await this.switchSide(session, changed[0], selection, abort))) this.markSwitchGaps(changed, switchedAt);
      else {
        const before = [...session.channels.keys()];
        this.closeSession();
        const next = (this.abort = new AbortController());
        abort.abort();
        await this.openCapture(selection, next);
        this.markSwitchGaps(before, switchedAt);
      }
      this.publish({ status: 'live', startedAt: this.ledger?.epochMs ?? Date.now(), detail: this.describe() });
    } catch (error) {
      this.publish({ status: 'error', detail: (error as Error).message });
    }
  }

  /**
   * Moves one side to the device now chosen for it (or stops it), while the other side is captured on untouched. A
   * side that moves from one device to another goes on from where its transcript stopped, in the audio of both.
   */
  private async switchSide(session: CaptureSession, channel: CallChannel, selection: CaptureSelection, call: AbortController): Promise<boolean> {
    const moving = session.channels.has(channel) && !!selection[channel];
    if (!(await session.replaceSide?.(channel, selection[channel]))) return false;
    this.sides.get(channel)?.abort();
    this.sides.delete(channel);
    this.waiting.delete(channel);
    this.levels$.next({ ...this.levels$.value, [channel]: 0 });
    const captured = session.channels.get(channel);
    if (captured && call === this.abort) this.startSide(captured, call, this.transcriber(), moving);
    return true;
  }

  /** Gap lines for the sides a switch of devices restarted or left without a device. */
  private markSwitchGaps(switched: readonly CallChannel[], switchedAt: number): void {
    const now = this.session?.now() ?? Date.now();
    this.ledger?.devicesSwitched(switched, (channel) => !!this.session?.channels.has(channel), switchedAt, now);
  }

  private async pick(): Promise<CaptureSelection> {
    const [pluginId, sourceId] = this.provider('captureSources', 'No capture plugin is enabled: turn on "Capture (BlackHole)" in Plugins.');
    const devices = await this.capture.listDevices();
    return this.host.invoke<CaptureSelection>(pluginId, 'captureSources', sourceId, 'pickDevices', [devices]);
  }

  /** The first enabled plugin contributing `kind`, as [pluginId, localId]. */
  private provider(kind: RegistrationKind, missing: string): [string, string] {
    for (const description of this.host.descriptions) {
      const id = description.manifest && this.host.isEnabled(description.id) ? declaredIds(description.manifest, kind)[0] : undefined;
      if (id) return [description.id, id];
    }
    throw new PluginError('E_UNAVAILABLE', missing);
  }

  private describe(): string {
    const names = [...(this.session?.channels.values() ?? [])].map((c) => `${c.channel === 'you' ? 'You' : 'Participant'}: ${c.label}`);
    return names.join(' · ');
  }

  private closeSession(): void {
    this.sessionSubscriptions.unsubscribe();
    this.session?.close();
    this.session = undefined;
    this.levels$.next({ you: 0, participant: 0 });
  }

  private teardown(): void {
    this.waiting.clear();
    this.sides.clear();
    this.ledger?.dispose();
    this.ledger = undefined;
    this.abort?.abort();
    this.abort = undefined;
    this.closeSession();
  }

  private publish(state: CallState): void {
    this.host.bus.publish('callState', state);
  }
}
