import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TranscriptSegment } from '@sotto/api';
import { exportTranscript } from '../../../src/shell/common/transcriptFormats.ts';
import { repoRoot, scratchDir } from '../../support/fixtures.ts';

const bin = path.join(repoRoot, 'node_modules/.bin');
const notes = path.join(repoRoot, 'tests/fixtures/local/notes');

// One cache for the whole file, so that plugins are bundled once.
const home = scratchDir('replay');

function replay(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(bin, 'sotto'), ['replay', ...args], { cwd: repoRoot, env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, SOTTO_CACHE_DIR: `${home}/cache`, OPENAI_API_KEY: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const line = (channel: TranscriptSegment['channel'], text: string, start: number, n: number): TranscriptSegment => ({ channel, itemId: `item_${n}`, previousItemId: null, text, final: true, start, end: start + 2 });
const call = [
  line('participant', 'We have about fifty people on the sales team.', 1, 1),
  line('you', 'Great, that helps.', 4, 2),
  line('participant', 'What would fifty seats cost per month?', 6, 3),
  line('participant', 'Do you have an office in Lisbon?', 9, 4),
];

describe('sotto replay --transcript', () => {
  it('feeds the workbench\'s JSON export through the plugins and prints each quick reply as a JSON line', async () => {
    const file = path.join(scratchDir('saved'), 'call.json');
    writeFileSync(file, exportTranscript(call, 'json'));
    const { code, stdout, stderr } = await replay(['--transcript', file, '--knowledge', notes, '--json', '--speed', '0']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.kind === 'segment').map((l) => l.text)).toEqual(call.map((s) => s.text));
    expect(lines.filter((l) => l.kind === 'reply' && l.final)).toEqual([
      { kind: 'reply', question: 'What would fifty seats cost per month?', text: 'From your notes (pricing): The enterprise plan costs 42 dollars per seat per month, billed annually.', final: true, state: 'done' },
      { kind: 'reply', question: 'Do you have an office in Lisbon?', text: 'Nothing in your notes answers that.', final: true, state: 'done' },
    ]);
    expect(lines.find((l) => l.kind === 'reply')).toMatchObject({ final: false, question: 'What would fifty seats cost per month?' });
  });

  it('accepts what `replay --json` printed (deltas and replies are skipped), paced at the recorded times', async () => {
    const file = path.join(scratchDir('saved'), 'call.jsonl');
    const printed = call.flatMap((s) => [
      { kind: 'segment', channel: s.channel, text: s.text.split(' ')[0], final: false, start: s.start, end: s.start, item_id: s.itemId },
      { kind: 'segment', channel: s.channel, text: s.text, final: true, start: s.start, end: s.end, item_id: s.itemId },
    ]);
    writeFileSync(file, [...printed, { kind: 'reply', question: 'x', text: 'y', final: true }].map((l) => JSON.stringify(l)).join('\n'));
    const { code, stdout } = await replay(['--transcript', file, '--knowledge', notes, '--speed', '20']);
    expect(code).toBe(0);
    expect(stdout).toContain('Participant: What would fifty seats cost per month?\n    ↳ From your notes (pricing): The enterprise plan costs 42 dollars per seat per month, billed annually.');
  });

  it('refuses a file that holds no transcript, saying what it expects', async () => {
    const file = path.join(scratchDir('saved'), 'notes.json');
    writeFileSync(file, '{"title": "not a call"}');
    const { code, stderr } = await replay(['--transcript', file]);
    expect(code).toBe(2);
    expect(stderr).toContain("holds no transcript lines: give the workbench's JSON export or the output of `sotto replay --json`.");
  });
});
