import type { SottoApi } from '@sotto/api';

export type Verbosity = 'keyword' | 'one line' | 'short paragraph';

export interface QuickReplySettings {
  readonly automatic: boolean;
  readonly verbosity: Verbosity;
  readonly systemPrompt: string;
  readonly contextTurns: number;
  readonly spacingSeconds: number;
  readonly similarity: number;
  readonly model: string;
}

/** The settings as the schema guarantees them (the host validated and defaulted every value); read on each use. */
export function readSettings(api: SottoApi): QuickReplySettings {
  const get = <T>(key: keyof QuickReplySettings) => api.settings.get<T>(key) as T;
  return {
    automatic: get('automatic'),
    verbosity: get('verbosity'),
    systemPrompt: get('systemPrompt'),
    contextTurns: get('contextTurns'),
    spacingSeconds: get('spacingSeconds'),
    similarity: get('similarity'),
    model: get('model'),
  };
}
