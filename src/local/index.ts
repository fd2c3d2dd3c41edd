import type { AddressInfo } from 'node:net';
import { SileroVadEngine } from './engines/vad.ts';
import { PocketsphinxRecognizer } from './engines/pocketsphinx.ts';
import type { Recognizer } from './engines/recognizer.ts';
import { ScriptedRecognizer } from './engines/scripted-recognizer.ts';
import { MatchedRecognizer } from './engines/matched-recognizer.ts';
import { readWav24k } from './engines/read-wav.ts';
import { FaultRegistry } from './faults/registry.ts';
import { createHttpServer } from './http/server.ts';
import { buildRouter } from './http/routes/index.ts';
import { loadNotes } from './knowledge/load-notes.ts';
import { NotesIndex } from './knowledge/notes-index.ts';
import { DEFAULT_ANSWER_MIN_SCORE, DEFAULT_SESSION_MAX_MS, type LocalServerOptions } from './options.ts';
import { RealtimeHub } from './realtime/hub.ts';
import { attachRealtimeWebSocket } from './realtime/ws-transport.ts';
import { Responder } from './responses/responder.ts';
import { ConversationStore } from './store/conversations.ts';
import { FileStore } from './store/files.ts';
import { SecretStore } from './store/secrets.ts';
import { VectorStoreStore } from './store/vector-stores.ts';
import type { LocalContext } from './context.ts';

export type { LocalServerOptions, ScriptedReply, RecognizerOption, MatchedUtteranceOption } from './options.ts';
export type { DataChannelWorkaround } from './realtime/data-channel-sender.ts';
export type { FaultPlan, HttpFault, RealtimeFault, RealtimeFaultAction } from './faults/plan.ts';
export { POCKETSPHINX_MISSING } from './engines/pocketsphinx.ts';
export { ABSTAIN_TEXT, NOTES_LABEL } from './responses/responder.ts';

export interface LocalServer {
  /** Base URL for the `openai` SDK, e.g. `http://127.0.0.1:8123/v1`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts `sotto local`: an OpenAI-compatible server on 127.0.0.1 for offline use and for tests. */
export async function startLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const notes = new NotesIndex();
  for (const note of await loadNotes(options.knowledgeDirs ?? [])) notes.add(note);
  const recognizer = await makeRecognizer(options);
  const responder = new Responder(notes, options.answerMinScore ?? DEFAULT_ANSWER_MIN_SCORE, options.responder?.replies);
  const faults = new FaultRegistry(Boolean(options.faults), typeof options.faults === 'object' ? options.faults : undefined);
  const maxDurationMs = options.sessionMaxDurationMs ?? DEFAULT_SESSION_MAX_MS;
  const vad = new SileroVadEngine();
  const ctx: LocalContext = {
    files: new FileStore(),
    vectorStores: new VectorStoreStore(),
    conversations: new ConversationStore(),
    responses: new Map(),
    secrets: new SecretStore(),
    notes,
    responder,
    recognizer,
    faults,
    realtime: new RealtimeHub({ vad, recognizer, responder, maxDurationMs, textDeltaDelayMs: options.textDeltaDelayMs ?? 0 }, faults),
    textDeltaDelayMs: options.textDeltaDelayMs ?? 0,
    apiKeys: options.apiKeys ? new Set(options.apiKeys) : undefined,
    unknownModels: new Set(options.unknownModels ?? []),
    deprecatedModels: options.deprecatedModels ?? {},
    calls: new Map(),
    dataChannel: { mode: options.dataChannelWorkaround ?? 'early-retransmit', windowMs: options.dataChannelWindowMs ?? 3000 },
  };
  await vad.create();
  const server = createHttpServer(buildRouter(ctx), ctx, options.tls);
  const wss = attachRealtimeWebSocket(server, ctx);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}/v1`,
    port,
    async close() {
      for (const call of ctx.calls.values()) call.hangup();
      ctx.realtime.closeAll();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function makeRecognizer(options: LocalServerOptions): Promise<Recognizer> {
  const choice = options.recognizer ?? 'pocketsphinx';
  if (choice === 'pocketsphinx') return new PocketsphinxRecognizer();
  if ('utterances' in choice) return new ScriptedRecognizer(choice.utterances, choice.msPerWord);
  const utterances = await Promise.all(
    choice.matched.map(async ({ text, wav, pcm24k }) => {
      if (pcm24k) return { text, pcm24k };
      if (wav) return { text, pcm24k: await readWav24k(wav) };
      throw new Error(`recognizer.matched: "${text}" needs its audio, as wav (a file) or pcm24k`);
    }),
  );
  return new MatchedRecognizer(utterances);
}
