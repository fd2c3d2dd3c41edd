import type { Logger, RealtimeServerEvent } from '@sotto/api';

/** Event types this plugin understands or knowingly ignores; anything else is new to it. */
const known = new Set([
  'session.created',
  'session.updated',
  'transcription_session.created',
  'transcription_session.updated',
  'conversation.created',
  'conversation.item.added',
  'conversation.item.done',
  'conversation.item.created',
  'conversation.item.input_audio_transcription.delta',
  'conversation.item.input_audio_transcription.completed',
  'conversation.item.input_audio_transcription.failed',
  'conversation.item.input_audio_transcription.segment',
  'input_audio_buffer.speech_started',
  'input_audio_buffer.speech_stopped',
  'input_audio_buffer.committed',
  'input_audio_buffer.cleared',
  'input_audio_buffer.timeout_triggered',
  'rate_limits.updated',
  'error',
]);

/**
 * Logs what the transcript cannot use: server errors, malformed frames, and event types never seen before (once
 * each, so a chatty server does not flood the log). Nothing here stops the session.
 */
export function createServerEventLog(log: Logger, side: string): (event: RealtimeServerEvent) => void {
  const reported = new Set<string>();
  return (event) => {
    if (event.type === 'error') log.warn(`${side} session error: ${JSON.stringify(event.error)}`);
    else if (event.type === 'sotto.malformed_event') log.warn(`${side} session sent a malformed event, ignored: ${String(event.raw).slice(0, 120)}`);
    else if (!known.has(event.type) && !event.type.startsWith('response.') && !reported.has(event.type)) {
      reported.add(event.type);
      log.info(`${side} session sent an event type Sotto does not use, ignored: ${event.type}`);
    }
  };
}
