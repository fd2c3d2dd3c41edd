import { ReplaySubject } from 'rxjs';
import type { AssistantAnswer, Question, RealtimeClientEvent, RealtimeServerEvent, Reply, TranscriptSegment } from '@sotto/api';
import type { HostRealtimeConnection } from '@sotto/api/rpc';
import { startLocalServer, type LocalServer } from '../../src/local/index.ts';
import type { LocalServerOptions } from '../../src/local/options.ts';
import { buildCatalog } from '../../src/host/node/catalog/buildCatalog.ts';
import { createHeadlessHost } from '../../src/host/node/createHeadlessHost.ts';
import { WsRealtimeGateway } from '../../src/host/node/wsRealtimeGateway.ts';
import { MemorySettings } from '../../src/host/common/memorySettings.ts';
import type { PluginHost } from '../../src/host/common/pluginHost.ts';
import type { RealtimeGateway } from '../../src/host/common/services.ts';
import { Engine } from '../../src/shell/node/engine.ts';
import { headlessGateway } from '../../src/shell/node/headlessGateway.ts';
import { MemoryKeyStore } from '../../src/shell/node/keyStore.ts';
import { builtinPluginsDir, scratchDir } from './fixtures.ts';

/** One event on a Realtime WebSocket as the host saw it: what a plugin sent, or what the server sent back. */
export interface WireEvent {
  readonly direction: 'sent' | 'received';
  readonly pluginId: string;
  readonly at: number;
  readonly event: RealtimeClientEvent | RealtimeServerEvent;
}

/** The host's WebSocket gateway with a tap on every event, both ways, timed when it meets the socket. */
class TappedGateway implements RealtimeGateway {
  readonly wire = new ReplaySubject<WireEvent>();
  private readonly inner = new WsRealtimeGateway();

  async connect(pluginId: string, options: Parameters<RealtimeGateway['connect']>[1]): Promise<HostRealtimeConnection> {
    const connection = await this.inner.connect(pluginId, options);
    connection.events$.subscribe((event) => this.wire.next({ direction: 'received', pluginId, at: performance.now(), event }));
    return {
      events$: connection.events$,
      state$: connection.state$,
      send: (event) => {
        connection.send(event);
        this.wire.next({ direction: 'sent', pluginId, at: performance.now(), event });
      },
      close: () => connection.close(),
    };
  }
}

export interface Harness {
  readonly local: LocalServer;
  readonly host: PluginHost;
  readonly wire: WireEvent[];
  /** Every reply update, with the time it reached the host's bus. */
  readonly replies: (Reply & { at: number })[];
  readonly questions: Question[];
  /** Every assistant answer update, timed like replies. */
  readonly answers: (AssistantAnswer & { at: number })[];
  /** Publishes a final line as a transcriber would; returns when it was published. */
  say(text: string, channel?: TranscriptSegment['channel']): number;
  admin(method: string, path: string, body?: unknown): Promise<unknown>;
  until<T>(probe: () => T | undefined, what: string, ms?: number): Promise<T>;
  latest(replyId: string): Reply | undefined;
  close(): Promise<void>;
}

/** `sotto local` and a headless host running the given built-in plugins, with the Realtime wire tapped. */
export async function startHarness(options: { plugins: string[]; local?: LocalServerOptions; settings?: Record<string, Record<string, unknown>> }): Promise<Harness> {
  const local = await startLocalServer({ port: 0, faults: true, ...options.local });
  const engine = new Engine(new MemoryKeyStore(), async () => local.url);
  const catalog = (await buildCatalog([{ dir: builtinPluginsDir, builtin: true }])).filter((p) => options.plugins.includes(p.id));
  const gateway = new TappedGateway();
  const settings = new MemorySettings({ values: { transcription: { transport: 'websocket' }, ...options.settings } });
  const host = createHeadlessHost({
    catalog,
    cacheDir: scratchDir('bundles'),
    settings,
    gateway: {
      ...headlessGateway(engine, (pluginId) => settings.values(pluginId)),
      mintClientSecret: (_id, kind, session) => engine.mintClientSecret(kind, session),
      fetch: () => Promise.reject(new Error('no network')),
    },
    realtime: gateway,
    log: { log: () => {} },
  });
  const wire: WireEvent[] = [];
  const replies: Harness['replies'] = [];
  const questions: Question[] = [];
  const answers: Harness['answers'] = [];
  gateway.wire.subscribe((e) => wire.push(e));
  host.bus.stream('replies').subscribe((reply) => replies.push({ ...reply, at: performance.now() }));
  host.bus.stream('questions').subscribe((question) => questions.push(question));
  host.bus.stream('answers').subscribe((answer) => answers.push({ ...answer, at: performance.now() }));
  await host.start();
  let line = 0;
  const origin = local.url.replace(/\/v1$/, '');
  return {
    local,
    host,
    wire,
    replies,
    questions,
    answers,
    say(text, channel = 'participant') {
      line += 1;
      const at = performance.now();
      host.bus.publish('transcript', { channel, itemId: `item_line${line}`, previousItemId: line > 1 ? `item_line${line - 1}` : null, text, final: true, start: line * 5, end: line * 5 + 2 });
      return at;
    },
    async admin(method, path, body) {
      const response = await fetch(`${origin}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return response.json();
    },
    async until(probe, what, ms = 8_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const value = probe();
        if (value !== undefined && value !== false) return value;
        if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}; wire: ${wire.map((e) => `${e.direction} ${e.event.type}`).join(', ') || 'nothing'}; replies: ${JSON.stringify(replies.at(-1)) ?? 'none'}; ${questions.length} questions`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    latest: (replyId) => replies.findLast((r) => r.id === replyId),
    async close() {
      await host.dispose();
      await local.close();
    },
  };
}

/** The events of one type on the wire, in order. */
export const onWire = (h: Harness, direction: WireEvent['direction'], type: string) => h.wire.filter((e) => e.direction === direction && e.event.type === type);
