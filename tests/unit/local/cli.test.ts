import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SOTTO = path.resolve(import.meta.dirname, '../../../node_modules/.bin/sotto');

describe('sotto local', () => {
  it('prints its base URL on 127.0.0.1, serves with options from --config, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sotto-cli-'));
    const config = path.join(dir, 'local.json');
    writeFileSync(config, JSON.stringify({ responder: { replies: [{ text: 'scripted hello' }] }, faults: true }));
    const child = spawn(process.execPath, [SOTTO, 'local', '--port', '0', '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0].trim());
      });
      void exited.then((code) => reject(new Error(`exited ${code} before printing a URL`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const health = await (await fetch(url.replace(/\/v1$/, '/health'))).json();
    expect(health).toMatchObject({ status: 'ok', faults: true });
    const reply = await fetch(`${url}/responses`, { method: 'POST', headers: { authorization: 'Bearer sk-x', 'content-type': 'application/json' }, body: JSON.stringify({ model: 'm', input: 'hi' }) });
    expect(JSON.stringify(await reply.json())).toContain('scripted hello');
    rmSync(dir, { recursive: true, force: true });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 90_000);
});
