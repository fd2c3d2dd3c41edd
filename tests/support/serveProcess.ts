import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './fixtures.ts';

export interface ServedSotto {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly output: () => string;
  stop(): Promise<void>;
  /** Ends the process abruptly, as a crash or `kill -9` would. */
  crash(): Promise<void>;
}

/** Runs the real `sotto serve` CLI as a child process, as a user would, and waits for its URL. */
export async function serveSotto(env: Record<string, string>, args: string[] = []): Promise<ServedSotto> {
  const bin = path.join(repoRoot, 'node_modules/.bin/sotto');
  const child: ChildProcess = spawn(bin, ['serve', '--no-open', ...args], {
    cwd: repoRoot,
    env: { ...process.env, OPENAI_API_KEY: '', ...env, PATH: `${path.join(repoRoot, 'node_modules/.bin')}:${process.env.PATH}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sotto serve printed no URL in 30 s:\n${output}`)), 30_000);
    child.stdout!.on('data', () => {
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`sotto serve exited with ${code}:\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    url,
    origin: url.slice(0, url.indexOf('/#')),
    token: url.slice(url.indexOf('token=') + 6),
    output: () => output,
    async crash() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      child.kill('SIGKILL');
    },
  };
}
