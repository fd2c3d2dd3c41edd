import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './fixtures.ts';

const bin = path.join(repoRoot, 'node_modules/.bin');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `sotto ARGS` as a user would (the project's bin on PATH, no API key), with its caches under `home`. */
export function runSotto(args: string[], home: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(path.join(bin, 'sotto'), args, { cwd: repoRoot, env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, SOTTO_CACHE_DIR: `${home}/cache`, OPENAI_API_KEY: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
