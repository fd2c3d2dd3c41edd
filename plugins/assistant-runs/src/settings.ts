import type { SottoApi } from '@sotto/api';
import manifest from '../package.json' with { type: 'json' };

export const DEFAULT_MODEL = manifest.contributes.configuration.properties.model.default;

export interface AssistantSettings {
  readonly model: string;
  readonly answerQuestions: boolean;
  readonly toolTimeoutMs: number;
  readonly transcriptBatchSeconds: number;
  readonly compactAfterChars: number;
}

export function readSettings(api: SottoApi, modelOverride: string | undefined): AssistantSettings {
  return {
    model: modelOverride ?? api.settings.get<string>('model') ?? DEFAULT_MODEL,
    answerQuestions: api.settings.get<boolean>('answerQuestions') ?? true,
    toolTimeoutMs: api.settings.get<number>('toolTimeoutMs') ?? 8000,
    transcriptBatchSeconds: api.settings.get<number>('transcriptBatchSeconds') ?? 10,
    compactAfterChars: api.settings.get<number>('compactAfterChars') ?? 24000,
  };
}
