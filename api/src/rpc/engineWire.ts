import { Observable, type Subscription } from 'rxjs';
import type { EngineChunk } from '../model/services.ts';
import { pipeToPort } from './portStream.ts';

/** An engine's answer as the shell hands it over: the head, and the body as it arrives. */
export interface EngineReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: AsyncIterable<Uint8Array> | null;
}

/**
 * The host side of `$engineFetch`: opens the request when the worker listens, posts the head and each body chunk
 * on `port`, and aborts the request when the worker lets go of the port.
 */
export function serveEngineResponse(open: (signal: AbortSignal) => Promise<EngineReply>, port: MessagePort): Subscription {
  const chunks = new Observable<EngineChunk>((subscriber) => {
    const abort = new AbortController();
    void (async () => {
      const reply = await open(abort.signal);
      subscriber.next({ head: { status: reply.status, headers: reply.headers } });
      if (reply.body) for await (const data of reply.body) subscriber.next({ data });
      subscriber.complete();
    })().catch((error: unknown) => subscriber.error(error));
    return () => abort.abort();
  });
  return pipeToPort(chunks, port);
}

/** A fetch `Response` as an EngineReply (Node and browsers both iterate ReadableStreams). */
export function replyOf(response: Response): EngineReply {
  return { status: response.status, headers: Object.fromEntries(response.headers), body: response.body as AsyncIterable<Uint8Array> | null };
}
