import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../../src/local/index.ts';
import { waitFor } from '../../support/fixtures.ts';
import { startAssistantHost, type AssistantHost } from '../../support/assistantHost.ts';

// A second `sotto local` plays OpenAI: setting a key switches the engine mid-call, as it does in the workbench.
describe('assistant-runs when the engine changes mid-call', () => {
  let openai: LocalServer;
  let t: AssistantHost;

  beforeAll(async () => {
    openai = await startLocalServer({ port: 0 });
    t = await startAssistantHost({ openaiBaseURL: openai.url });
  });

  afterAll(async () => {
    await t?.close();
    await openai?.close();
  });

  it('moves the conversation, with the transcript so far, and the knowledge to the new engine', async () => {
    t.host.bus.publish('transcript', { channel: 'participant', itemId: 'x1', previousItemId: null, text: 'We need fifty seats by March.', final: true, start: 1, end: 2 });
    await t.host.executeCommand('assistant-runs.ask', 'First question?');
    const before = t.responseRequests.at(-1)!.conversation;
    await t.keys.set('sk-test-engine-switch-0123456789');
    const answer = await t.host.executeCommand<{ state: string }>('assistant-runs.ask', 'How much is the enterprise plan per seat?');
    expect(answer.state).toBe('done');
    const after = t.responseRequests.at(-1)!.conversation as string;
    expect(after).not.toBe(before);
    const items = (await (await fetch(`${openai.url}/conversations/${after}/items?order=asc`, { headers: { authorization: 'Bearer x' } })).json()).data as { content?: { text: string }[] }[];
    expect(items[0].content?.[0].text).toContain('We need fifty seats by March.');
    const readyFiles = async () => ((await (await fetch(`${openai.url}/vector_stores`, { headers: { authorization: 'Bearer x' } })).json()).data as { file_counts: { completed: number } }[]).map((s) => s.file_counts.completed);
    for (let deadline = Date.now() + 5_000; Date.now() < deadline && (await readyFiles()).join() !== '1'; ) await new Promise((r) => setTimeout(r, 50));
    expect(await readyFiles()).toEqual([1]);
    await waitFor(t.host.contributions.panels$, (p) => JSON.stringify(p.get('assistant-runs.knowledge')).includes('"detail":"ready"'));
  });
});
