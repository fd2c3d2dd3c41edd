import { rx, usageOfRealtime, type Question, type RealtimeServerEvent, type Reply, type SottoApi, type TranscriptSegment } from '@sotto/api';
import { RecentSuggestions } from './recentSuggestions.ts';
import type { RecentTurns } from './recentTurns.ts';
import { METADATA_SOURCE, replyRequest } from './replyRequest.ts';
import { ReplySession, type SessionListener } from './replySession.ts';
import type { QuickReplySettings } from './settings.ts';

const NO_ANSWER_MS = 15_000;

interface Running {
  reply: Reply;
  readonly question: Question;
  readonly eventId: string;
  responseId?: string;
  cancelRequested: boolean;
  watchdog?: ReturnType<typeof setTimeout>;
}

interface DoneResponse {
  id: string;
  status: string;
  status_details?: { reason?: string; error?: { message?: string; code?: string; type?: string } };
  usage?: Parameters<typeof usageOfRealtime>[2];
}

interface ResponseMetadata {
  source?: string;
  reply_id?: string;
}

/**
 * The life of each quick reply: one out-of-band response per question, streamed into a `Reply`; the newest question
 * wins (the older reply is cancelled on the wire and marked superseded); repeats are skipped; bursts are spaced out.
 */
export class QuickReplies implements SessionListener {
  readonly session: ReplySession;
  /** Every update of every reply, as published. */
  readonly replies$ = new rx.Subject<Reply>();
  private readonly running = new Map<string, Running>();
  private readonly byResponse = new Map<string, Running>();
  private readonly suggested = new RecentSuggestions();
  private current: Running | undefined;
  private pending: { question: Question; timer: ReturnType<typeof setTimeout> } | undefined;
  private lastStart = Number.NEGATIVE_INFINITY;
  private nextReply = 1;

  constructor(
    private readonly api: SottoApi,
    private readonly settings: () => QuickReplySettings,
    private readonly turns: RecentTurns,
  ) {
    this.session = new ReplySession(api, settings, this);
  }

  /** A question the gate let through: skipped if answered lately, held while suggestions come too close together. */
  offer(question: Question): void {
    const settings = this.settings();
    if (this.suggested.isRepeat(question.text, settings.similarity)) {
      this.api.log.info(`Already suggested a reply to "${question.text}".`);
      return;
    }
    this.supersedeCurrent();
    const wait = this.lastStart + settings.spacingSeconds * 1000 - Date.now();
    if (wait <= 0 && !this.pending) return void this.start(question);
    // Questions in a burst are answered together rather than only the last.
    const held = this.pending ? { ...question, text: `${this.pending.question.text} ${question.text}` } : question;
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = { question: held, timer: setTimeout(() => this.startPending(), Math.max(0, wait)) };
  }

  /** "What should I say?": answers now, whatever the gate, the spacing or earlier suggestions decided. */
  askNow(question: Question): string {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = undefined;
    this.supersedeCurrent();
    return this.start(question);
  }

  /** The participant kept talking while a reply was forming: answer again with what they added. */
  continued(segment: TranscriptSegment): void {
    const current = this.current;
    if (!current || current.reply.final || current.question.source !== 'gate') return;
    this.supersedeCurrent();
    this.start({ ...current.question, text: `${current.question.text} ${segment.text}`, itemId: segment.itemId });
  }

  /** Opens or attaches the session ahead of the first question, so that the question does not wait for it. */
  warm(): void {
    this.session.get().catch(() => {});
  }

  /** A call started or ended: what was held or forming belongs to the previous one. */
  reset(): void {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = undefined;
    for (const run of this.running.values()) this.fail(run, 'The call ended before the reply finished.');
    this.suggested.clear();
    this.session.reset();
  }

  onEvent(event: RealtimeServerEvent): void {
    switch (event.type) {
      case 'response.created': {
        const response = event.response as { id: string; metadata?: ResponseMetadata | null };
        if (response.metadata?.source !== METADATA_SOURCE) return;
        const run = this.running.get(response.metadata.reply_id ?? '');
        if (!run) return;
        clearTimeout(run.watchdog);
        run.responseId = response.id;
        this.byResponse.set(response.id, run);
        if (run.cancelRequested) this.cancelOnWire(run);
        return;
      }
      case 'response.output_text.delta': {
        const run = this.byResponse.get(event.response_id as string);
        if (run && !run.reply.final) this.update(run, { text: run.reply.text + String(event.delta ?? '') });
        return;
      }
      case 'response.output_text.done': {
        const run = this.byResponse.get(event.response_id as string);
        if (run && !run.reply.final && typeof event.text === 'string') this.update(run, { text: event.text });
        return;
      }
      case 'response.done':
        return this.finish(event.response as DoneResponse);
      case 'error': {
        const error = event.error as { code?: string; message?: string; event_id?: string | null } | undefined;
        const run = [...this.running.values()].find((r) => r.eventId === error?.event_id);
        if (run) this.fail(run, `The engine refused the request${error?.code ? ` (${error.code})` : ''}: ${error?.message ?? 'no reason given'}`);
        return;
      }
    }
  }

  onLost(detail: string): void {
    for (const run of this.running.values()) this.fail(run, `The session closed: ${detail}`);
  }

  private startPending(): void {
    const question = this.pending?.question;
    this.pending = undefined;
    if (question) this.start(question);
  }

  private start(question: Question): string {
    const settings = this.settings();
    const id = `${question.id}/r${this.nextReply++}`;
    const run: Running = { reply: { id, questionId: question.id, question: question.text, text: '', final: false, state: 'streaming' }, question, eventId: `evt_${id}`, cancelRequested: false };
    this.running.set(id, run);
    this.current = run;
    this.lastStart = Date.now();
    this.suggested.add(id, question.text);
    const request = replyRequest({ replyId: id, questionId: question.id, question: question.text, turns: this.turns.before(question.itemId) }, settings);
    this.session.get().then(
      (connection) => {
        if (run.cancelRequested) return this.forgetRun(run);
        connection.send(request);
        run.watchdog = setTimeout(() => this.fail(run, `No answer from the engine within ${NO_ANSWER_MS / 1000} s.`), NO_ANSWER_MS);
      },
      (error: Error) => this.fail(run, `Could not reach the engine: ${error.message}`),
    );
    this.publish(run.reply);
    // Handed to the assistant only now, so that the quick reply's request is already on its way.
    this.api.streams.questions.publish(question);
    return id;
  }

  private finish(response: DoneResponse): void {
    const run = this.byResponse.get(response.id);
    if (!run) return;
    this.byResponse.delete(response.id);
    // Every reply is paid for, finished or cancelled; the cost meter adds it up.
    if (response.usage) this.api.streams.usage.publish(usageOfRealtime('quick-reply', this.settings().model, response.usage));
    if (run.reply.final) return this.forgetRun(run);
    if (response.status === 'completed' || response.status === 'incomplete') this.update(run, { final: true, state: 'done' });
    else if (response.status === 'cancelled') this.update(run, { final: true, state: 'superseded' });
    else {
      const error = response.status_details?.error;
      this.fail(run, `The engine could not answer${error?.code ? ` (${error.code})` : ''}: ${error?.message ?? error?.type ?? response.status}`);
    }
    this.forgetRun(run);
  }

  private supersedeCurrent(): void {
    const run = this.current;
    if (!run || run.reply.final) return;
    run.cancelRequested = true;
    if (run.responseId) this.cancelOnWire(run);
    this.suggested.forget(run.reply.id);
    this.update(run, { final: true, state: 'superseded' });
  }

  private cancelOnWire(run: Running): void {
    this.session.get().then((connection) => connection.send({ type: 'response.cancel', response_id: run.responseId }), () => {});
  }

  private fail(run: Running, message: string): void {
    if (run.reply.final) return;
    this.suggested.forget(run.reply.id);
    this.update(run, { final: true, state: 'error', error: message });
    this.forgetRun(run);
  }

  private forgetRun(run: Running): void {
    clearTimeout(run.watchdog);
    this.running.delete(run.reply.id);
    if (run.responseId) this.byResponse.delete(run.responseId);
  }

  private update(run: Running, change: Partial<Reply>): void {
    run.reply = { ...run.reply, ...change };
    this.publish(run.reply);
  }

  private publish(reply: Reply): void {
    this.api.streams.replies.publish(reply);
    this.replies$.next(reply);
  }
}
