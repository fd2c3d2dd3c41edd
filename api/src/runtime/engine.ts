import { transfer } from 'comlink';
import { fromErrorDto, unwrap } from '../common/errors.ts';
import type { EngineChunk, EngineInfo, EngineRequest } from '../model/services.ts';
import type { EngineFetchInit, SottoApi } from '../plugin.ts';
import { fromPort } from '../rpc/portStream.ts';
import type { HostShape } from '../rpc/shapes.ts';

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** Normalises any fetch body (string, bytes, FormData for uploads) to bytes and the headers it implies. */
async function toWire(path: string, init: EngineFetchInit): Promise<EngineRequest> {
  const method = (init.method ?? 'GET').toUpperCase();
  const request = new Request('http://engine.invalid/', { method, headers: init.headers, body: method === 'GET' || method === 'HEAD' ? undefined : init.body });
  const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
  return { path, method, headers: Object.fromEntries(request.headers), body };
}

/**
 * The worker side of `api.engine.fetch`: the request crosses to the host, and the answer comes back as a real
 * `Response` whose body is a ReadableStream fed by a port, so SSE streams chunk by chunk. Aborting the signal
 * or cancelling the body closes the port, which aborts the request in the shell.
 */
async function engineFetch(host: HostShape, path: string, init: EngineFetchInit = {}): Promise<Response> {
  const signal = init.signal;
  signal?.throwIfAborted();
  const request = await toWire(path, init);
  const channel = new MessageChannel();
  return new Promise<Response>((resolve, reject) => {
    let body!: ReadableStreamDefaultController<Uint8Array>;
    let settled = false;
    const stream = new ReadableStream<Uint8Array>({ start: (c) => void (body = c), cancel: () => subscription.unsubscribe() });
    const fail = (error: unknown) => {
      if (!settled) reject(error);
      settled = true;
      try {
        body.error(error);
      } catch {
        /* already closed */
      }
    };
    const subscription = fromPort<EngineChunk>(channel.port1).subscribe({
      next: (chunk) => {
        if ('data' in chunk) return body.enqueue(chunk.data);
        settled = true;
        resolve(new Response(NULL_BODY.has(chunk.head.status) ? null : stream, { status: chunk.head.status, headers: chunk.head.headers }));
      },
      error: fail,
      complete: () => (settled ? body.close() : fail(new Error('The engine closed the response before its head.'))),
    });
    const onAbort = () => {
      subscription.unsubscribe();
      fail(signal?.reason ?? new DOMException('The request was aborted.', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    subscription.add(() => signal?.removeEventListener('abort', onAbort));
    host.$engineFetch(request, transfer(channel.port2, [channel.port2])).then(
      (result) => !result.ok && (subscription.unsubscribe(), fail(fromErrorDto(result.error))),
      (error: unknown) => (subscription.unsubscribe(), fail(error)),
    );
  });
}

export function createEngine(host: HostShape): SottoApi['engine'] {
  const engineInfo = async (): Promise<EngineInfo> => unwrap(await host.$engineInfo());
  return {
    info: engineInfo,
    fetch: (path, init) => engineFetch(host, path, init),
    async clientOptions() {
      const { baseURL } = await engineInfo();
      // The SDK sends full URLs; only paths under the reported base go to the engine, so the key's scope stays the engine.
      const fetch = (url: string | URL | Request, init?: EngineFetchInit) => {
        const href = typeof url === 'string' ? url : url instanceof URL ? url.href : url.url;
        if (!href.startsWith(baseURL)) return Promise.reject(new TypeError(`api.engine reaches only ${baseURL}, not ${href}.`));
        return engineFetch(host, href.slice(baseURL.length) || '/', init);
      };
      return { apiKey: 'injected-by-host', baseURL, fetch, dangerouslyAllowBrowser: true };
    },
  };
}
