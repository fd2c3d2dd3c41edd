/** Holds the long-lived OpenAI API key. Only the shell's Node side ever touches one. */
export interface KeyStore {
  /** For the user: where the key is kept. */
  readonly name: string;
  get(): Promise<string | undefined>;
  set(key: string): Promise<void>;
  clear(): Promise<void>;
}

/** OPENAI_API_KEY wins over any stored key, as every OpenAI tool does; it cannot be changed from the UI. */
export class EnvFirstKeyStore implements KeyStore {
  constructor(
    private readonly stored: KeyStore,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  get name(): string {
    return this.env.OPENAI_API_KEY ? 'environment (OPENAI_API_KEY)' : this.stored.name;
  }

  async get(): Promise<string | undefined> {
    return this.env.OPENAI_API_KEY || (await this.stored.get());
  }

  set(key: string): Promise<void> {
    return this.stored.set(key);
  }

  clear(): Promise<void> {
    return this.stored.clear();
  }
}

/** Keeps the key for this run only, when no OS keychain is available. */
export class MemoryKeyStore implements KeyStore {
  readonly name = 'memory (this run only: no OS keychain found)';
  private key: string | undefined;

  async get() {
    return this.key;
  }

  async set(key: string) {
    this.key = key;
  }

  async clear() {
    this.key = undefined;
  }
}

export function checkKeyShape(key: string): string | undefined {
  const trimmed = key.trim();
  if (!trimmed) return 'The API key is empty.';
  if (/\s/.test(trimmed)) return 'The API key contains spaces; paste it exactly as OpenAI shows it.';
  if (!trimmed.startsWith('sk-')) return 'OpenAI API keys start with "sk-".';
  if (trimmed.length < 20) return 'That is too short to be an OpenAI API key.';
  return undefined;
}
