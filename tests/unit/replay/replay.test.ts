import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../../src/local/index.ts';
import { scratchDir } from '../../support/fixtures.ts';
import { runSotto } from '../../support/sottoCli.ts';
import { speechWav } from '../../support/speechWav.ts';

const sentences = ['could you send me the pricing sheet', 'we need it before friday'];
const replay = (args: string[]) => runSotto(['replay', ...args], scratchDir('replay'));

describe('sotto replay', () => {
  let local: LocalServer;
  beforeAll(async () => {
    local = await startLocalServer({ port: 0, recognizer: { utterances: sentences, msPerWord: 150 } });
  });
  afterAll(() => local?.close());

  it('transcribes a 16 kHz recording headless and prints JSON lines with real timing', async () => {
    const wav = speechWav(sentences, { rate: 16_000 });
    const { code, stdout, stderr } = await replay(['--participant', wav.file, '--local-url', local.url, '--json', '--speed', '20']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    const finals = lines.filter((l) => l.kind === 'segment' && l.final);
    expect(finals.map((l) => [l.kind, l.channel, l.text])).toEqual(sentences.map((text) => ['segment', 'participant', text]));
    expect(lines.some((l) => !l.final && l.item_id === finals[0].item_id)).toBe(true);
    finals.forEach((line, i) => {
      expect(Math.abs(line.start - wav.spans[i].start)).toBeLessThan(0.3);
      expect(Math.abs(line.end - wav.spans[i].end)).toBeLessThan(0.6);
    });
  });

  it('splits a stereo call recording: left is you, right is the participant', async () => {
    const you = speechWav(['thanks for joining today'], { rate: 44_100, leadSeconds: 0.8 });
    const them = speechWav(sentences, { rate: 44_100, leadSeconds: 2.5 });
    const stereo = path.join(scratchDir('stereo'), 'call.wav');
    const merged = spawnSync('sox', ['-M', you.file, them.file, stereo]);
    expect(merged.status).toBe(0);
    const scripted = await startLocalServer({ port: 0, recognizer: { utterances: { realtime: ['thanks for joining today'], transcription: sentences }, msPerWord: 150 } });
    try {
      const { code, stdout } = await replay(['--stereo', stereo, '--local-url', scripted.url, '--speed', '20']);
      expect(code).toBe(0);
      const transcript = stdout.split('\n').filter((line) => /^\[[\d:.]+\] /.test(line));
      expect(transcript.map((line) => line.replace(/^\[[\d:.]+\] /, ''))).toEqual(['You: thanks for joining today', ...sentences.map((s) => `Participant: ${s}`)]);
    } finally {
      await scripted.close();
    }
  });

  it('refuses a missing file with a clear message', async () => {
    const { code, stderr } = await replay(['--participant', path.join(scratchDir('none'), 'missing.wav')]);
    expect(code).toBe(2);
    expect(stderr).toContain('No such file:');
  });
});
