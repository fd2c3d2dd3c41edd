/** An HTTP failure injected into matching requests. */
export interface HttpFault {
  /** Path prefix after /v1, e.g. `/realtime/client_secrets` or `/responses`. */
  path: string;
  method?: string;
  status: 401 | 429 | 500 | 502 | 503;
  /** Seconds, sent as `retry-after` (429, 503). */
  retryAfterSeconds?: number;
  /** How many requests fail before the fault clears (default: all). */
  times?: number;
}

export type RealtimeFaultAction =
  /** Close the WebRTC peer connection abruptly. */
  | 'drop_peer_connection'
  /** Close only the `oai-events` data channel. */
  | 'drop_data_channel'
  /** Hold every further server event for `delayMs`. */
  | 'delay_events'
  /** Hold every further server event until the session ends (a mid-item stall). */
  | 'stall_events'
  /** Send `session_expired` and close, as at the 60-minute cap. */
  | 'expire_session'
  /** Send one frame that is not JSON. */
  | 'send_malformed_event'
  /** Send a well-formed event of a type OpenAI does not (yet) have, as a newer server might. */
  | 'send_unknown_event'
  /** Hold the next item's `…transcription.completed` for `delayMs`, so that later turns complete first. */
  | 'delay_next_transcription'
  /** Fail the next `response.create` as a rate limit does: `response.done` with status `failed` and the error. */
  | 'fail_next_response';

export interface RealtimeFault {
  action: RealtimeFaultAction;
  /** When to act: ms after the session starts… */
  afterMs?: number;
  /** …or right before the server first sends this event type (e.g. `conversation.item.input_audio_transcription.delta`). */
  beforeEvent?: string;
  delayMs?: number;
}

export interface FaultPlan {
  http?: HttpFault[];
  /** Applied to every realtime session that starts while the plan is in force. */
  realtime?: RealtimeFault[];
}
