import type { TranscriptSegment } from '@sotto/api';

/** An echo needs this many of the participant's words, in order, with this many letters: "yes, pricing tiers" is not. */
const MIN_WORDS = 4;
const MIN_LETTERS = 16;
/** Within the matched stretch of either line, at least this share of the words must match (ASR wording varies). */
const MIN_DENSITY = 0.75;
/** Matched words may be this many words apart in either line and still be one stretch. */
const MAX_SKIP = 2;
/**
 * An echo is heard 3–40 ms after the participant says it: the two stretches must lie this close in the call (s). You
 * repeating the participant's words comes after they said them, later by at least the time the words take.
 */
const SAME_TIME_S = 1.25;
/** Lines this old are no longer compared (s). */
const KEEP_S = 30;

/** An echo of the participant caught in your lane. */
export interface EchoCatch {
  /** Your line without the echoed words; retracted when nothing of yours is left. */
  readonly corrected: TranscriptSegment;
  /** The words taken out, as your session heard them. */
  readonly echoed: string;
  /** The participant's line they echo. */
  readonly source: TranscriptSegment;
}

interface Words {
  /** The line's words as written. */
  readonly written: string[];
  /** Each word normalised (lower case, letters, digits and apostrophes only; empty for punctuation alone). */
  readonly tokens: string[];
}

/**
 * The text-level backstop behind echo suppression: a final line in your lane that holds a stretch of what the
 * participant said at the same moment (the participant's voice leaking from the speakers into the mic, past the
 * signal-level suppressor) is not credited to you. The stretch is taken out of your line, and a line that was only
 * echo is retracted; the participant's own line keeps the words, so nothing is lost. Either side's line may come
 * final first: each is compared with the other side's recent lines.
 */
export class EchoBackstop {
  private readonly yours = new Map<string, TranscriptSegment>();
  private readonly theirs: TranscriptSegment[] = [];

  /** A line of either side; returns what it shows to be echo in your lane. */
  screen(segment: TranscriptSegment): EchoCatch[] {
    if (!segment.final || segment.gap || segment.retracted) {
      if (segment.retracted && segment.channel === 'you') this.yours.delete(segment.itemId);
      return [];
    }
    this.forget(segment.end - KEEP_S);
    if (segment.channel === 'participant') {
      this.theirs.push(segment);
      return [...this.yours.values()].flatMap((line) => this.check(line, [segment]));
    }
    this.yours.set(segment.itemId, segment);
    return this.check(segment, this.theirs);
  }

  /** Takes every echoed stretch of `sources` out of your `line`. */
  private check(line: TranscriptSegment, sources: readonly TranscriptSegment[]): EchoCatch[] {
    const catches: EchoCatch[] = [];
    let current = line;
    for (const source of sources) {
      const found = findEcho(current, source);
      if (!found) continue;
      current = found.corrected;
      catches.push({ ...found, source });
      if (current.retracted) break;
    }
    if (current.retracted) this.yours.delete(line.itemId);
    else if (current !== line) this.yours.set(line.itemId, current);
    return catches;
  }

  private forget(before: number): void {
    for (const [id, line] of this.yours) if (line.end < before) this.yours.delete(id);
    while (this.theirs.length && this.theirs[0]!.end < before) this.theirs.shift();
  }
}

/**
 * The stretch of `yours` that echoes `theirs`: the longest run of their words found in order in your line (a few
 * words skipped or misheard allowed), long enough not to be a shared phrase, and said at the same time in the call.
 * Returns your line without it, or retracted when nothing else is left.
 */
export function findEcho(yours: TranscriptSegment, theirs: TranscriptSegment): { corrected: TranscriptSegment; echoed: string } | undefined {
  const mine = words(yours.text);
  const other = words(theirs.text);
  const run = longestRun(mine.tokens, other.tokens);
  if (!run || run.pairs < MIN_WORDS) return undefined;
  const [myFrom, myTo] = run.mine;
  const [theirFrom, theirTo] = run.theirs;
  const letters = mine.tokens.slice(myFrom, myTo + 1).reduce((n, token) => n + token.length, 0);
  if (letters < MIN_LETTERS) return undefined;
  if (run.pairs / countTokens(mine.tokens, myFrom, myTo) < MIN_DENSITY || run.pairs / countTokens(other.tokens, theirFrom, theirTo) < MIN_DENSITY) return undefined;
  if (Math.abs(timeOf(yours, mine, myFrom, myTo) - timeOf(theirs, other, theirFrom, theirTo)) > SAME_TIME_S) return undefined;
  const echoed = mine.written.slice(myFrom, myTo + 1).join(' ');
  const left = [...mine.written.slice(0, myFrom), ...mine.written.slice(myTo + 1)];
  const text = left.join(' ').replace(/^[\s,.;:!?—–-]+/, '').trim();
  if (!words(text).tokens.some(Boolean)) return { corrected: { ...yours, text: '', retracted: true }, echoed };
  return { corrected: { ...yours, text }, echoed };
}

function words(text: string): Words {
  const written = text.split(/\s+/).filter(Boolean);
  return { written, tokens: written.map((word) => word.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '')) };
}

/** Non-empty tokens in [from, to]. */
function countTokens(tokens: readonly string[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i <= to; i++) if (tokens[i]) n++;
  return n;
}

/**
 * The longest common subsequence of the two token lists, split into runs where neither side skips more than
 * MAX_SKIP words; the run with the most matched words, as word index ranges of each side.
 */
function longestRun(mine: readonly string[], theirs: readonly string[]): { pairs: number; mine: [number, number]; theirs: [number, number] } | undefined {
  const rows = mine.length + 1;
  const cols = theirs.length + 1;
  const table = new Uint16Array(rows * cols);
  for (let i = mine.length - 1; i >= 0; i--) {
    for (let j = theirs.length - 1; j >= 0; j--) {
      table[i * cols + j] = mine[i] && mine[i] === theirs[j] ? table[(i + 1) * cols + j + 1]! + 1 : Math.max(table[(i + 1) * cols + j]!, table[i * cols + j + 1]!);
    }
  }
  const pairs: Array<[number, number]> = [];
  for (let i = 0, j = 0; i < mine.length && j < theirs.length; ) {
    if (mine[i] && mine[i] === theirs[j]) pairs.push([i++, j++]);
    else if (table[(i + 1) * cols + j]! >= table[i * cols + j + 1]!) i++;
    else j++;
  }
  let best: { pairs: number; mine: [number, number]; theirs: [number, number] } | undefined;
  for (let start = 0; start < pairs.length; ) {
    let end = start;
    while (end + 1 < pairs.length && pairs[end + 1]![0] - pairs[end]![0] <= MAX_SKIP + 1 && pairs[end + 1]![1] - pairs[end]![1] <= MAX_SKIP + 1) end++;
    const count = end - start + 1;
    if (!best || count > best.pairs) best = { pairs: count, mine: [pairs[start]![0], pairs[end]![0]], theirs: [pairs[start]![1], pairs[end]![1]] };
    start = end + 1;
  }
  return best;
}

/** When the words [from, to] of a line were said (call seconds): placed in the line's span by their letters. */
function timeOf(line: TranscriptSegment, { tokens }: Words, from: number, to: number): number {
  const total = tokens.reduce((n, token) => n + token.length, 0) || 1;
  let before = 0;
  for (let i = 0; i < from; i++) before += tokens[i]!.length;
  let within = 0;
  for (let i = from; i <= to; i++) within += tokens[i]!.length;
  return line.start + ((before + within / 2) / total) * (line.end - line.start);
}
