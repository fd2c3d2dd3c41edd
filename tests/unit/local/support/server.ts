import OpenAI from 'openai';
import { startLocalServer, type LocalServer, type LocalServerOptions } from '../../../../src/local/index.ts';

/** A local server and an official SDK client pointed at it (no retries, so tests see each status). */
export async function localWithClient(options: LocalServerOptions = {}): Promise<{ server: LocalServer; client: OpenAI }> {
  const server = await startLocalServer(options);
  const client = new OpenAI({ apiKey: 'sk-local-test', baseURL: server.url, maxRetries: 0, timeout: 10_000 });
  return { server, client };
}
