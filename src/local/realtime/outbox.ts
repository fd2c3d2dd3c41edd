import { newId } from '../ids.ts';
import type { RealtimeServerEvent } from 'openai/resources/realtime/realtime';
import type { RealtimeTransport, ServerEventBody } from './events.ts';

/**
 * Stamps server events with ids and sends them to every transport of the session, in order. Fault injection can
 * delay or stall what follows, or run a step right before a given event type first goes out.
 */
export class Outbox {
  readonly transports = new Set<RealtimeTransport>();
  private delayMs = 0;
  private stalled = false;
  private chain: Promise<void> = Promise.resolve();
  private readonly beforeEvent = new Map<string, () => void>();
  /** Every event sent, for tests and the admin route. */
  onSent?: (event: RealtimeServerEvent) => void;

  send(body: ServerEventBody): RealtimeServerEvent {
    const event = { event_id: newId('event', 10), ...body } as RealtimeServerEvent;
    const hook = this.beforeEvent.get(event.type);
    if (hook) {
      this.beforeEvent.delete(event.type);
      hook();
    }
    const text = JSON.stringify(event);
    if (this.stalled) return event;
    if (this.delayMs > 0) {
      // A constant latency, as from a slow server or link: each event leaves `delayMs` after it was made, in order.
      const due = Date.now() + this.delayMs;
      this.chain = this.chain.then(() => new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())))).then(() => this.write(text, event));
    } else {
      this.write(text, event);
    }
    return event;
  }

  /** A frame that is not JSON at all (fault injection). */
  sendRaw(text: string): void {
    for (const t of this.transports) t.send(text);
  }

  /** Resolves once delayed events have gone out. */
  flushed(): Promise<void> {
    return this.chain;
  }

  delay(ms: number): void {
    this.delayMs = ms;
  }

  stall(): void {
    this.stalled = true;
  }

  before(type: string, step: () => void): void {
    this.beforeEvent.set(type, step);
  }

  private write(text: string, event: RealtimeServerEvent): void {
    if (this.stalled) return;
    for (const t of this.transports) t.send(text);
    this.onSent?.(event);
  }
}
