/**
 * The official `openai` SDK for plugins, wired to the host: requests go through `api.engine.fetch`, so the worker
 * needs no network and never holds the API key. Plugins import it from `@sotto/api/openai`.
 */
import OpenAI, { type ClientOptions } from 'openai';
import type { SottoApi } from '../plugin.ts';

export { OpenAI, toFile, APIError, APIUserAbortError, RateLimitError, NotFoundError, BadRequestError } from 'openai';
export type * as Responses from 'openai/resources/responses/responses';

/** An SDK client on the current engine. `options` may set retries and timeouts; the key and base URL are the host's. */
export async function engineClient(api: SottoApi, options: Omit<ClientOptions, 'apiKey' | 'baseURL' | 'fetch' | 'dangerouslyAllowBrowser'> = {}): Promise<OpenAI> {
  const engine = await api.engine.clientOptions();
  return new OpenAI({ ...options, ...engine, fetch: engine.fetch as ClientOptions['fetch'] });
}
