import { filter, map, Observable, share, shareReplay, Subject } from 'rxjs';
import { transfer } from 'comlink';
import { unwrap, type Result } from '../common/errors.ts';
import type { RealtimeClientEvent, RealtimeConnectOptions, RealtimeConnection, RealtimeConnectionState, RealtimeServerEvent } from '../model/realtime.ts';
import { fromPort, pipeToPort } from '../rpc/portStream.ts';
import type { HostShape } from '../rpc/shapes.ts';

/** What the host posts on a Realtime connection's event port. */
export type RealtimeWireMessage = { event: RealtimeServerEvent } | { state: RealtimeConnectionState };

/** The worker side of `api.realtime.connect`: one port for server events and states, one for client events. */
export function connectRealtime(host: HostShape, options: RealtimeConnectOptions): Promise<RealtimeConnection> {
  return openConnection((events, commands) => host.$realtimeConnect(options, events, commands));
}

export function attachRealtime(host: HostShape, name: string): Promise<RealtimeConnection> {
  return openConnection((events, commands) => host.$realtimeAttach(name, events, commands));
}

async function openConnection(open: (events: MessagePort, commands: MessagePort) => Promise<Result<void>>): Promise<RealtimeConnection> {
  const events = new MessageChannel();
  const commands = new MessageChannel();
  unwrap(await open(transfer(events.port2, [events.port2]), transfer(commands.port2, [commands.port2])));
  const outgoing = new Subject<RealtimeClientEvent>();
  pipeToPort(outgoing, commands.port1);
  const wire$ = fromPort<RealtimeWireMessage>(events.port1).pipe(share());
  const state$ = wire$.pipe(
    filter((m): m is { state: RealtimeConnectionState } => 'state' in m),
    map((m) => m.state),
    shareReplay(1),
  );
  // Events that arrive before the plugin subscribes (session.created comes quickly) are held for its first subscriber.
  const early: RealtimeServerEvent[] = [];
  const live = new Subject<RealtimeServerEvent>();
  let delivering = false;
  const events$ = new Observable<RealtimeServerEvent>((subscriber) => {
    const subscription = live.subscribe(subscriber);
    if (!delivering) {
      delivering = true;
      for (const event of early.splice(0)) subscriber.next(event);
    }
    return subscription;
  });
  // The wire stays open for the connection's lifetime even while nobody listens; dispose closes it.
  const keepOpen = wire$.subscribe({
    next: (m) => {
      if (!('event' in m)) return;
      if (delivering) live.next(m.event);
      else early.push(m.event);
    },
    complete: () => live.complete(),
    error: (error) => live.error(error),
  });
  keepOpen.add(state$.subscribe());
  return {
    events$,
    state$,
    send: (event) => outgoing.next(event),
    dispose: () => {
      outgoing.complete();
      keepOpen.unsubscribe();
    },
  };
}
