import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/fixtures.ts';
import { onWire, startHarness, type Harness } from '../../support/quickReplyHarness.ts';

const notes = path.join(repoRoot, 'tests/fixtures/local/notes');
const plugins = ['quick-reply'];
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const finalReply = (harness: Harness, question: string) => harness.until(() => harness.replies.find((r) => r.question === question && r.final), `the final reply to "${question}"`);

describe('quick replies from saved lines, on a session of their own (no call running)', () => {
  it('answers a question from the notes, out of band and text only, tied to the question; a statement gets nothing', async () => {
    h = await startHarness({ plugins, local: { knowledgeDirs: [notes] } });
    const usages: { pluginId: string; outputTokens: number }[] = [];
    h.host.bus.stream('usage').subscribe((usage) => usages.push(usage));
    h.say('We have about fifty people on the sales team.');
    const asked = h.say('What would fifty seats cost per month?');
    const reply = await finalReply(h, 'What would fifty seats cost per month?');
    expect(reply).toMatchObject({ state: 'done', text: 'From your notes (pricing): The enterprise plan costs 42 dollars per seat per month, billed annually.' });
    const question = h.questions.find((q) => q.id === reply.questionId)!;
    expect(question).toMatchObject({ text: 'What would fifty seats cost per month?', itemId: 'item_line2', source: 'gate' });

    const [create] = onWire(h, 'sent', 'response.create');
    const response = create.event.response as Record<string, unknown>;
    expect(response).toMatchObject({ conversation: 'none', output_modalities: ['text'], metadata: { source: 'sotto.quick-reply', reply_id: reply.id, question_id: reply.questionId } });
    expect(response.input).toEqual([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: '[Participant] We have about fifty people on the sales team.' }] },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'What would fifty seats cost per month?' }] },
    ]);
    const created = onWire(h, 'received', 'response.created')[0].event.response as { metadata: Record<string, string> };
    expect(created.metadata.reply_id).toBe(reply.id);
    const firstText = h.replies.find((r) => r.id === reply.id && r.text)!;
    expect(firstText.at - asked).toBeLessThan(1_000);
    expect(onWire(h, 'sent', 'response.create')).toHaveLength(1);
    // The reply's usage reaches the cost meter.
    await h.until(() => usages.find((u) => u.pluginId === 'quick-reply' && u.outputTokens > 0), 'the reply usage');
    // The side panel shows the newest reply whatever tab is open.
    await h.until(() => (h!.host.contributions.panels$.value.get('quick-reply.latest') as { items?: { title: string }[] } | undefined)?.items?.[0]?.title === reply.text, 'the side panel');
    expect(h.host.contributions.panels$.value.get('quick-reply.latest')).toMatchObject({ kind: 'list', items: [{ id: reply.id, detail: 'to “What would fifty seats cost per month?”' }] });
  });

  it('says so when the notes have nothing, and never invents', async () => {
    h = await startHarness({ plugins, local: { knowledgeDirs: [notes] } });
    h.say('Do you have an office in Lisbon?');
    expect(await finalReply(h, 'Do you have an office in Lisbon?')).toMatchObject({ state: 'done', text: 'Nothing in your notes answers that.' });
  });

  it('cancels a reply on the wire when a new question comes mid-reply, marks it superseded, and answers the new one', async () => {
    const first = 'Fifty seats come to two thousand one hundred dollars a month on the annual plan with support included and onboarding free.';
    h = await startHarness({ plugins, local: { textDeltaDelayMs: 30, responder: { replies: [{ match: 'cost', text: first }, { match: 'start', text: 'We could start on the first of March.' }] } }, settings: { 'quick-reply': { spacingSeconds: 0 } } });
    h.say('What would fifty seats cost per month?');
    const streaming = await h.until(() => h!.replies.find((r) => r.text && !r.final), 'the first reply streaming');
    h.say('And when could we start the rollout?');
    const second = await finalReply(h, 'And when could we start the rollout?');
    expect(second).toMatchObject({ state: 'done', text: 'We could start on the first of March.' });

    const firstResponseId = (onWire(h, 'received', 'response.created').find((e) => (e.event.response as { metadata: Record<string, string> }).metadata.reply_id === streaming.id)!.event.response as { id: string }).id;
    expect(onWire(h, 'sent', 'response.cancel').map((e) => e.event.response_id)).toEqual([firstResponseId]);
    const done = await h.until(() => onWire(h!, 'received', 'response.done').find((e) => (e.event.response as { id: string }).id === firstResponseId), 'the server to end the first response');
    expect(done.event.response).toMatchObject({ status: 'cancelled', status_details: { reason: 'client_cancelled' } });
    const updates = h.replies.filter((r) => r.id === streaming.id);
    expect(updates.at(-1)).toMatchObject({ state: 'superseded', final: true });
    // Nothing arrives for the old reply once superseded, and it never had the whole text.
    expect(updates.findIndex((r) => r.state === 'superseded')).toBe(updates.length - 1);
    expect(updates.at(-1)!.text.length).toBeLessThan(first.length);
    expect(h.questions.map((q) => q.text)).toEqual(['What would fifty seats cost per month?', 'And when could we start the rollout?']);
  });

  it('suggests once for the same question asked twice within a minute', async () => {
    h = await startHarness({ plugins, local: { knowledgeDirs: [notes] }, settings: { 'quick-reply': { spacingSeconds: 0 } } });
    h.say('What would fifty seats cost per month?');
    await finalReply(h, 'What would fifty seats cost per month?');
    h.say('sorry so what would fifty seats cost a month');
    h.say('Who owns the security review?');
    await finalReply(h, 'Who owns the security review?');
    expect(onWire(h, 'sent', 'response.create')).toHaveLength(2);
    expect(new Set(h.replies.map((r) => r.question))).toEqual(new Set(['What would fifty seats cost per month?', 'Who owns the security review?']));
  });

  it('answers a burst of questions together once the spacing has passed', async () => {
    h = await startHarness({ plugins, local: { knowledgeDirs: [notes] }, settings: { 'quick-reply': { spacingSeconds: 0.5 } } });
    h.say('Who owns the security review?');
    await h.until(() => onWire(h!, 'sent', 'response.create').length === 1, 'the first request');
    h.say('How long is data kept after cancellation?');
    h.say('And are you SOC 2 certified?');
    const together = await finalReply(h, 'How long is data kept after cancellation? And are you SOC 2 certified?');
    expect(together.state).toBe('done');
    expect(onWire(h, 'sent', 'response.create')).toHaveLength(2);
  });

  it('shows a rate limit (429) as a specific error on the reply, and the next question works', async () => {
    h = await startHarness({ plugins, local: { knowledgeDirs: [notes] } });
    await h.admin('PUT', '/__admin/faults', { http: [{ path: '/realtime/client_secrets', status: 429, retryAfterSeconds: 2, times: 1 }] });
    h.say('What would fifty seats cost per month?');
    const failed = await finalReply(h, 'What would fifty seats cost per month?');
    expect(failed.state).toBe('error');
    expect(failed.error).toMatch(/rate limiting requests; retry after 2 s/);
    h.say('Who owns the security review?');
    expect(await finalReply(h, 'Who owns the security review?')).toMatchObject({ state: 'done', text: expect.stringContaining('Priya Raman') });
  });

  it('shows a rate limit on the Realtime session (response.done failed) as a specific error, and the next question works', async () => {
    h = await startHarness({ plugins, local: { knowledgeDirs: [notes] } });
    h.say('Thanks for making the time.');
    await h.until(() => onWire(h!, 'received', 'session.created').length > 0, 'the session');
    const { data } = (await h.admin('GET', '/__admin/sessions')) as { data: { id: string }[] };
    await h.admin('POST', `/__admin/sessions/${data[0].id}/faults`, { action: 'fail_next_response' });
    h.say('What would fifty seats cost per month?');
    expect(await finalReply(h, 'What would fifty seats cost per month?')).toMatchObject({
      state: 'error',
      error: 'The engine could not answer (rate_limit_exceeded): Rate limit reached for requests. Please try again in 2s.',
    });
    h.say('Who owns the security review?');
    expect(await finalReply(h, 'Who owns the security review?')).toMatchObject({ state: 'done', text: expect.stringContaining('Priya Raman') });
  });

  it('asks again, with what was added, when the participant keeps talking while the reply forms', async () => {
    h = await startHarness({ plugins, local: { knowledgeDirs: [notes], textDeltaDelayMs: 30 } });
    h.say('What would fifty seats cost per month?');
    const streaming = await h.until(() => h!.replies.find((r) => r.text && !r.final), 'the reply streaming');
    h.say('on a three year contract');
    const again = await finalReply(h, 'What would fifty seats cost per month? on a three year contract');
    expect(again).toMatchObject({ state: 'done', questionId: streaming.questionId, text: expect.stringContaining('three year contract') });
    expect(h.latest(streaming.id)).toMatchObject({ state: 'superseded' });
    expect(onWire(h, 'sent', 'response.cancel')).toHaveLength(1);
    // The assistant hears the fuller question too, under the same id.
    expect(h.questions.map((q) => [q.id, q.text])).toEqual([
      [streaming.questionId, 'What would fifty seats cost per month?'],
      [streaming.questionId, 'What would fifty seats cost per month? on a three year contract'],
    ]);
  });

  it('shows a server error mid-reply as a specific error, and the next question opens a new session', async () => {
    h = await startHarness({ plugins, local: { knowledgeDirs: [notes], textDeltaDelayMs: 30 } });
    h.say('What would fifty seats cost per month?');
    await h.until(() => h!.replies.find((r) => r.text && !r.final), 'the reply streaming');
    const { data } = (await h.admin('GET', '/__admin/sessions')) as { data: { id: string }[] };
    await h.admin('POST', `/__admin/sessions/${data[0].id}/faults`, { action: 'expire_session' });
    const failed = await finalReply(h, 'What would fifty seats cost per month?');
    expect(failed).toMatchObject({ state: 'error', error: expect.stringMatching(/^The session closed: /) });
    h.say('Who owns the security review?');
    expect(await finalReply(h, 'Who owns the security review?')).toMatchObject({ state: 'done', text: expect.stringContaining('Priya Raman') });
  });

  it('answers "What should I say?" on the latest line whatever the gate decided, with the chosen length and prompt', async () => {
    h = await startHarness({ plugins, local: { knowledgeDirs: [notes] }, settings: { 'quick-reply': { verbosity: 'keyword', systemPrompt: 'Be brief and kind.' } } });
    h.say('We pay about forty dollars a seat today.');
    await h.until(() => h!.host.isEnabled('quick-reply') && h!.wire.length > 0, 'the session to open');
    const replyId = await h.host.executeCommand<string>('quick-reply.whatShouldISay');
    const reply = await finalReply(h, 'We pay about forty dollars a seat today.');
    expect(reply.id).toBe(replyId);
    expect(h.questions.at(-1)).toMatchObject({ source: 'manual', text: 'We pay about forty dollars a seat today.' });
    const response = onWire(h, 'sent', 'response.create')[0].event.response as { instructions: string; max_output_tokens: number };
    expect(response.instructions).toMatch(/^Be brief and kind\.\n\nAnswer with a keyword/);
    expect(response.max_output_tokens).toBe(16);
  });
});
