import { AudioRing, callClock, gapSegment, PluginError, usageOfRealtime, type AudioFrame, type AudioInput, type CancellationToken, type RealtimeTransport, type SottoApi, type TranscriptSegment } from '@sotto/api';
import type { CallContext } from './callContext.ts';
import { LiveSession } from './liveSession.ts';
import { MAX_ATTEMPTS, ordinal, retryDelayMs, sleep, withRetries } from './retryPolicy.ts';
import { createServerEventLog } from './serverEventLog.ts';
import { participantSession, userSession } from './sessionConfig.ts';
import type { TranscriptionSettings } from './settings.ts';

const HANDOVER_WAIT_MS = 60_000;
/** A recovered session that lasts this long proves the path works again. */
const STABLE_MS = 10_000;
/** A turn boundary: this long below QUIET_RMS on the audio itself, so neither session is mid-word at the handover. */
const HANDOVER_QUIET_MS = 500;
const QUIET_RMS = 0.01;
/** Audio kept before detected speech when catching up, as voice detection keeps a little before speech too. */
const SPEECH_LEAD_MS = 300;
/** The longest a retiring session may take to deliver its last turns; its successor's copies are shown after that. */
const RETIRE_WAIT_MS = 30_000;

/**
 * Transcribes one side of the call for as long as it lasts, across session limits and network faults: sessions are
 * rotated before they expire (overlapping, handed over between turns, each line owned by exactly one session), and
 * a failed session is replaced with backoff, given the audio its predecessor never finished from a ring buffer.
 */
export class ChannelTranscriber {
  private active: LiveSession | undefined;
  private incoming: LiveSession | undefined;
  /** Handed over, kept until they have delivered every turn before the handover. */
  private readonly retiring = new Set<LiveSession>();
  private readonly failed = new WeakSet<LiveSession>();
  /** A frame of digital silence, what retiring sessions hear (sent as base64, never transferred). */
  private silence: ArrayBuffer | undefined;
  private readonly ring: AudioRing;
  private lastFrameMs: number | undefined;
  private quietSinceMs: number | undefined;
  /** Capture time where the latest stretch of speech began, by the audio's own level. */
  private speechSinceMs: number | undefined;
  private transport: RealtimeTransport;
  private rotation: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private fail!: (error: Error) => void;
  private readonly isYou: boolean;
  private readonly side: string;
  private readonly logServerEvent: ReturnType<typeof createServerEventLog>;
  /** Recoveries in a row that did not last; reset once a session has worked for a while. */
  private failuresInARow = 0;
  private lastRecoveryAt = 0;

  constructor(
    private readonly api: SottoApi,
    private readonly audio: AudioInput,
    private readonly token: CancellationToken,
    private readonly call: CallContext,
    private readonly settings: TranscriptionSettings,
  ) {
    this.ring = new AudioRing(settings.replaySeconds * 1000);
    // Recorded audio to catch up on can only be sent over WebSocket; live audio then follows on the same session.
    this.transport = audio.catchUpFrom === undefined ? settings.transport : 'websocket';
    this.isYou = audio.channel === 'you';
    this.side = this.isYou ? 'your' : "the participant's";
    this.logServerEvent = createServerEventLog(api.log, this.side);
  }

  async run(): Promise<void> {
    const frames = this.audio.frames$.subscribe((frame) => this.onFrame(frame));
    const failed = new Promise<never>((_, reject) => (this.fail = reject));
    try {
      const first = await this.open('Connecting');
      // Audio captured while connecting is in the ring: give it to the session first, then stream live.
      if (this.transport === 'websocket') this.replay(first, this.ring.oldest());
      this.active = first;
      if (!this.token.isCancellationRequested) this.scheduleRotation();
      this.watchdog = setInterval(() => this.checkStalled(), 500);
      await Promise.race([new Promise<void>((resolve) => this.token.onCancellationRequested(() => resolve())), failed]);
    } finally {
      clearTimeout(this.rotation);
      clearInterval(this.watchdog);
      frames.unsubscribe();
      for (const session of [this.active, this.incoming, ...this.retiring]) session?.connection.dispose();
    }
  }

  private onFrame(frame: AudioFrame): void {
    this.call.noteFrame(frame.capturedAt);
    this.ring.push(frame);
    this.lastFrameMs = frame.capturedAt;
    // Capture measured each frame's level already; it travels with the frame.
    const loud = frame.rms >= QUIET_RMS;
    if (loud && this.quietSinceMs !== undefined) this.speechSinceMs = frame.capturedAt;
    if (loud) this.quietSinceMs = undefined;
    else this.quietSinceMs ??= frame.capturedAt;
    this.active?.noteLevel(loud);
    if (this.transport !== 'websocket') return;
    this.active?.send(frame);
    this.incoming?.send(frame);
    // A retiring session hears silence after the handover: its last turn ends there, and no later words reach it.
    if (this.retiring.size) {
      if (this.silence?.byteLength !== frame.pcm.byteLength) this.silence = new ArrayBuffer(frame.pcm.byteLength);
      const quiet = { ...frame, pcm: this.silence, rms: 0 };
      for (const session of this.retiring) session.send(quiet);
    }
  }

  /** Mints and connects a session (retrying what can be retried), wired to publish the lines it owns. */
  private async open(reason: string): Promise<LiveSession> {
    const settings = this.settings;
    let retried = false;
    const session = await withRetries(
      async () => {
        const secret = await this.api.secrets.mintClientSecret(this.isYou ? 'realtime' : 'transcription', this.isYou ? userSession(settings) : participantSession(settings));
        const connection = await this.api.realtime.connect({ secret, transport: this.transport, channel: this.audio.channel, model: settings.realtimeModel, ...(this.isYou ? { shareAs: 'you' } : {}) });
        return new LiveSession(connection, {
          channel: this.audio.channel,
          transport: this.transport,
          speaker: this.isYou ? undefined : settings.participantName || undefined,
          startPaddingMs: settings.turnDetection === 'server_vad' ? settings.prefixPaddingMs : 0,
          callEpoch: () => this.call.epoch(),
        });
      },
      this.token,
      (nextTry, waitMs, error) => {
        retried = true;
        this.status('reconnecting', `${reason} ${this.side} session… ${ordinal(nextTry)} try in ${(waitMs / 1000).toFixed(1)} s (${error.message})`);
      },
    );
    if (this.isYou) this.call.setUserSession(session.connection);
    this.wire(session);
    if (retried) this.status('live', `Connected ${this.side} session.`);
    return session;
  }

  /** A session that owes something but has gone silent for too long is treated as dead, and replaced. */
  private checkStalled(): void {
    const session = this.active;
    const stalledFor = session?.overdueMs();
    if (session && stalledFor !== undefined && stalledFor >= this.settings.stallSeconds * 1000) session.end(`it went silent for ${Math.round(stalledFor / 1000)} s while it owed a transcript`);
  }

  private wire(session: LiveSession): void {
    let ended = false;
    const end = (why: string) => {
      if (ended || this.token.isCancellationRequested) return;
      ended = true;
      void this.recover(session, why).catch((error: Error) => this.fail(error));
    };
    session.end = end;
    session.connection.events$.subscribe((event) => {
      this.logServerEvent(event);
      if (event.type === 'error' && (event.error as { code?: string } | undefined)?.code === 'session_expired') end('the session expired');
      // Transcription is billed per completed turn; the cost meter adds it up.
      if (event.type === 'conversation.item.input_audio_transcription.completed' && event.usage) {
        this.api.streams.usage.publish(usageOfRealtime('transcription', this.settings.model, event.usage as Parameters<typeof usageOfRealtime>[2]));
      }
      const segment = session.handle(event);
      if (segment) this.publish(segment, session);
    });
    session.connection.state$.subscribe((state) => {
      if ((state.status === 'failed' || state.status === 'closed') && (session === this.active || session === this.incoming)) end(`the session ${state.status}: ${state.detail ?? 'no reason given'}`);
    });
  }

  /** A line `session` heard (its item is in that session's conversation). */
  private publish(segment: TranscriptSegment, session: LiveSession): void {
    this.api.streams.transcript.publish(segment);
    this.call.remember(segment, session.connection);
    if (!this.isYou && segment.final) this.call.relayParticipantLine(segment);
  }

  /** A live session died: take back its unfinished lines, open a successor and give it the audio not yet transcribed. */
  private async recover(session: LiveSession, why: string): Promise<void> {
    if (session === this.incoming) {
      this.incoming = undefined;
      return;
    }
    // A retiring session that dies hands its unfinished turns to its successor, which heard them too.
    if (this.retiring.has(session)) return void this.failed.add(session);
    if (session !== this.active) return;
    clearTimeout(this.rotation);
    const from = this.catchUpFrom(session);
    for (const line of session.unfinished) this.api.streams.transcript.publish({ ...line, text: '', retracted: true });
    this.active = undefined;
    session.connection.dispose();
    // A successor that dies soon after it came counts against the same budget, so a broken path is not retried forever.
    this.failuresInARow = Date.now() - this.lastRecoveryAt < STABLE_MS ? this.failuresInARow + 1 : 1;
    if (this.failuresInARow > MAX_ATTEMPTS) throw new PluginError('E_UPSTREAM', `${this.side} session keeps failing (${why}); gave up after ${MAX_ATTEMPTS} tries.`);
    this.status('reconnecting', `Reconnecting ${this.side} session (${why})… ${ordinal(this.failuresInARow)} try`);
    if (this.failuresInARow > 1) await sleep(retryDelayMs(new Error(why), this.failuresInARow - 1), this.token);
    // Catching up means sending recorded audio, which only the WebSocket transport can do.
    this.transport = 'websocket';
    const successor = await this.open('Reconnecting');
    this.lastRecoveryAt = Date.now();
    if (this.token.isCancellationRequested) return successor.connection.dispose();
    this.replay(successor, from);
    this.active = successor;
    this.status('live', `Reconnected ${this.side} session; ${from === undefined ? 'nothing to catch up' : `caught up from ${this.clock(from)}`}.`);
    this.scheduleRotation();
  }

  /**
   * Where a successor must start listening: what the session had not finished, and also the speech it may not yet
   * have announced (its voice detection lags the audio), but never inside a turn it already finished.
   */
  private catchUpFrom(session: LiveSession): number | undefined {
    const acknowledged = session.acknowledgedUntil(this.lastFrameMs);
    if (acknowledged === undefined || this.speechSinceMs === undefined) return acknowledged;
    const speech = Math.max(this.speechSinceMs - SPEECH_LEAD_MS, session.completedUntilMs ?? 0);
    return Math.min(acknowledged, speech);
  }

  /** Sends the successor the audio from `from`, marking as a gap any part the ring no longer holds. */
  private replay(successor: LiveSession, from: number | undefined): void {
    if (from === undefined || this.transport !== 'websocket') return;
    const oldest = this.ring.oldest();
    if (oldest !== undefined && oldest > from + 40) this.publishGap(from, oldest);
    for (const frame of this.ring.since(from)) successor.send(frame);
  }

  private scheduleRotation(): void {
    clearTimeout(this.rotation);
    this.rotation = setTimeout(() => void this.rotate().catch((error: Error) => this.api.log.warn(`Could not rotate ${this.side} session: ${error.message}`)), this.settings.rotateAfterSeconds * 1000);
  }

  /** Opens the replacement beside the current session, hands over between turns, then lets the old one finish. */
  private async rotate(): Promise<void> {
    const current = this.active;
    if (!current || this.token.isCancellationRequested) return;
    const next = await this.open('Rotating');
    // Until the handover the newcomer only listens: everything it hears so far belongs to the current session.
    next.ownsFrom = Number.POSITIVE_INFINITY;
    // It hears the turn under way from its start, so its copy is whole should the current session never deliver it.
    this.replay(next, this.catchUpFrom(current));
    this.incoming = next;
    const waitUntil = Date.now() + HANDOVER_WAIT_MS;
    while (!this.atTurnBoundary() && Date.now() < waitUntil && !this.token.isCancellationRequested) await sleep(50, this.token);
    if (this.active !== current || this.incoming !== next) return;
    // Hand over in the middle of the quiet stretch: speech before it is the old session's, after it the new one's.
    const handover = ((this.lastFrameMs ?? Date.now()) - HANDOVER_QUIET_MS / 2 - this.call.epoch()) / 1000;
    current.ownsBefore = handover;
    next.ownsFrom = handover;
    this.active = next;
    this.incoming = undefined;
    if (this.isYou) this.carryContext(next);
    // How long both heard the same audio before the handover; negative would be audio that neither heard.
    const overlapS = (this.call.epoch() + handover * 1000 - (next.audioStartMs ?? Number.POSITIVE_INFINITY)) / 1000;
    this.status('live', `Rotated ${this.side} session at ${this.clock(this.call.epoch() + handover * 1000)} (overlap ${overlapS.toFixed(1)} s).`);
    this.scheduleRotation();
    // The old session is kept until it has delivered every turn before the handover; a slow server may lag seconds.
    this.retiring.add(current);
    const handoverMs = this.call.epoch() + handover * 1000;
    const retireBy = Date.now() + RETIRE_WAIT_MS;
    while (!this.deliveredAll(current, next, handoverMs) && Date.now() < retireBy && !this.token.isCancellationRequested) await sleep(100, this.token);
    this.retire(current, next);
  }

  /** Whether `old` owes nothing before the handover: it heard past it, or the successor did and old delivered all it heard. */
  private deliveredAll(old: LiveSession, next: LiveSession, handoverMs: number): boolean {
    if (this.failed.has(old)) return true;
    if (old.unfinished.length || old.owesTurns) return false;
    if ((old.heardUntilMs ?? 0) >= handoverMs) return true;
    return (next.heardUntilMs ?? 0) >= handoverMs && next.pendingWithheld(old).length === 0;
  }

  /** Ends the old session: lines it never finished are taken back, and the successor shows its copies of them. */
  private retire(old: LiveSession, next: LiveSession): void {
    this.retiring.delete(old);
    for (const line of old.unfinished) this.api.streams.transcript.publish({ ...line, text: '', retracted: true });
    for (const line of next.adopt(old)) this.publish(line, next);
    old.connection.dispose();
  }

  private atTurnBoundary(): boolean {
    // By the audio alone: a lagging server's idea of speech is seconds old, and whoever owns a turn at the border, its
    // other copy is withheld until the old session retires (LiveSession.adopt).
    return this.quietSinceMs !== undefined && this.lastFrameMs !== undefined && this.lastFrameMs - this.quietSinceMs >= HANDOVER_QUIET_MS;
  }

  /** Your new session starts with the recent conversation, so quick replies keep their context. */
  private carryContext(session: LiveSession): void {
    for (const line of this.call.recentLines(20)) {
      session.connection.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: `[${line.channel === 'you' ? 'You' : (line.speaker ?? 'Participant')}] ${line.text}` }] } });
    }
  }

  private publishGap(fromMs: number, toMs: number): void {
    const start = (fromMs - this.call.epoch()) / 1000;
    const end = (toMs - this.call.epoch()) / 1000;
    this.api.streams.transcript.publish(gapSegment(this.audio.channel, start, end, 'could not be transcribed'));
  }

  private clock(epochMs: number): string {
    return callClock((epochMs - this.call.epoch()) / 1000);
  }

  private status(status: 'live' | 'reconnecting', detail: string): void {
    this.api.streams.callState.publish({ status, detail });
  }
}
