import { atMost, percentile, report, type BenchModule } from './result.ts';
import { NotesIndex } from '../src/local/knowledge/notes-index.ts';
import { DEFAULT_ANSWER_MIN_SCORE } from '../src/local/options.ts';

const TOPICS = ['pricing', 'security review', 'data retention', 'onboarding', 'salesforce integration', 'slack bot', 'database migration', 'incident postmortem', 'rollout timeline', 'contract discount'];
const WORDS = 'account admin alert analysis api backup billing budget calendar customer dashboard deadline deploy discount export feature invoice license meeting migration owner plan policy quarter renewal report request roadmap seat sprint support team ticket training upgrade user vendor workflow'.split(' ');

/** 1,000 seeded notes in the same vocabulary, so that scores compete as in a real notes folder. */
function seededNotes(count: number): Array<{ id: string; title: string; body: string }> {
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  return Array.from({ length: count }, (_, i) => {
    const topic = pick(TOPICS);
    const sentences = Array.from({ length: 12 }, () => `The ${topic} ${Array.from({ length: 10 }, () => pick(WORDS)).join(' ')}.`);
    return { id: `n${i}`, title: `${topic} ${i}`, body: sentences.join(' ') };
  });
}

export default {
  title: 'sotto local: BM25 answers from notes',
  async run() {
    const index = new NotesIndex();
    const built = performance.now();
    for (const note of seededNotes(1000)) index.add(note);
    const buildMs = performance.now() - built;
    const questions = TOPICS.flatMap((t) => [`what is our ${t} policy for the customer`, `who owns the ${t} report`, `when is the ${t} deadline this quarter`]);
    for (let i = 0; i < 100; i++) index.answer(questions[i % questions.length], DEFAULT_ANSWER_MIN_SCORE);
    const samples: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const started = performance.now();
      index.answer(questions[i % questions.length], DEFAULT_ANSWER_MIN_SCORE);
      samples.push(performance.now() - started);
    }
    return [
      atMost('local.notes-answer-1000-p95', percentile(samples, 95), 'ms', 5),
      report('local.notes-answer-1000-p50', percentile(samples, 50), 'ms'),
      report('local.notes-index-build-1000', buildMs, 'ms'),
    ];
  },
} satisfies BenchModule;
