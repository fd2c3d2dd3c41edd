import { PluginError, type AudioInput, type CancellationToken, type SottoApi } from '@sotto/api';
import { toBase64 } from './base64.ts';
import type { CallContext } from './callContext.ts';
import { participantSession, userSession } from './sessionConfig.ts';
import { readSettings } from './settings.ts';
import { TranscriptAssembler } from './transcriptAssembler.ts';
import { ordinal, withRetries } from './retryPolicy.ts';
import { createServerEventLog } from './serverEventLog.ts';

/**
 * Transcribes one side of the call until the call ends: mints a client secret through the host, opens the
 * Realtime session through the host, and publishes transcript segments as they form.
 */
export async function transcribeChannel(api: SottoApi, audio: AudioInput, token: CancellationToken, call: CallContext): Promise<void> {
  const settings = readSettings(api);
  const isYou = audio.channel === 'you';
  const side = isYou ? 'your' : "the participant's";
  let retried = false;
  const secret = await withRetries(() => api.secrets.mintClientSecret(isYou ? 'realtime' : 'transcription', isYou ? userSession(settings) : participantSession(settings)), token, (nextTry, waitMs, error) => {
    retried = true;
    api.streams.callState.publish({ status: 'reconnecting', detail: `Reconnecting ${side} session… ${ordinal(nextTry)} try in ${(waitMs / 1000).toFixed(1)} s (${error.message})` });
  });
  if (token.isCancellationRequested) return;
  if (retried) api.streams.callState.publish({ status: 'live', detail: `Connected ${side} session.` });
  const connection = await api.realtime.connect({ secret, transport: settings.transport, channel: audio.channel, model: settings.realtimeModel, ...(isYou ? { shareAs: 'you' } : {}) });
  if (isYou) call.setUserSession(connection);
  // Server times count from the first audio the session receives: the first append over WebSocket, or the
  // moment the call connects over WebRTC (the captured track is already live by then).
  let audioStartMs: number | undefined;
  const assembler = new TranscriptAssembler(
    audio.channel,
    () => ((audioStartMs ?? call.epoch()) - call.epoch()) / 1000,
    isYou ? undefined : settings.participantName || undefined,
    settings.turnDetection === 'server_vad' ? settings.prefixPaddingMs : 0,
  );

  const logServerEvent = createServerEventLog(api.log, side);
  return new Promise<void>((resolve, reject) => {
    const subscriptions: { unsubscribe(): void }[] = [];
    const finish = () => {
      for (const subscription of subscriptions) subscription.unsubscribe();
      connection.dispose();
    };
    subscriptions.push(
      audio.frames$.subscribe((frame) => {
        call.noteFrame(frame.capturedAt);
        if (settings.transport !== 'websocket') return;
        audioStartMs ??= frame.capturedAt;
        connection.send({ type: 'input_audio_buffer.append', audio: toBase64(frame.pcm) });
      }),
      connection.events$.subscribe((event) => {
        logServerEvent(event);
        const segment = assembler.handle(event);
        if (!segment) return;
        api.streams.transcript.publish(segment);
        if (!isYou && segment.final) call.relayParticipantLine(segment);
      }),
      connection.state$.subscribe((state) => {
        if (state.status === 'open' && settings.transport === 'webrtc') audioStartMs ??= Date.now();
        if ((state.status === 'failed' || state.status === 'closed') && !token.isCancellationRequested) {
          finish();
          reject(new PluginError('E_UPSTREAM', `The ${isYou ? 'your' : "participant's"} session ${state.status}: ${state.detail ?? 'no reason given'}`));
        }
      }),
    );
    token.onCancellationRequested(() => {
      finish();
      resolve();
    });
  });
}
