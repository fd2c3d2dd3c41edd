import type { RealtimeServerEvent } from 'openai/resources/realtime/realtime';

/** A server event before the outbox stamps its `event_id`. Typed with the SDK's own union. */
export type ServerEventBody = RealtimeServerEvent extends infer E ? (E extends unknown ? Omit<E, 'event_id'> : never) : never;

/** One connection carrying a session's events: a WebSocket or a WebRTC data channel. */
export interface RealtimeTransport {
  readonly kind: 'websocket' | 'webrtc';
  send(text: string): void;
  /** Ends the connection (WebSocket close code; WebRTC closes the channel, then the peer connection). */
  close(code: number, reason: string): void;
  /** Fault injection: lose the peer connection or only the data channel, with no goodbye. */
  drop?(what: 'peer_connection' | 'data_channel'): void;
}

export interface ClientEvent {
  type: string;
  event_id?: string;
  [key: string]: unknown;
}
