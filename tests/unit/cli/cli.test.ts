import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, scratchDir } from '../../support/fixtures.ts';

const bin = path.join(repoRoot, 'node_modules/.bin');

function runSotto(args: string[], until?: RegExp): Promise<{ output: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const home = scratchDir('cli');
    const child = spawn(path.join(bin, 'sotto'), args, {
      cwd: repoRoot,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, SOTTO_CONFIG_DIR: `${home}/config`, SOTTO_CACHE_DIR: `${home}/cache`, OPENAI_API_KEY: '' },
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`sotto ${args.join(' ')} timed out:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (until?.test(output)) child.kill('SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ output, code });
    });
  });
}

describe('the sotto command', () => {
  it('lists its commands', async () => {
    const { output, code } = await runSotto(['--help']);
    expect(code).toBe(0);
    for (const name of ['start', 'serve', 'local', 'build', 'bench']) expect(output).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it('falls back to the web shell when Electron cannot start, saying why and printing the URL', async () => {
    const { output } = await runSotto(['--no-open'], /running at http:\/\/127\.0\.0\.1:\d+\/#token=\S+/);
    expect(output).toContain('Electron cannot start: the Electron binary was never downloaded');
    expect(output).toContain('Falling back to the web shell (sotto serve).');
    expect(output).toMatch(/Sotto is running at http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}/);
  });

  it('rejects bad options with a clear message', async () => {
    const { output, code } = await runSotto(['serve', '--port', 'abc']);
    expect(code).toBe(2);
    expect(output).toContain('--port must be a whole number from 0 to 65535, not "abc".');
  });
});
