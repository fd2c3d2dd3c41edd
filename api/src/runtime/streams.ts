import { Observable, share } from 'rxjs';
import { transfer } from 'comlink';
import { streamNames, type StreamName } from '../model/call.ts';
import type { SottoStreams } from '../plugin.ts';
import { fromPort } from '../rpc/portStream.ts';
import type { HostShape } from '../rpc/shapes.ts';

/** The worker side of the shared streams: one port per stream, opened on the first subscription. */
export function createStreams(host: HostShape): SottoStreams {
  const entries = streamNames.map((name) => [name, { events$: remoteStream(host, name), publish: (value: unknown) => void host.$publish(name, value) }]);
  return Object.fromEntries(entries) as SottoStreams;
}

const opening = new Set<Promise<void>>();

/**
 * Resolves once every stream subscription made so far is live at the host. Activation waits for it: host calls
 * travel on their own port, so without it what is published right after activation could reach the bus before
 * the plugin's subscription does, and be missed (seen under load with `sotto replay --transcript`).
 */
export async function streamsOpened(): Promise<void> {
  await Promise.all([...opening]);
}

function remoteStream(host: HostShape, name: StreamName): Observable<never> {
  return new Observable<never>((subscriber) => {
    const channel = new MessageChannel();
    const opened = host.$subscribe(name, transfer(channel.port2, [channel.port2])).catch(() => {}).finally(() => opening.delete(opened));
    opening.add(opened);
    return fromPort<never>(channel.port1).subscribe(subscriber);
  }).pipe(share());
}
