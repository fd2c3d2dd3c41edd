import type { Observable } from 'rxjs';
import type { Disposable } from '../common/disposable.ts';
import type { CallChannel } from '../manifest/types.ts';
import type { ClientSecret } from './services.ts';

export type RealtimeTransport = 'webrtc' | 'websocket';

export interface RealtimeConnectOptions {
  /** A client secret from `api.secrets.mintClientSecret`; the connection goes to the engine that issued it. */
  readonly secret: ClientSecret;
  readonly transport: RealtimeTransport;
  /**
   * Whose audio the session hears. Over WebRTC the host attaches that channel's captured track to the call itself;
   * over WebSocket the plugin sends `input_audio_buffer.append` events with the frames it receives.
   */
  readonly channel: CallChannel;
  /** Only for WebSocket conversation sessions (`?model=`); transcription sessions use `?intent=transcription`. */
  readonly model?: string;
  /**
   * Lets other plugins attach to this session by name with `api.realtime.attach` (the transcription plugin shares
   * the user's session as "you", so quick replies can ask it for out-of-band responses).
   */
  readonly shareAs?: string;
}

/** A Realtime server event as it arrives on the wire (`oai-events` data channel or WebSocket). */
export interface RealtimeServerEvent {
  readonly type: string;
  readonly event_id?: string;
  readonly [field: string]: unknown;
}

/** A Realtime client event, e.g. `session.update`, `conversation.item.create`, `response.create`. */
export interface RealtimeClientEvent {
  readonly type: string;
  readonly [field: string]: unknown;
}

export type RealtimeConnectionStatus = 'connecting' | 'open' | 'closed' | 'failed';

export interface RealtimeConnectionState {
  readonly status: RealtimeConnectionStatus;
  /** Why it closed or failed, for the user. */
  readonly detail?: string;
  /** The Realtime call id (`rtc_…`) for WebRTC sessions. */
  readonly callId?: string;
}

/** A live Realtime session the host holds for a plugin (workers cannot do WebRTC or reach the network). */
export interface RealtimeConnection extends Disposable {
  readonly events$: Observable<RealtimeServerEvent>;
  readonly state$: Observable<RealtimeConnectionState>;
  send(event: RealtimeClientEvent): void;
}
