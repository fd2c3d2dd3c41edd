import { Observable, type Subscription } from 'rxjs';
import { fromErrorDto, toErrorDto, type ErrorDto } from '../common/errors.ts';

/** Messages on a stream port: next, error, complete (sender → receiver) and unsubscribe (receiver → sender). */
type PortMessage<T> = { n: T } | { e: ErrorDto } | { c: true } | { u: true };

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
  port.onmessage = (event: MessageEvent<PortMessage<T>>) => {
    if ('u' in event.data) {
      subscription.unsubscribe();
      port.close();
    }
  };
  subscription.add(() => port.close());
  return subscription;
}

/** The receiving end of `pipeToPort`: a cold observable for one subscriber. */
export function fromPort<T>(port: MessagePort): Observable<T> {
  return new Observable<T>((subscriber) => {
    port.onmessage = (event: MessageEvent<PortMessage<T>>) => {
      const message = event.data;
      if ('n' in message) subscriber.next(message.n);
      else if ('e' in message) subscriber.error(fromErrorDto(message.e));
      else if ('c' in message) subscriber.complete();
    };
    return () => {
      port.onmessage = null;
      try {
        port.postMessage({ u: true } satisfies PortMessage<T>);
      } finally {
        port.close();
      }
    };
  });
}
