import type { SecretKind } from '../manifest/types.ts';

export interface NetRequest {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface NetResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A short-lived Realtime client secret (`ek_…`). The long-lived API key never leaves the shell. */
export interface ClientSecret {
  readonly value: string;
  /** Epoch seconds. */
  readonly expiresAt: number;
  /** Base URL of the engine that issued it, e.g. https://api.openai.com/v1 or the local engine's. */
  readonly baseUrl: string;
  readonly kind: SecretKind;
  readonly session: unknown;
}

export interface SettingChange {
  readonly key: string;
  readonly value: unknown;
}
