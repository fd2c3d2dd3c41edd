import type { Recognizer, RecognizerStream } from './recognizer.ts';
import { SegmentMatcher, type HeardPart } from './utterance-matcher.ts';
import { Reference } from './utterance-reference.ts';

/** One scripted utterance: its text and its 24 kHz mono PCM16 audio. */
export interface MatchedUtterance {
  text: string;
  pcm24k: Int16Array;
}

/** While a segment lasts, look for words every 100 ms of it, not at every VAD frame. */
const LOOK_EVERY_MS = 100;

interface SegmentState {
  matcher: SegmentMatcher;
  /** Samples of the segment pushed to the matcher. */
  fed: number;
  /** Speech ms when words were last looked for. */
  looked: number;
  sent: string[];
}

interface Words {
  words: string[];
  /** Each word's middle, in frames of the utterance. */
  middles: number[];
}

/**
 * Test recognizer that knows each utterance by its audio: a speech segment's text is the words of the utterances its
 * audio contains, in the order heard, so any session — a second one overlapping the first, one fed replayed audio, the
 * mic lane hearing the participant's echo — hears what its own audio holds. Of a partly heard utterance it gives the
 * words whose middle was heard, placing words in the utterance's speech in proportion to their letters.
 */
export class MatchedRecognizer implements Recognizer {
  readonly name = 'scripted-matched';
  readonly unavailable = null;
  private readonly references: Reference[];
  private readonly words: Words[];

  constructor(utterances: readonly MatchedUtterance[]) {
    this.references = utterances.map((u) => new Reference(u.pcm24k));
    this.words = utterances.map((u, i) => placeWords(u.text, this.references[i]));
  }

  open(): RecognizerStream {
    const segments = new Map<number, SegmentState>();
    const segment = (index: number) => {
      let state = segments.get(index);
      if (!state) segments.set(index, (state = { matcher: new SegmentMatcher(this.references), fed: 0, looked: 0, sent: [] }));
      return state;
    };
    /** Pushes what the matcher has not had yet of `pcm`, which starts at sample `from` of the segment. */
    const feed = (state: SegmentState, pcm: Int16Array, from: number) => {
      if (from + pcm.length > state.fed) state.matcher.push(pcm.subarray(state.fed - from));
      state.fed = Math.max(state.fed, from + pcm.length);
    };
    /** Words not sent yet; none once what was sent is no longer how the text begins (a later revision). */
    const owed = (sent: string[], tokens: string[]) => (sent.every((word, i) => tokens[i] === word) ? tokens.slice(sent.length) : []);
    return {
      progress: (index, speechMs, audio) => {
        const state = segment(index);
        if (speechMs - state.looked < LOOK_EVERY_MS) return [];
        state.looked = speechMs;
        feed(state, audio(state.fed), state.fed);
        const deltas = owed(state.sent, this.tokens(state.matcher.heard()));
        state.sent.push(...deltas);
        return deltas;
      },
      ended: async (index, pcm24k) => {
        const state = segment(index);
        segments.delete(index);
        feed(state, pcm24k, 0);
        const tokens = this.tokens(state.matcher.finish());
        return { deltas: owed(state.sent, tokens), text: tokens.join('') };
      },
    };
  }

  /** The heard words as deltas: each but the first with the space before it. */
  private tokens(parts: HeardPart[]): string[] {
    const words = parts.flatMap(({ utterance, fromFrame, toFrame }) => {
      const { words: all, middles } = this.words[utterance];
      return all.filter((_, i) => middles[i] >= fromFrame && middles[i] < toFrame);
    });
    return words.map((word, i) => (i === 0 ? word : ` ${word}`));
  }
}

function placeWords(text: string, reference: Reference): Words {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const letters = words.map((w) => w.length);
  const total = letters.reduce((a, b) => a + b, 0) || 1;
  const span = reference.speechTo - reference.speechFrom;
  let before = 0;
  const middles = letters.map((n) => {
    const middle = reference.speechFrom + ((before + n / 2) / total) * span;
    before += n;
    return middle;
  });
  return { words, middles };
}
