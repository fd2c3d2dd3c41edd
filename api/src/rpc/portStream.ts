import { Observable, type Subscription } from 'rxjs';
import { fromErrorDto, toErrorDto, type ErrorDto } from '../common/errors.ts';

/** Messages on a stream port: next, error, complete (sender → receiver) and unsubscribe (receiver → sender). */
type PortMessage<T> = { n: T } | { e: ErrorDto } | { c: true } | { u: true };

/**
 * Node's MessagePort (worker_threads) also has EventEmitter-style listeners, which are given the data itself. Told
 * apart by `ref`: Electron's MessagePortMain has `on` too, but gives its listeners an event.
 */
interface NodeMessagePort {
  on(type: 'message', listener: (data: unknown) => void): unknown;
  off(type: 'message', listener: (data: unknown) => void): unknown;
  ref(): void;
}

/**
 * Calls `onData` with each message's data until the returned function is called. In Node (worker threads) an
 * `onmessage` handler costs a DOM MessageEvent built per message, which on a stream fanned out to many workers, or on
 * audio frames 50 times a second, is most of the work; a 'message' listener there gets the data without one.
 */
function listen<T>(port: MessagePort, onData: (data: T) => void): () => void {
  const node = port as unknown as Partial<NodeMessagePort>;
  if (typeof node.on === 'function' && typeof node.off === 'function' && typeof node.ref === 'function') {
    const listener = onData as (data: unknown) => void;
    node.on('message', listener);
    return () => node.off!('message', listener);
  }
  port.onmessage = (event: MessageEvent<T>) => onData(event.data);
  return () => (port.onmessage = null);
}

/**
 * Sends every value of `source` on `port` until the other side unsubscribes or the source ends. A raw port
 * carries one message per event with no acknowledgement, which keeps stream fan-out cheap.
 */
export function pipeToPort<T>(source: Observable<T>, port: MessagePort): Subscription {
  const post = (message: PortMessage<T>) => port.postMessage(message);
  const subscription = source.subscribe({
    next: (value) => post({ n: value }),
    error: (error) => {
      post({ e: toErrorDto(error) });
      port.close();
    },
    complete: () => {
      post({ c: true });
      port.close();
    },
  });
  listen<PortMessage<T>>(port, (message) => {
    if ('u' in message) {
      subscription.unsubscribe();
      port.close();
    }
  });
  subscription.add(() => port.close());
  return subscription;
}

/** The receiving end of `pipeToPort`: a cold observable for one subscriber. */
export function fromPort<T>(port: MessagePort): Observable<T> {
  return new Observable<T>((subscriber) => {
    const stop = listen<PortMessage<T>>(port, (message) => {
      if ('n' in message) subscriber.next(message.n);
      else if ('e' in message) subscriber.error(fromErrorDto(message.e));
      else if ('c' in message) subscriber.complete();
    });
    return () => {
      stop();
      try {
        port.postMessage({ u: true } satisfies PortMessage<T>);
      } finally {
        port.close();
      }
    };
  });
}
