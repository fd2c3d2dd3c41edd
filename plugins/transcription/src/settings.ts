import type { RealtimeTransport, SottoApi } from '@sotto/api';

export interface TranscriptionSettings {
  readonly model: string;
  readonly realtimeModel: string;
  readonly language: string;
  readonly turnDetection: 'server_vad' | 'semantic_vad';
  readonly vadThreshold: number;
  readonly silenceDurationMs: number;
  readonly prefixPaddingMs: number;
  readonly noiseReduction: 'near_field' | 'far_field' | 'off';
  readonly vocabulary: string;
  readonly participantName: string;
  readonly transport: RealtimeTransport;
  readonly rotateAfterSeconds: number;
  readonly replaySeconds: number;
  readonly stallSeconds: number;
}

/** The settings as the schema guarantees them (the host validated and defaulted every value). */
export function readSettings(api: SottoApi): TranscriptionSettings {
  return api.settings.all<TranscriptionSettings>();
}
