import OpenAI from 'openai';
import type { ClientSecret, SecretKind } from '@sotto/api';
import { BridgeError, type EngineKind } from '../common/bridge.ts';
import type { KeyStore } from './keyStore.ts';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
/** The local engine accepts any key; the SDK insists on one. */
const LOCAL_ENGINE_KEY = 'sk-local-engine';

export interface EngineChoice {
  readonly kind: EngineKind;
  readonly baseURL: string | undefined;
  readonly detail: string;
}

/** Where the local engine listens; started on first use, or undefined when it cannot run. */
export type LocalEngine = () => Promise<string | undefined>;

/**
 * Chooses OpenAI when a key is set and the local engine otherwise, and mints client secrets with the official SDK.
 * The key is read here, used for one request, and never returned.
 */
export class Engine {
  constructor(
    private readonly keys: KeyStore,
    private readonly local: LocalEngine,
    private readonly openaiBaseURL = OPENAI_BASE_URL,
  ) {}

  async choose(): Promise<EngineChoice> {
    if (await this.keys.get()) return { kind: 'openai', baseURL: this.openaiBaseURL, detail: `OpenAI, key from ${this.keys.name}` };
    const url = await this.local().catch(() => undefined);
    return { kind: 'local', baseURL: url, detail: url ? 'No API key: using the local engine' : 'No API key, and the local engine could not start' };
  }

  async client(): Promise<{ client: OpenAI; choice: EngineChoice }> {
    const choice = await this.choose();
    if (!choice.baseURL) throw new BridgeError('E_UNAVAILABLE', `${choice.detail}. Set an OpenAI API key in Settings.`);
    const apiKey = choice.kind === 'openai' ? await this.keys.get() : LOCAL_ENGINE_KEY;
    return { client: new OpenAI({ apiKey, baseURL: choice.baseURL, maxRetries: 0, timeout: 15_000 }), choice };
  }

  /**
   * Sends a plugin's request to the chosen engine with the key added here. `path` must stay under the engine's
   * base URL; the plugin's own Authorization (a placeholder) is replaced.
   */
  async send(path: string, init: { method: string; headers: Record<string, string>; body?: Uint8Array; signal?: AbortSignal }): Promise<Response> {
    const choice = await this.choose();
    if (!choice.baseURL) throw new BridgeError('E_UNAVAILABLE', `${choice.detail}. Set an OpenAI API key in Settings.`);
    const base = new URL(choice.baseURL.replace(/\/?$/, '/'));
    const url = new URL(path.replace(/^\/+/, ''), base);
    if (!/^\/[^/]/.test(path) || url.origin !== base.origin || !url.pathname.startsWith(base.pathname) || /(^|\/)\.\.?(\/|$)/.test(path.split('?')[0])) {
      throw new BridgeError('E_PERMISSION', `"${path}" is not a path under the engine's base URL.`);
    }
    const headers = new Headers(init.headers);
    for (const name of ['authorization', 'cookie', 'host', 'openai-organization', 'openai-project']) headers.delete(name);
    headers.set('authorization', `Bearer ${choice.kind === 'openai' ? await this.keys.get() : LOCAL_ENGINE_KEY}`);
    return fetch(url, { method: init.method, headers, body: init.body as BodyInit | undefined, signal: init.signal, redirect: 'error' }).catch((error: Error) => {
      if (init.signal?.aborted) throw error;
      throw new BridgeError('E_UPSTREAM', `Could not reach ${base.origin}: ${error.message}`);
    });
  }

  async mintClientSecret(kind: SecretKind, session: Record<string, unknown> = {}): Promise<ClientSecret> {
    const { client, choice } = await this.client();
    try {
      const secret = await client.realtime.clientSecrets.create({
        expires_after: { anchor: 'created_at', seconds: 600 },
        session: { ...session, type: kind } as never,
      });
      return { value: secret.value, expiresAt: secret.expires_at, baseUrl: choice.baseURL!, kind, session: secret.session };
    } catch (error) {
      throw describeApiError(error, choice);
    }
  }
}

/** Turns SDK errors into messages a user can act on, keeping the status so callers can decide to retry. */
export function describeApiError(error: unknown, choice: EngineChoice): BridgeError {
  if (error instanceof OpenAI.APIError) {
    const where = choice.kind === 'openai' ? 'OpenAI' : 'The local engine';
    if (error.status === 401) return new BridgeError('E_UNAUTHORIZED', `${where} refused the API key (401). Enter a valid key in Settings.`);
    if (error.status === 429) {
      const retry = error.headers?.get('retry-after');
      const quota = /quota/i.test(error.message);
      return new BridgeError(quota ? 'E_QUOTA' : 'E_RATE_LIMITED', quota ? `${where}: your quota is used up. Check your plan and billing.` : `${where} is rate limiting requests${retry ? `; retry after ${retry} s` : ''}.`);
    }
    if (error.status && error.status >= 500) return new BridgeError('E_UPSTREAM', `${where} had a server error (${error.status}). Sotto will retry.`);
    return new BridgeError('E_UPSTREAM', `${where} rejected the request (${error.status ?? 'no status'}): ${error.message}`);
  }
  return new BridgeError('E_UPSTREAM', `Could not reach ${choice.baseURL}: ${(error as Error).message}`);
}
