import { WebSocket } from 'ws';
import { realtimeEventErrors } from './openapi.ts';

export type ServerEvent = { type: string; [key: string]: unknown };

/** Collects a realtime connection's server events, checks each against the spec, and waits for the ones a test wants. */
export class EventLog {
  readonly events: ServerEvent[] = [];
  readonly schemaErrors: string[] = [];
  readonly unparsable: string[] = [];
  private waiters: Array<() => void> = [];

  push(raw: string): void {
    let event: ServerEvent;
    try {
      event = JSON.parse(raw) as ServerEvent;
    } catch {
      this.unparsable.push(raw);
      return;
    }
    this.events.push(event);
    this.schemaErrors.push(...realtimeEventErrors(event));
    for (const wake of this.waiters.splice(0)) wake();
  }

  of(type: string): ServerEvent[] {
    return this.events.filter((e) => e.type === type);
  }

  /** Resolves with the `count`th event of `type` (1-based) matching `where`. */
  async next(type: string, where: (e: ServerEvent) => boolean = () => true, count = 1, timeoutMs = 10_000): Promise<ServerEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.filter((e) => e.type === type && where(e));
      if (found.length >= count) return found[count - 1];
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${type} #${count}; saw ${this.events.map((e) => e.type).join(', ')}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }
}

/** A plain `ws` client for the realtime endpoint (browser-style subprotocol auth). */
export async function openRealtime(baseUrl: string, query: string, key = 'sk-local-test'): Promise<{ ws: WebSocket; log: EventLog; send: (event: object) => void; closed: Promise<{ code: number; reason: string }> }> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/realtime?${query}`, ['realtime', `openai-insecure-api-key.${key}`]);
  const log = new EventLog();
  ws.on('message', (data) => log.push(data.toString()));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, log, send: (event) => ws.send(JSON.stringify(event)), closed };
}
