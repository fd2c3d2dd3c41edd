import { MessageChannel as NodeMessageChannel } from 'node:worker_threads';
import { firstValueFrom, Subject, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { PluginError } from '@sotto/api';
import { fromPort, pipeToPort } from '@sotto/api/rpc';

/** Node's ports (worker threads) and the DOM-style ports Node also has: the stream protocol must work on both. */
const channels = {
  'worker_threads MessageChannel': () => new NodeMessageChannel() as unknown as MessageChannel,
  'global MessageChannel with onmessage only': () => {
    const channel = new MessageChannel();
    // As in a browser: no EventEmitter-style listeners.
    for (const port of [channel.port1, channel.port2]) Object.assign(port, { on: undefined, off: undefined });
    return channel;
  },
};

describe.each(Object.entries(channels))('a stream over a port (%s)', (_name, open) => {
  it('delivers values in order, then completes', async () => {
    const { port1, port2 } = open();
    const source = new Subject<number>();
    pipeToPort(source, port1);
    const received = firstValueFrom(fromPort<number>(port2).pipe(toArray()));
    await new Promise((resolve) => setTimeout(resolve, 10));
    for (let i = 0; i < 100; i++) source.next(i);
    source.complete();
    expect(await received).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('carries an error with its code', async () => {
    const { port1, port2 } = open();
    const source = new Subject<number>();
    pipeToPort(source, port1);
    const received = firstValueFrom(fromPort<number>(port2));
    await new Promise((resolve) => setTimeout(resolve, 10));
    source.error(new PluginError('E_UNAVAILABLE', 'the device went away'));
    await expect(received).rejects.toMatchObject({ code: 'E_UNAVAILABLE', message: 'the device went away' });
  });

  it('stops the source when the receiver unsubscribes', async () => {
    const { port1, port2 } = open();
    const source = new Subject<number>();
    pipeToPort(source, port1);
    const seen: number[] = [];
    const subscription = fromPort<number>(port2).subscribe((value) => seen.push(value));
    await new Promise((resolve) => setTimeout(resolve, 10));
    source.next(1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    subscription.unsubscribe();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(source.observed).toBe(false);
    expect(seen).toEqual([1]);
  });
});
