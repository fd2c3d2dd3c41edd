import type { SecretKind } from '../manifest/types.ts';

export interface NetRequest {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface NetResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A short-lived Realtime client secret (`ek_…`). The long-lived API key never leaves the shell. */
export interface ClientSecret {
  readonly value: string;
  /** Epoch seconds. */
  readonly expiresAt: number;
  /** Base URL of the engine that issued it, e.g. https://api.openai.com/v1 or the local engine's. */
  readonly baseUrl: string;
  readonly kind: SecretKind;
  readonly session: unknown;
}

export interface SettingChange {
  readonly key: string;
  readonly value: unknown;
}

/** The engine plugins reach through `api.engine`: its base URL (never a key). */
export interface EngineInfo {
  readonly kind: 'openai' | 'local';
  /** e.g. https://api.openai.com/v1, or the local engine's http://127.0.0.1:N/v1. */
  readonly baseURL: string;
}

/** One request to the engine as it crosses the wire; the shell resolves `path` against the current engine and adds the key. */
export interface EngineRequest {
  /** Path under the engine's base URL, with its query: `/responses`, `/vector_stores/vs_1/files?limit=10`. */
  readonly path: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Uint8Array;
}

/** An engine response on its port: the head, then the body in chunks as they arrive (SSE streams). */
export type EngineChunk = { readonly head: { readonly status: number; readonly headers: Readonly<Record<string, string>> } } | { readonly data: Uint8Array };

/** An assistant tool contributed by an enabled plugin, as `api.tools.list()` reports it. */
export interface ToolInfo {
  readonly pluginId: string;
  readonly name: string;
  readonly description: string;
  readonly inputSchema: { readonly [key: string]: unknown };
}

/** A user file read through `api.files`. */
export interface UserFile {
  readonly path: string;
  readonly name: string;
  /** The content as UTF-8 text (lossy for binary files). */
  readonly text: string;
  /** Base64 of the bytes, only when the file is not UTF-8 text (PDF, DOCX…). */
  readonly binary?: string;
}
