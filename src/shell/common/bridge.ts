import type { ClientSecret, EngineInfo, NetRequest, NetResponse, Reply, SecretKind, TranscriptSegment, UserFile } from '@sotto/api';
import type { PluginDescription } from '../../host/common/pluginDescription.ts';

export type EngineKind = 'openai' | 'local';

export interface ShellInfo {
  readonly shell: 'electron' | 'web';
  readonly engine: EngineKind;
  /** Why this engine: e.g. "OPENAI_API_KEY is set" or "no API key: using the local engine". */
  readonly engineDetail: string;
  /** Base URL the engine answers on; never carries a key. */
  readonly engineUrl: string | undefined;
  readonly hasKey: boolean;
  /** Where the key lives: "environment", "macOS keychain", "safeStorage"… */
  readonly keyStore: string;
  readonly apiVersion: string;
}

export interface SettingsSnapshot {
  readonly enabled: Readonly<Record<string, boolean>>;
  readonly values: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/**
 * The one typed contract between the workbench and its shell, whether Electron IPC or the web shell's HTTP.
 * Each entry is `[argument, result]`. The API key can go in (setApiKey) but never comes out.
 */
export interface BridgeContract {
  getInfo: [void, ShellInfo];
  listPlugins: [void, PluginDescription[]];
  getSettings: [void, SettingsSnapshot];
  setPluginEnabled: [{ id: string; enabled: boolean }, SettingsSnapshot];
  setSetting: [{ pluginId: string; key: string; value: unknown }, SettingsSnapshot];
  setApiKey: [{ key: string }, ShellInfo];
  clearApiKey: [void, ShellInfo];
  mintClientSecret: [{ pluginId: string; kind: SecretKind; session?: Record<string, unknown> }, ClientSecret];
  netFetch: [{ pluginId: string; url: string; init?: NetRequest }, NetResponse];
  appendTranscript: [{ callId: string; segment: TranscriptSegment }, void];
  listCalls: [void, { callId: string; segments: number; modifiedAt: number }[]];
  readCall: [{ callId: string }, TranscriptSegment[]];
  savePinnedReplies: [{ callId: string; replies: Reply[] }, void];
  readPinnedReplies: [{ callId: string }, Reply[]];
  engineInfo: [{ pluginId: string }, EngineInfo];
  readUserFiles: [{ pluginId: string; key: string }, UserFile[]];
}

export type BridgeMethod = keyof BridgeContract;

export type Bridge = { readonly [K in BridgeMethod]: (arg: BridgeContract[K][0]) => Promise<BridgeContract[K][1]> };

export const bridgeMethods = [
  'getInfo',
  'listPlugins',
  'getSettings',
  'setPluginEnabled',
  'setSetting',
  'setApiKey',
  'clearApiKey',
  'mintClientSecret',
  'netFetch',
  'appendTranscript',
  'listCalls',
  'readCall',
  'savePinnedReplies',
  'readPinnedReplies',
  'engineInfo',
  'readUserFiles',
] as const satisfies readonly BridgeMethod[];

export const ipcChannel = (method: BridgeMethod): string => `sotto:${method}`;

/** IPC channels of plugins' streamed engine requests in Electron (outside the JSON bridge: bodies are read in chunks). */
export const engineChannels = { start: 'sotto:engine:start', read: 'sotto:engine:read', cancel: 'sotto:engine:cancel' } as const;

/** An error as it crosses the bridge: a code the workbench can act on and a message for the user. */
export interface BridgeErrorDto {
  readonly code: string;
  readonly message: string;
}

export class BridgeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}

export const bridgeHeader = 'x-sotto-token';

/** The web shell's streaming route for plugins' engine requests (outside the JSON bridge: bodies stream). */
export const engineFetchPath = '/bridge-stream/engineFetch';
/** Headers of that route's reply that carry the engine's own status and headers; the route itself answers 200. */
/** JSON `{pluginId, path, method, headers}` of the engine request; its body is the request's body. */
export const engineRequestHeader = 'x-sotto-engine-request';
export const engineStatusHeader = 'x-sotto-engine-status';
export const engineHeadersHeader = 'x-sotto-engine-headers';
