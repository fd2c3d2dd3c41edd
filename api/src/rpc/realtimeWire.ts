import { map, merge, type Observable, type Subscription } from 'rxjs';
import type { RealtimeClientEvent, RealtimeConnectionState, RealtimeServerEvent } from '../model/realtime.ts';
import type { RealtimeWireMessage } from '../runtime/realtime.ts';
import { fromPort, pipeToPort } from './portStream.ts';

/** A Realtime session as the host holds it (WebRTC in a page, a WebSocket in Node). */
export interface HostRealtimeConnection {
  readonly events$: Observable<RealtimeServerEvent>;
  readonly state$: Observable<RealtimeConnectionState>;
  send(event: RealtimeClientEvent): void;
  close(): void;
}

/**
 * The host side of `$realtimeConnect`: posts events and states on `events` and forwards client events from
 * `commands`. When the plugin lets go of its end (or its worker dies), the session is closed.
 */
export function serveRealtimeConnection(connection: HostRealtimeConnection, events: MessagePort, commands: MessagePort): Subscription {
  const wire$ = merge(connection.events$.pipe(map((event): RealtimeWireMessage => ({ event }))), connection.state$.pipe(map((state): RealtimeWireMessage => ({ state }))));
  const subscription = pipeToPort(wire$, events);
  subscription.add(fromPort<RealtimeClientEvent>(commands).subscribe((event) => connection.send(event)));
  subscription.add(() => connection.close());
  return subscription;
}
