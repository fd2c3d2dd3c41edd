import { map, merge } from 'rxjs';
import type { EchoSuppression, NetResponse, TranscriptSegment } from '@sotto/api';
import { buildCatalog } from '../../host/node/catalog/buildCatalog.ts';
import { createHeadlessHost } from '../../host/node/createHeadlessHost.ts';
import { WavCaptureService } from '../../host/node/capture/wavCaptureService.ts';
import { CallController } from '../../host/common/call/callController.ts';
import { MemorySettings } from '../../host/common/memorySettings.ts';
import { Engine } from '../../shell/node/engine.ts';
import { EnvFirstKeyStore, MemoryKeyStore } from '../../shell/node/keyStore.ts';
import { osKeychain } from '../../shell/node/osKeychain.ts';
import { cacheDir } from '../../shell/node/paths.ts';
import { printReplies } from './printReplies.ts';
import { printAnswers, printPanels } from './printAnswers.ts';
import { headlessGateway } from '../../shell/node/headlessGateway.ts';
import { printSegments, settle, type Progress } from './printSegments.ts';
import { feedTranscript } from './transcriptInput.ts';

export interface ReplayOptions {
  readonly you?: string;
  readonly participant?: string;
  readonly engine: 'local' | 'openai';
  readonly localUrl?: string;
  readonly json: boolean;
  readonly speed: number;
  readonly pluginsDir: string;
  /** A saved call's final lines, fed to the plugins instead of capture and transcription. */
  readonly transcript?: readonly TranscriptSegment[];
  /** Notes folders for the local engine's answers; the first is also the assistant's knowledge folder. */
  readonly knowledgeDirs?: readonly string[];
  /** A CRM export (CSV or JSON) for the crm-lookup example plugin, which is turned on with it. */
  readonly crmFile?: string;
  readonly echoSuppression?: EchoSuppression;
}

/** The headless call: built-in plugins in worker threads, recordings as capture, the Realtime WebSocket transport. */
export async function runReplay(options: ReplayOptions): Promise<number> {
  const write = (line: string) => process.stdout.write(`${line}\n`);
  const warn = (line: string) => process.stderr.write(`${line}\n`);
  let local: { url: string; close(): Promise<void> } | undefined;
  if (options.engine === 'local' && !options.localUrl) {
    const { startLocalServer } = await import('../../local/index.ts');
    local = await startLocalServer({ port: 0, knowledgeDirs: options.knowledgeDirs ? [...options.knowledgeDirs] : undefined });
  }
  const keys = options.engine === 'openai' ? new EnvFirstKeyStore(await osKeychain()) : new MemoryKeyStore();
  if (options.engine === 'openai' && !(await keys.get())) {
    warn('No OpenAI API key: set OPENAI_API_KEY, save one in the workbench, or use --engine local.');
    return 1;
  }
  const engine = new Engine(keys, async () => options.localUrl ?? local?.url);
  const catalog = (await buildCatalog([{ dir: options.pluginsDir, builtin: true }])).filter((p) => p.manifest);
  const settings = new MemorySettings({
    enabled: options.crmFile ? { 'crm-lookup': true } : {},
    values: {
      transcription: { transport: 'websocket' },
      ...(options.knowledgeDirs?.[0] ? { 'assistant-runs': { knowledgeFolder: options.knowledgeDirs[0] } } : {}),
      ...(options.crmFile ? { 'crm-lookup': { exportFile: options.crmFile } } : {}),
    },
  });
  const host = createHeadlessHost({
    catalog,
    cacheDir: cacheDir(),
    settings,
    gateway: {
      ...headlessGateway(engine, (pluginId) => settings.values(pluginId)),
      mintClientSecret: (_pluginId, kind, session) => engine.mintClientSecret(kind, session),
      fetch: async (_pluginId, url, init): Promise<NetResponse> => {
        const response = await fetch(url, { method: init?.method, headers: init?.headers, body: init?.body });
        return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
      },
    },
    log: { log: (pluginId, level, message) => level !== 'info' && warn(`[${pluginId}] ${message}`) },
  });
  const capture = new WavCaptureService({ speed: options.speed });
  const call = new CallController(host, capture);
  const transcript$ = host.bus.stream('transcript');
  const printing = printSegments(transcript$, options.json, write);
  printing.add(printReplies(host.bus.stream('replies'), options.json, write));
  printing.add(printAnswers(host.bus.stream('answers'), options.json, write));
  printing.add(printPanels(host.contributions.panels$, catalog.map((p) => p.id), options.json, write));
  const progress$ = merge(
    transcript$.pipe(map((s): Progress => ({ key: s.itemId, final: s.final }))),
    host.bus.stream('replies').pipe(map((r): Progress => ({ key: r.id, final: r.final }))),
    host.bus.stream('answers').pipe(map((a): Progress => ({ key: a.id, final: a.final }))),
  );
  let failure: string | undefined;
  const states = host.bus.stream('callState').subscribe((state) => state.status === 'error' && (failure ??= state.detail));
  try {
    await host.start();
    // Answers should cite the knowledge folder from the first question on.
    if (options.knowledgeDirs?.length && host.isEnabled('assistant-runs')) await host.executeCommand('assistant-runs.syncKnowledge');
    if (options.transcript) {
      await feedTranscript(options.transcript, options.speed, (segment) => host.bus.publish('transcript', segment), () => settle(progress$, 200, 30_000));
      if (!(await settle(progress$, 1_500, 30_000))) warn('Some replies never became final within 30 s after the last line.');
      return 0;
    }
    await call.start({
      ...(options.you ? { you: { kind: 'file' as const, url: options.you } } : {}),
      ...(options.participant ? { participant: { kind: 'file' as const, url: options.participant } } : {}),
      echoSuppression: options.echoSuppression,
    });
    if (!failure) await Promise.race([capture.whenFinished(), new Promise<void>((resolve) => host.bus.stream('callState').subscribe((s) => s.status === 'error' && resolve()))]);
    if (!failure && !(await settle(progress$, 1_500, 30_000))) warn('Some lines or replies never became final within 30 s after the audio ended.');
    if (failure) warn(`Replay failed: ${failure}`);
    return failure ? 1 : 0;
  } finally {
    await call.stop();
    printing.unsubscribe();
    states.unsubscribe();
    await host.dispose();
    await local?.close();
  }
}
