import { newId, nowSeconds } from '../ids.ts';
import type { SessionConfig } from '../realtime/session-config.ts';

interface Secret {
  expiresAt: number;
  session: SessionConfig;
}

/** Ephemeral `ek_` keys minted by /v1/realtime/client_secrets; each may start sessions until it expires. */
export class SecretStore {
  private readonly secrets = new Map<string, Secret>();

  mint(session: SessionConfig, ttlSeconds: number): { value: string; expires_at: number } {
    const value = newId('ek', 16);
    const expiresAt = nowSeconds() + ttlSeconds;
    this.secrets.set(value, { expiresAt, session });
    return { value, expires_at: expiresAt };
  }

  /** The session config of a live key; `undefined` for unknown or expired keys. */
  session(key: string): SessionConfig | undefined {
    const secret = this.secrets.get(key);
    if (!secret || secret.expiresAt <= Date.now() / 1000) return undefined;
    return secret.session;
  }
}
