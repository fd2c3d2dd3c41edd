import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crmExport } from '../../support/assistantHost.ts';
import { scratchDir } from '../../support/fixtures.ts';
import { runSotto } from '../../support/sottoCli.ts';

const replay = (args: string[]) => runSotto(['replay', ...args], scratchDir('replay'));

describe('sotto replay with the assistant and the CRM example', () => {
  it('prints answers with citations from --knowledge and the CRM panel from --crm', async () => {
    const dir = scratchDir('replay-assistant');
    const notes = path.join(dir, 'notes');
    mkdirSync(notes);
    writeFileSync(path.join(notes, 'pricing.md'), '# Pricing\n\nThe enterprise plan costs 42 euros per seat per month, billed yearly.\n');
    const segment = (itemId: string, text: string, start: number) => ({ channel: 'participant', itemId, previousItemId: null, text, final: true, start, end: start + 2 });
    const transcript = path.join(dir, 'call.json');
    writeFileSync(transcript, JSON.stringify({ title: 'call', segments: [segment('a', 'Hi, this is Priya from Acme Corp.', 0), segment('b', 'How much is the enterprise plan per seat?', 3)] }));

    const { code, stdout, stderr } = await replay(['--transcript', transcript, '--knowledge', notes, '--crm', crmExport, '--json', '--speed', '0']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    const panels = lines.filter((l) => l.kind === 'panel');
    expect(panels).toContainEqual({ kind: 'panel', plugin: 'crm-lookup', panel: 'record', model: expect.objectContaining({ kind: 'keyValue', rows: expect.arrayContaining([['Name', 'Priya Raman'], ['Deal stage', 'Negotiation']]) }) });
    expect(panels).toContainEqual({ kind: 'panel', plugin: 'assistant-runs', panel: 'knowledge', model: expect.objectContaining({ items: [expect.objectContaining({ title: 'pricing.md', detail: 'ready' })] }) });
    const answer = lines.find((l) => l.kind === 'answer' && l.final && l.question === 'How much is the enterprise plan per seat?');
    expect(answer).toMatchObject({ state: 'done', citations: [expect.objectContaining({ title: 'pricing.md' })] });
    expect(answer.text).toContain('42 euros per seat');
  }, 40_000);
});
