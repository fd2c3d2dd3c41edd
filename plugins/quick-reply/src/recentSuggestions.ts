import { contentWords, similarity } from './wordSets.ts';

const KEPT = 5;
const WINDOW_MS = 60_000;

interface Suggestion {
  readonly replyId: string;
  readonly words: Set<string>;
  readonly at: number;
}

/** The last few questions answered in the past minute, to answer each question once. */
export class RecentSuggestions {
  private items: Suggestion[] = [];

  add(replyId: string, question: string, at = Date.now()): void {
    this.items = [...this.items, { replyId, words: contentWords(question), at }].slice(-KEPT);
  }

  /** A reply that failed or was superseded did not answer its question: asking again is not a repeat. */
  forget(replyId: string): void {
    this.items = this.items.filter((s) => s.replyId !== replyId);
  }

  isRepeat(question: string, threshold: number, now = Date.now()): boolean {
    const words = contentWords(question);
    // "What about that?" has nothing to compare; treating it as a repeat would silence every such question.
    if (words.size === 0) return false;
    return this.items.some((s) => now - s.at <= WINDOW_MS && similarity(words, s.words) >= threshold);
  }

  clear(): void {
    this.items = [];
  }
}
