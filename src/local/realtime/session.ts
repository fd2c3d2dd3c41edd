import type { ConversationItem, SessionUpdatedEvent } from 'openai/resources/realtime/realtime';
import { newId } from '../ids.ts';
import type { Recognizer } from '../engines/recognizer.ts';
import type { VadEngine } from '../engines/vad.ts';
import type { Responder } from '../responses/responder.ts';
import { g711To24k } from '../engines/g711.ts';
import { decodePcm16 } from './audio-store.ts';
import { RealtimeConversation } from './conversation.ts';
import type { ClientEvent, RealtimeTransport } from './events.ts';
import { InputAudio } from './input-audio.ts';
import { Outbox } from './outbox.ts';
import { RealtimeResponder, type ResponseRequestParams } from './respond.ts';
import { ConfigError, applySessionUpdate, sessionView, type SessionConfig } from './session-config.ts';

export const MAX_EVENT_BYTES = 15 * 1024 * 1024;

export interface SessionDeps {
  vad: VadEngine;
  recognizer: Recognizer;
  responder: Responder;
  maxDurationMs: number;
  /** Pause between text deltas (0 = as fast as the event loop allows). */
  textDeltaDelayMs: number;
}

/** One Realtime session (realtime or transcription), whatever carries it: WebSocket, WebRTC data channel, or both. */
export class RealtimeSession {
  readonly outbox = new Outbox();
  readonly conversation = new RealtimeConversation();
  readonly conversationId = newId('conv', 10);
  readonly createdAt = Date.now();
  readonly recognizerUnavailable: string | null;
  private input!: InputAudio;
  private responses!: RealtimeResponder;
  private readonly timers: NodeJS.Timeout[] = [];
  /** Fault injection: hold the next items' transcription results this long (ms), one entry per item. */
  readonly completionDelays: number[] = [];
  private closed = false;
  private expiring = false;
  onClose?: () => void;

  private constructor(
    private current: SessionConfig,
    private readonly deps: SessionDeps,
  ) {
    this.recognizerUnavailable = deps.recognizer.unavailable;
  }

  static async start(config: SessionConfig, deps: SessionDeps): Promise<RealtimeSession> {
    const session = new RealtimeSession(config, deps);
    session.input = new InputAudio(session, await deps.vad.create(), deps.recognizer.open(config.type));
    session.responses = new RealtimeResponder(session.outbox, session.conversation, deps.responder, (c, m, p, e) => session.error(c, m, p, e), deps.textDeltaDelayMs);
    session.responses.conversationId = session.conversationId;
    session.timers.push(setTimeout(() => session.expire(), deps.maxDurationMs));
    return session;
  }

  get id(): string {
    return this.current.id;
  }

  config(): SessionConfig {
    return this.current;
  }

  /** Adds a connection; the first one gets `session.created` (+ `conversation.created` for realtime sessions). */
  attach(transport: RealtimeTransport): void {
    const greet = (body: object) => transport.send(JSON.stringify({ event_id: newId('event', 10), ...body }));
    greet({ type: 'session.created', session: sessionView(this.current) });
    if (this.current.type === 'realtime') greet({ type: 'conversation.created', conversation: { id: this.conversationId, object: 'realtime.conversation' } });
    this.outbox.transports.add(transport);
  }

  detach(transport: RealtimeTransport): void {
    this.outbox.transports.delete(transport);
    if (this.outbox.transports.size === 0) this.close();
  }

  /** 24 kHz PCM16 from a non-JSON source (the WebRTC uplink). */
  appendAudio(pcm: Int16Array): void {
    this.input.append(pcm);
  }

  error(code: string, message: string, param: string | null = null, eventId: string | null = null): void {
    this.outbox.send({ type: 'error', error: { type: 'invalid_request_error', code, message, param, event_id: eventId } });
  }

  failNextResponse(): void {
    this.responses.failures += 1;
  }

  turnDetected(itemId: string, transcript: Promise<string>): void {
    const turn = this.current.audio.input.turn_detection;
    if (this.current.type !== 'realtime' || turn?.create_response === false) return;
    void transcript.then((text) => this.responses.create({}, undefined, text));
  }

  /** Handles one client event (a WebSocket text frame or a data-channel message). Errors never close the session. */
  receive(raw: string): void {
    if (Buffer.byteLength(raw) > MAX_EVENT_BYTES) {
      this.error('event_too_large', `The event is ${(Buffer.byteLength(raw) / 1048576).toFixed(1)} MiB; the maximum is 15 MiB.`);
      return;
    }
    let event: ClientEvent;
    try {
      event = JSON.parse(raw) as ClientEvent;
    } catch {
      this.error('invalid_json', 'The event could not be parsed as JSON.');
      return;
    }
    if (!event || typeof event !== 'object' || typeof event.type !== 'string') {
      this.error('invalid_event', "The 'type' field is missing.", 'type');
      return;
    }
    try {
      this.dispatch(event);
    } catch (error) {
      // A bug must cost one event, not the process or the session.
      console.error('[sotto local] realtime event failed', error);
      this.outbox.send({ type: 'error', error: { type: 'server_error', code: 'server_error', message: 'The server had an error while processing your event.', event_id: event.event_id ?? null } });
    }
  }

  private dispatch(event: ClientEvent): void {
    const eventId = event.event_id ?? null;
    switch (event.type) {
      case 'session.update':
        try {
          this.current = applySessionUpdate(this.current, event.session);
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          this.error(error.code, error.message, error.param, eventId);
          return;
        }
        this.input.configure();
        this.outbox.send({ type: 'session.updated', session: sessionView(this.current) as unknown as SessionUpdatedEvent['session'] });
        return;
      case 'input_audio_buffer.append':
        if (typeof event.audio !== 'string') {
          this.error('missing_required_parameter', "Missing required parameter: 'audio'.", 'audio', eventId);
          return;
        }
        this.input.append(this.decodeAppend(event.audio));
        return;
      case 'input_audio_buffer.commit':
        this.input.commit(eventId ?? undefined);
        return;
      case 'input_audio_buffer.clear':
        this.input.clear();
        return;
      case 'conversation.item.create':
        this.createItem(event, eventId);
        return;
      case 'conversation.item.retrieve':
      case 'conversation.item.delete': {
        const id = String(event.item_id);
        const item = this.conversation.get(id);
        if (!item) this.error('item_not_found', `Item with item_id not found: ${id}`, 'item_id', eventId);
        else if (event.type === 'conversation.item.retrieve') this.outbox.send({ type: 'conversation.item.retrieved', item });
        else if (this.conversation.delete(id)) this.outbox.send({ type: 'conversation.item.deleted', item_id: id });
        return;
      }
      case 'response.create':
        if (this.current.type === 'transcription') {
          this.error('invalid_request_error', 'Transcription sessions do not create responses.', 'type', eventId);
          return;
        }
        void this.responses.create((event.response as ResponseRequestParams) ?? {}, eventId ?? undefined);
        return;
      case 'response.cancel':
        this.responses.cancel(event.response_id as string | undefined, eventId ?? undefined);
        return;
      case 'output_audio_buffer.clear':
        return;
      default:
        this.error('invalid_value', `Invalid value: '${event.type}'. Supported values are: 'session.update', 'input_audio_buffer.append', 'input_audio_buffer.commit', 'input_audio_buffer.clear', 'conversation.item.create', 'conversation.item.retrieve', 'conversation.item.delete', 'response.create', 'response.cancel', and 'output_audio_buffer.clear'.`, 'type', eventId);
    }
  }

  /** An append's audio in the session's input format, as 24 kHz PCM16. */
  private decodeAppend(base64: string): Int16Array {
    const format = this.current.audio.input.format.type;
    if (format === 'audio/pcmu' || format === 'audio/pcma') return g711To24k(Buffer.from(base64, 'base64'), format === 'audio/pcmu' ? 'pcmu' : 'pcma');
    return decodePcm16(base64);
  }

  private createItem(event: ClientEvent, eventId: string | null): void {
    const raw = event.item as Record<string, unknown> | undefined;
    if (!raw || typeof raw.type !== 'string') {
      this.error('missing_required_parameter', "Missing required parameter: 'item'.", 'item', eventId);
      return;
    }
    const previousId = event.previous_item_id as string | undefined;
    if (previousId && previousId !== 'root' && !this.conversation.has(previousId)) {
      this.error('item_not_found', `Previous item with id '${previousId}' not found.`, 'previous_item_id', eventId);
      return;
    }
    const item = { ...raw, id: (raw.id as string) ?? newId('item', 11), object: 'realtime.item', status: 'completed' } as ConversationItem;
    const previous = this.conversation.add(item, previousId);
    this.outbox.send({ type: 'conversation.item.added', previous_item_id: previous, item });
    this.outbox.send({ type: 'conversation.item.done', previous_item_id: previous, item });
  }

  /** The 60-minute cap (or the configured one): `session_expired`, then every connection closes. */
  expire(): void {
    if (this.closed || this.expiring) return;
    this.expiring = true;
    const minutes = Math.max(1, Math.round(this.deps.maxDurationMs / 60000));
    const message = `Your session hit the maximum duration of ${minutes} minutes.`;
    this.error('session_expired', message);
    const transports = [...this.outbox.transports];
    void this.outbox.flushed().then(() => {
      for (const t of transports) t.close(1001, message);
      this.close();
    });
  }

  /** Schedules a timer that dies with the session. */
  later(ms: number, step: () => void): void {
    this.timers.push(setTimeout(step, ms));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.outbox.transports.clear();
    this.onClose?.();
  }
}
