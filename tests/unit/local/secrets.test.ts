import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../../src/local/realtime/session-config.ts';
import { SecretStore } from '../../../src/local/store/secrets.ts';

afterEach(() => vi.useRealTimers());

describe('ephemeral keys', () => {
  it('start sessions until they expire, then no more', () => {
    vi.useFakeTimers({ now: new Date('2026-11-25T10:00:00Z') });
    const secrets = new SecretStore();
    const { value, expires_at } = secrets.mint(defaultConfig('transcription', 'sess_1', 0, 'm'), 10);
    expect(expires_at).toBe(Date.parse('2026-11-25T10:00:10Z') / 1000);
    expect(secrets.session(value)?.type).toBe('transcription');
    vi.setSystemTime(new Date('2026-11-25T10:00:09Z'));
    expect(secrets.session(value)).toBeDefined();
    vi.setSystemTime(new Date('2026-11-25T10:00:10Z'));
    expect(secrets.session(value)).toBeUndefined();
  });
});
