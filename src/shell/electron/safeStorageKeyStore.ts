import { safeStorage } from 'electron';
import Store from 'electron-store';
import type { KeyStore } from '../node/keyStore.ts';

/**
 * Keeps the API key encrypted with Electron's safeStorage (Keychain on macOS, DPAPI on Windows, libsecret on
 * Linux), in its own file apart from the settings. On Linux without a keyring safeStorage falls back to a
 * hard-coded password, so the store says so instead of pretending to protect the key.
 */
export class SafeStorageKeyStore implements KeyStore {
  private readonly store = new Store<{ openaiKey?: string }>({ name: 'secrets' });

  get name(): string {
    const weak = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
    return weak ? 'safeStorage (WEAK: no keyring found, obfuscated only)' : 'safeStorage (OS keychain)';
  }

  async get(): Promise<string | undefined> {
    const sealed = this.store.get('openaiKey');
    return sealed && safeStorage.isEncryptionAvailable() ? safeStorage.decryptString(Buffer.from(sealed, 'base64')) : undefined;
  }

  async set(key: string): Promise<void> {
    if (!safeStorage.isEncryptionAvailable()) throw new Error('No OS encryption is available to store the key; set OPENAI_API_KEY instead.');
    this.store.set('openaiKey', safeStorage.encryptString(key).toString('base64'));
  }

  async clear(): Promise<void> {
    this.store.delete('openaiKey');
  }
}
