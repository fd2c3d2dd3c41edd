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

function remoteStream(host: HostShape, name: StreamName): Observable<never> {
  return new Observable<never>((subscriber) => {
    const channel = new MessageChannel();
    void host.$subscribe(name, transfer(channel.port2, [channel.port2]));
    return fromPort<never>(channel.port1).subscribe(subscriber);
  }).pipe(share());
}
