import { readFileSync } from 'node:fs';
import path from 'node:path';
import 'reflect-metadata';
import { askCue } from '../plugins/quick-reply/src/gate.ts';
import { scoreGate, type LabelledLine } from '../plugins/quick-reply/tests/gateScore.ts';
import { onWire, startHarness } from '../tests/support/quickReplyHarness.ts';
import { atMost, percentile, report, type BenchModule } from './result.ts';

const repo = path.resolve(import.meta.dirname, '..');
const labelled = readFileSync(path.join(repo, 'plugins/quick-reply/tests/fixtures/gate-lines.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as LabelledLine);
// Long unpunctuated ASR runs are the gate's worst case for regular expressions.
const long = Array.from({ length: 20 }, (_, i) => `so um in terms of the ${'rollout and the pricing and the support '.repeat(8 + i)}what would it cost`);

function gateTimes(): number[] {
  const texts = [...labelled.map((l) => l.text), ...long];
  for (let i = 0; i < 2_000; i++) askCue(texts[i % texts.length]);
  const times: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const text of texts) {
      const started = performance.now();
      askCue(text);
      times.push(performance.now() - started);
    }
  }
  return times;
}

export default {
  title: 'Quick reply (issue 6): question gate; final participant line to response.create on the wire (headless host, sotto local)',
  async run() {
    const gate = gateTimes();
    const { precision, recall } = scoreGate(labelled);

    const h = await startHarness({ plugins: ['quick-reply'], local: { knowledgeDirs: [path.join(repo, 'tests/fixtures/local/notes')] }, settings: { 'quick-reply': { spacingSeconds: 0, similarity: 1 } } });
    const toWire: number[] = [];
    const deltaToBus: number[] = [];
    try {
      h.say('Thanks for making the time today.');
      await h.until(() => onWire(h, 'received', 'session.created').length > 0, 'the session');
      // Distinct questions one after another (similarity 1: only the same words count as a repeat).
      for (let i = 0; i < 120; i++) {
        const question = `What would ${i + 3} seats cost per month on the ${i % 2 ? 'annual' : 'monthly'} plan number ${i}?`;
        const said = h.say(question);
        const create = await h.until(() => onWire(h, 'sent', 'response.create')[i], 'response.create');
        const reply = await h.until(() => h.replies.find((r) => r.question === question && r.final), 'the reply');
        const firstDelta = onWire(h, 'received', 'response.output_text.delta').find((e) => e.at > create.at)!;
        const firstText = h.replies.find((r) => r.id === reply.id && r.text)!;
        if (i >= 20) {
          toWire.push(create.at - said);
          deltaToBus.push(firstText.at - firstDelta.at);
        }
      }
    } finally {
      await h.close();
    }
    return [
      atMost('quick-reply.gate-p99', percentile(gate, 99), 'ms', 5),
      report('quick-reply.gate-max', Math.max(...gate), 'ms'),
      report('quick-reply.gate-precision', precision, 'ratio'),
      report('quick-reply.gate-recall', recall, 'ratio'),
      report('quick-reply.line-to-create-p50', percentile(toWire, 50), 'ms'),
      atMost('quick-reply.line-to-create-p95', percentile(toWire, 95), 'ms', 20),
      report('quick-reply.delta-to-bus-p95', percentile(deltaToBus, 95), 'ms'),
    ];
  },
} satisfies BenchModule;
