import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TranscriptSegment } from '@sotto/api';
import { exportTranscript } from '../../../src/shell/common/transcriptFormats.ts';
import { repoRoot, scratchDir } from '../../support/fixtures.ts';
import { runSotto } from '../../support/sottoCli.ts';

const notes = path.join(repoRoot, 'tests/fixtures/local/notes');
// One cache for the whole file, so that plugins are bundled once.
const home = scratchDir('replay');
const replay = (args: string[]) => runSotto(['replay', ...args], home);

// The assistant uploads the notes too; the local engine then names the uploaded copy.
const fromPricing = /^From your notes \(pricing(\.md)?\): The enterprise plan costs 42 dollars per seat per month, billed annually\.$/;
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
      { kind: 'reply', question: 'What would fifty seats cost per month?', text: expect.stringMatching(fromPricing), final: true, state: 'done' },
      { kind: 'reply', question: 'Do you have an office in Lisbon?', text: 'Nothing in your notes answers that.', final: true, state: 'done' },
    ]);
    const first = (kind: string) => lines.findIndex((l) => l.kind === kind && l.question === 'What would fifty seats cost per month?');
    expect(lines[first('reply')]).toMatchObject({ final: false });
    // The assistant (which --knowledge also feeds) starts its fuller answer on the same question; the quick reply shows first.
    expect(first('answer')).toBeGreaterThan(first('reply'));
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
    const said = stdout.indexOf('Participant: What would fifty seats cost per month?\n');
    expect(said).toBeGreaterThan(0);
    expect(stdout.slice(said)).toMatch(/\n {4}↳ From your notes \(pricing(\.md)?\): The enterprise plan costs 42 dollars/);
  });

  it('refuses a file that holds no transcript, saying what it expects', async () => {
    const file = path.join(scratchDir('saved'), 'notes.json');
    writeFileSync(file, '{"title": "not a call"}');
    const { code, stderr } = await replay(['--transcript', file]);
    expect(code).toBe(2);
    expect(stderr).toContain("holds no transcript lines: give the workbench's JSON export or the output of `sotto replay --json`.");
  });
});
