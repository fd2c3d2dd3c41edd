import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TranscriptSegment } from '@sotto/api';
import { WavCaptureService } from '../../../src/host/node/capture/wavCaptureService.ts';
import { CallController } from '../../../src/host/common/call/callController.ts';
import { repoRoot } from '../../support/fixtures.ts';
import { speechWav } from '../../support/speechWav.ts';
import { onWire, startHarness, type Harness } from '../../support/quickReplyHarness.ts';

const theirs = ['we have about fifty people on the team', 'what would fifty seats cost per month'];

describe('quick reply in a call: both sides transcribed, the reply asked of your own session', () => {
  let h: Harness | undefined;
  afterAll(() => h?.close());

  it('answers the participant\'s question out of band on the shared "you" session, first text well within a second and before the assistant\'s', async () => {
    h = await startHarness({
      plugins: ['transcription', 'quick-reply', 'assistant-runs'],
      local: { knowledgeDirs: [path.join(repoRoot, 'tests/fixtures/local/notes')], recognizer: { utterances: { transcription: theirs, realtime: [] }, msPerWord: 60 } },
    });
    const finals: (TranscriptSegment & { at: number })[] = [];
    h.host.bus.stream('transcript').subscribe((s) => s.final && finals.push({ ...s, at: performance.now() }));
    const capture = new WavCaptureService({ speed: 6 });
    const call = new CallController(h.host, capture);
    await call.start({ participant: { kind: 'file', url: speechWav(theirs).file }, you: { kind: 'file', url: speechWav([], { leadSeconds: 6 }).file } });
    try {
      const reply = await h.until(() => h!.replies.find((r) => r.final), 'a final reply', 20_000);
      const question = finals.find((s) => s.text === theirs[1])!;
      expect(reply).toMatchObject({ questionId: `q-${question.itemId}`, question: theirs[1], state: 'done', text: 'From your notes (pricing): The enterprise plan costs 42 dollars per seat per month, billed annually.' });
      expect(h.replies.filter((r) => r.final)).toHaveLength(1);

      // Asked of the session the transcription plugin opened for you, which already heard the participant.
      const [create] = onWire(h, 'sent', 'response.create');
      expect(create.pluginId).toBe('transcription');
      expect(create.event.response).toMatchObject({ conversation: 'none', output_modalities: ['text'], metadata: { question_id: reply.questionId } });
      const relayed = onWire(h, 'sent', 'conversation.item.create').map((e) => (e.event.item as { content: { text: string }[] }).content[0].text);
      expect(relayed).toEqual(theirs.map((t) => `[Participant] ${t}`));

      const firstText = h.replies.find((r) => r.id === reply.id && r.text)!;
      expect(create.at - question.at).toBeLessThan(100);
      expect(firstText.at - question.at).toBeLessThan(1_000);
      // The assistant got the question too and answers it in depth, but the quick reply shows first.
      const answer = await h.until(() => h!.answers.find((a) => a.question === theirs[1] && a.text), "the assistant's first text", 20_000);
      console.log(`final line → response.create ${(create.at - question.at).toFixed(1)} ms; → reply's first text ${(firstText.at - question.at).toFixed(1)} ms; → assistant's ${(answer.at - question.at).toFixed(1)} ms`);
      expect(firstText.at).toBeLessThan(answer.at);
    } finally {
      await call.stop();
    }
  });
});
