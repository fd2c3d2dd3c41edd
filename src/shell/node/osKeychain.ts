import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { MemoryKeyStore, type KeyStore } from './keyStore.ts';

const run = promisify(execFile);
const SERVICE = 'sotto-openai-api-key';

/** Feeds `input` on stdin, so the key never appears in a process list. */
function runWithInput(command: string, args: string[], input: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed (${code}): ${stderr.trim()}`))));
    child.stdin.end(input);
  });
}

/** macOS Keychain through the `security` tool. */
class MacKeychain implements KeyStore {
  readonly name = 'macOS Keychain';
  async get() {
    return run('security', ['find-generic-password', '-s', SERVICE, '-w']).then((r) => r.stdout.trim() || undefined, () => undefined);
  }
  async set(key: string) {
    await runWithInput('security', ['-i'], `add-generic-password -U -a sotto -s ${SERVICE} -w "${key.replace(/["\\]/g, '')}"\n`);
  }
  async clear() {
    await run('security', ['delete-generic-password', '-s', SERVICE]).catch(() => {});
  }
}

/** The freedesktop Secret Service (GNOME Keyring, KWallet) through `secret-tool`. */
class SecretServiceKeychain implements KeyStore {
  readonly name = 'Secret Service keyring';
  async get() {
    return run('secret-tool', ['lookup', 'service', SERVICE]).then((r) => r.stdout.trim() || undefined, () => undefined);
  }
  async set(key: string) {
    await runWithInput('secret-tool', ['store', '--label=Sotto OpenAI API key', 'service', SERVICE], key);
  }
  async clear() {
    await run('secret-tool', ['clear', 'service', SERVICE]).catch(() => {});
  }
}

async function has(command: string): Promise<boolean> {
  return run('sh', ['-c', `command -v ${command}`]).then(() => true, () => false);
}

/** The OS keychain for the web shell, or a run-only memory store when there is none. */
export async function osKeychain(): Promise<KeyStore> {
  if (process.platform === 'darwin' && (await has('security'))) return new MacKeychain();
  if (process.platform === 'linux' && (await has('secret-tool'))) return new SecretServiceKeychain();
  return new MemoryKeyStore();
}
