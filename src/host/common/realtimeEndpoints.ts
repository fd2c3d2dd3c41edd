import { PluginError, type ClientSecret } from '@sotto/api';

/** The WebSocket URL for a session: transcription sessions by intent, conversations by model (one query parameter). */
export function realtimeWebSocketUrl(secret: ClientSecret, model?: string): string {
  const base = secret.baseUrl.replace(/^http/, 'ws').replace(/\/$/, '');
  if (secret.kind === 'transcription') return `${base}/realtime?intent=transcription`;
  const sessionModel = model ?? (secret.session as { model?: string } | undefined)?.model;
  if (!sessionModel) throw new PluginError('E_INVALID_INPUT', 'A realtime WebSocket session needs a model.');
  return `${base}/realtime?model=${encodeURIComponent(sessionModel)}`;
}

export function realtimeCallsUrl(secret: ClientSecret): string {
  return `${secret.baseUrl.replace(/\/$/, '')}/realtime/calls`;
}

/** Parses one wire message; a malformed one becomes a synthetic error event rather than breaking the stream. */
export function parseServerEvent(data: unknown): { type: string; [key: string]: unknown } {
  try {
    const event = JSON.parse(String(data));
    if (event && typeof event === 'object' && typeof event.type === 'string') return event;
  } catch {
    // fall through
  }
  return { type: 'sotto.malformed_event', raw: String(data).slice(0, 500) };
}
