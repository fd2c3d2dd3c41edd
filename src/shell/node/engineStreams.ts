import type { EngineRequest } from '@sotto/api';
import { BridgeError } from '../common/bridge.ts';

export interface EngineStreamHead {
  readonly id: number;
  readonly status: number;
  readonly headers: Record<string, string>;
}

type EngineFetch = (pluginId: string, request: EngineRequest, signal: AbortSignal) => Promise<Response>;

/**
 * Engine responses held open for a transport without streams (Electron IPC invoke): the page starts a request,
 * then reads the body chunk by chunk, each read answered as soon as the engine sends something.
 */
export class EngineStreams {
  private readonly open = new Map<number, { reader: ReadableStreamDefaultReader<Uint8Array>; abort: AbortController }>();
  private nextId = 1;

  constructor(private readonly engineFetch: EngineFetch) {}

  async start(pluginId: string, request: EngineRequest): Promise<EngineStreamHead> {
    const abort = new AbortController();
    const response = await this.engineFetch(pluginId, request, abort.signal);
    const id = this.nextId++;
    if (response.body) this.open.set(id, { reader: response.body.getReader(), abort });
    return { id, status: response.status, headers: Object.fromEntries(response.headers) };
  }

  async read(id: number): Promise<{ chunk?: Uint8Array; done: boolean }> {
    const entry = this.open.get(id);
    if (!entry) return { done: true };
    const { value, done } = await entry.reader.read().catch((error: Error) => {
      this.open.delete(id);
      throw new BridgeError('E_UPSTREAM', error.message);
    });
    if (done) this.open.delete(id);
    return done ? { done } : { chunk: value, done: false };
  }

  cancel(id: number): void {
    this.open.get(id)?.abort.abort();
    this.open.delete(id);
  }
}
