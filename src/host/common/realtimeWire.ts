import { BehaviorSubject, Subject } from 'rxjs';
import type { RealtimeClientEvent, RealtimeConnectionState, RealtimeServerEvent } from '@sotto/api';
import type { HostRealtimeConnection } from '@sotto/api/rpc';
import { parseServerEvent } from './realtimeEndpoints.ts';

/** The subjects behind one host-held Realtime session, and the rule that it ends once. */
export class RealtimeWire {
  readonly events$ = new Subject<RealtimeServerEvent>();
  readonly state$ = new BehaviorSubject<RealtimeConnectionState>({ status: 'connecting' });
  private readonly pending: string[] = [];

  receive(data: unknown): void {
    this.events$.next(parseServerEvent(data));
  }

  setState(patch: Partial<RealtimeConnectionState>): void {
    if (!this.state$.closed) this.state$.next({ ...this.state$.value, ...patch });
  }

  /** Sends now when open, queues while connecting, drops once closed. */
  send(event: RealtimeClientEvent, transport: { readonly isOpen: boolean; readonly isConnecting: boolean; send(text: string): void }): void {
    const text = JSON.stringify(event);
    if (transport.isOpen) transport.send(text);
    else if (transport.isConnecting) this.pending.push(text);
  }

  flush(send: (text: string) => void): void {
    for (const text of this.pending.splice(0)) send(text);
  }

  end(patch: Partial<RealtimeConnectionState>): void {
    if (this.state$.closed) return;
    this.setState(patch);
    this.events$.complete();
    this.state$.complete();
  }
}

/** The part of the WebSocket API shared by browsers and the `ws` package. */
interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  send(text: string): void;
  close(): void;
}

export type SocketFactory = (url: string, protocols: string[]) => SocketLike;

/** A Realtime session over WebSocket, authenticated with the client secret as a subprotocol (as browsers must). */
export function connectRealtimeWebSocket(url: string, secret: string, createSocket: SocketFactory): HostRealtimeConnection {
  const wire = new RealtimeWire();
  const socket = createSocket(url, ['realtime', `openai-insecure-api-key.${secret}`]);
  const transport = {
    get isOpen() {
      return socket.readyState === 1;
    },
    get isConnecting() {
      return socket.readyState === 0;
    },
    send: (text: string) => socket.send(text),
  };
  socket.onopen = () => {
    wire.setState({ status: 'open' });
    wire.flush(transport.send);
  };
  socket.onmessage = (message) => wire.receive(message.data);
  socket.onerror = () => wire.end({ status: 'failed', detail: 'The WebSocket failed.' });
  socket.onclose = (event) => wire.end({ status: 'closed', detail: `WebSocket closed (${event.code}${event.reason ? `: ${event.reason}` : ''})` });
  return { events$: wire.events$, state$: wire.state$, send: (event) => wire.send(event, transport), close: () => socket.close() };
}
