import type { TranscriptionSettings } from './settings.ts';

function transcription(settings: TranscriptionSettings): Record<string, unknown> {
  const terms = settings.vocabulary.split(',').map((t) => t.trim()).filter(Boolean);
  return {
    model: settings.model,
    ...(settings.language ? { language: settings.language } : {}),
    ...(terms.length ? (settings.model.startsWith('gpt-live') || settings.model === 'gpt-transcribe' ? { keywords: terms } : { prompt: terms.join(', ') }) : {}),
  };
}

function turnDetection(settings: TranscriptionSettings, forRealtime: boolean): Record<string, unknown> {
  const base =
    settings.turnDetection === 'semantic_vad'
      ? { type: 'semantic_vad' }
      : { type: 'server_vad', threshold: settings.vadThreshold, silence_duration_ms: settings.silenceDurationMs, prefix_padding_ms: settings.prefixPaddingMs };
  // The user's own session must never answer by itself: replies are asked for explicitly, out of band.
  return forRealtime ? { ...base, create_response: false, interrupt_response: false } : base;
}

function audioInput(settings: TranscriptionSettings, forRealtime: boolean): Record<string, unknown> {
  return {
    format: { type: 'audio/pcm', rate: 24_000 },
    transcription: transcription(settings),
    turn_detection: turnDetection(settings, forRealtime),
    noise_reduction: settings.noiseReduction === 'off' ? null : { type: settings.noiseReduction },
  };
}

/** The participant's side: a transcription session, which never generates responses. */
export function participantSession(settings: TranscriptionSettings): Record<string, unknown> {
  return { type: 'transcription', audio: { input: audioInput(settings, false) } };
}

/** Your side: a text-only realtime session that also receives the participant's lines, for quick replies later. */
export function userSession(settings: TranscriptionSettings): Record<string, unknown> {
  return {
    type: 'realtime',
    model: settings.realtimeModel,
    output_modalities: ['text'],
    instructions:
      'You are listening to a live call between the user and a participant. Lines from the participant are added as messages prefixed "[Participant]". Do not respond unless asked.',
    audio: { input: audioInput(settings, true) },
  };
}
