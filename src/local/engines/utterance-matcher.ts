import { BANDS, SILENCE_DB, SpectralFingerprint } from './spectral-fingerprint.ts';
import { BLOCK, likeness, normalised, type Reference } from './utterance-reference.ts';

/** Blocks of the segment (400 ms, every 100 ms) are searched for in every utterance at every offset. */
const BLOCK_HOP = 10;
/** A block this similar proposes its offset; each proposal is then checked frame by frame. */
const CANDIDATE_SCORE = 0.7;
/** Frame-by-frame check: similarity over ±150 ms around each frame, at the proposed offset. */
const LOCAL_HALF = 15;
const LOCAL_SCORE = 0.6;
/** Unmatched stretches up to this long (double talk, a pause) do not break a match… */
const MAX_GAP = 25;
/**
 * …which must cover at least 500 ms of the utterance and be alike overall: 0.9 for 500 ms, down to 0.7 from 1.5 s on
 * (a word or two shared by two sentences is alike for about 500 ms; double talk makes long matches less alike).
 */
const MIN_MATCH = 50;
const requiredLikeness = (frames: number) => 0.9 - 0.2 * Math.min(1, (frames - MIN_MATCH) / 100);
/** Extension through double talk: cells within 20 dB of a frame's strongest band, ±6 dB of expected, over ±50 ms. */
const MASK_HALF = 5;
const MASK_RANGE_DB = 20;
const MASK_TOLERANCE_DB = 6;
const MASK_SUPPORT = 0.7;
const MASK_MIN_CELLS = 8;
/** A frame of the utterance counts as heard only if the segment is at most this much quieter there than on average. */
const PRESENT_DB = 15;
/** Segment frames this far above silence are sound; blocks mostly of silence are not searched. */
const SOUND_DB = SILENCE_DB + 40;

/** The part of one utterance a segment contains: frames of the unpadded utterance, and where it starts in the segment. */
export interface HeardPart {
  utterance: number;
  fromFrame: number;
  toFrame: number;
  segmentFrame: number;
  /** Normalised cross-correlation over the part. */
  likeness: number;
}

/**
 * Finds which utterances the audio of one speech segment contains, as it arrives. Blocks of the segment propose
 * offsets into utterances; an offset holds where the segment and the utterance stay similar for ≥ 500 ms (gaps
 * allowed), and the heard part is trimmed to where the segment is loud enough to contain the utterance at all.
 */
export class SegmentMatcher {
  private readonly fp = new SpectralFingerprint();
  private nextBlock = 0;
  /**
   * Per utterance: proposed offsets (segment frame − padded utterance frame), each with its frame-by-frame check
   * (one entry per speech frame of the utterance; undefined until the segment frames it needs have arrived).
   */
  private readonly offsets: Array<Map<number, Array<boolean | undefined>>>;

  constructor(private readonly references: readonly Reference[]) {
    this.offsets = references.map(() => new Map());
  }

  push(pcm24k: Int16Array): void {
    this.fp.push(pcm24k);
    for (; this.nextBlock + BLOCK <= this.fp.frames; this.nextBlock += BLOCK_HOP) this.search(this.nextBlock);
  }

  /** The segment ended: searches its last frames too, then reports every part heard. */
  finish(): HeardPart[] {
    const last = this.fp.frames - BLOCK;
    if (last >= 0 && last > this.nextBlock - BLOCK_HOP) this.search(last);
    this.nextBlock = Number.POSITIVE_INFINITY;
    return this.heard(true);
  }

  /** Parts heard so far, in the order they start in the segment; unless `final`, only frames whose context has arrived. */
  heard(final = false): HeardPart[] {
    const parts: Array<HeardPart & { offset: number }> = [];
    this.references.forEach((reference, utterance) => {
      let best: (HeardPart & { offset: number }) | null = null;
      for (const [offset, similar] of this.offsets[utterance]) {
        const part = this.verify(reference, offset, similar, final);
        if (part && (!best || longer(part, best))) best = { ...part, utterance, offset };
      }
      if (best) parts.push(best);
    });
    // Two utterances sharing a phrase both match it: the one that matches all around it is what was said.
    return parts
      .filter((part) => !parts.some((other) => other !== part && longer(other, part) && this.explains(other, part)))
      .map(({ offset: _offset, ...part }) => part)
      .sort((a, b) => a.segmentFrame - b.segmentFrame);
  }

  /** Whether `other`'s utterance is alike over ≥ 80% of the segment frames where `part` was heard. */
  private explains(other: HeardPart & { offset: number }, part: HeardPart): boolean {
    const similar = this.offsets[other.utterance].get(other.offset) ?? [];
    const first = BLOCK + this.references[other.utterance].speechFrom + other.offset;
    const frames = part.toFrame - part.fromFrame;
    let alike = 0;
    for (let s = part.segmentFrame; s < part.segmentFrame + frames; s++) if (similar[s - first]) alike++;
    return alike >= 0.8 * frames;
  }

  private search(start: number): void {
    const values = this.fp.values;
    const energy = this.fp.energy;
    let sound = 0;
    for (let f = start; f < start + BLOCK; f++) if (energy[f] >= SOUND_DB) sound++;
    if (sound < BLOCK / 2) return;
    const block = normalised(values, start, BLOCK);
    if (!block) return;
    this.references.forEach((reference, utterance) => {
      const { frame, score } = reference.bestOffset(block);
      const offset = start - frame;
      if (score >= CANDIDATE_SCORE && !this.offsets[utterance].has(offset)) this.offsets[utterance].set(offset, []);
    });
  }

  /** Checks one offset frame by frame; the longest similar stretch (gaps allowed), trimmed to where it was audible. */
  private verify(reference: Reference, offset: number, similar: Array<boolean | undefined>, final: boolean): Omit<HeardPart, 'utterance'> | null {
    const segmentFrames = this.fp.frames;
    const settled = final ? segmentFrames : segmentFrames - LOCAL_HALF;
    const gains: number[] = [];
    const pad = BLOCK;
    for (let f = pad + reference.speechFrom, i = 0; f < pad + reference.speechTo; f++, i++) {
      const s = f + offset;
      if (similar[i] === undefined && (s < 0 || s < settled)) similar[i] = s >= 0 && this.localScore(reference, f, s) >= LOCAL_SCORE;
      if (similar[i] && reference.energy[f] > SILENCE_DB + 1) gains.push(this.fp.energy[s] - reference.energy[f]);
    }
    const gain = median(gains);
    const audible = Array.from({ length: reference.speechTo - reference.speechFrom }, (_, i) => similar[i] ?? false).map((ok, i) => {
      const f = pad + reference.speechFrom + i;
      const loud = reference.energy[f] >= SILENCE_DB + 1;
      return ok && (!loud || this.fp.energy[f + offset] >= reference.energy[f] + gain - PRESENT_DB);
    });
    const run = longestRun(audible);
    if (!run || run.to - run.from < MIN_MATCH) return null;
    const fromFrame = reference.speechFrom + run.from;
    const likeness = this.similarity(reference, pad + fromFrame, pad + fromFrame + offset, run.to - run.from);
    if (likeness < requiredLikeness(run.to - run.from)) return null;
    const limit = Math.min(reference.speechTo, settled - offset - pad);
    const from = this.extend(reference, offset, gain, fromFrame, -1, Math.max(reference.speechFrom, -offset - pad));
    const to = this.extend(reference, offset, gain, reference.speechFrom + run.to - 1, 1, limit - 1) + 1;
    return { fromFrame: from, toFrame: to, segmentFrame: from + pad + offset, likeness };
  }

  /**
   * Double talk: the other voice masks this one, so likeness fails. Goes on from `frame` (utterance frame) in
   * direction `step` while the segment, in the cells where the utterance is strong, is about as loud as the utterance
   * (supports it) or louder (masks it), rarely quieter (contradicts it). Returns the last supported frame.
   */
  private extend(reference: Reference, offset: number, gain: number, frame: number, step: 1 | -1, bound: number): number {
    let last = frame;
    for (let f = frame + step; step > 0 ? f <= bound : f >= bound; f += step) {
      const { support, contradict } = this.masking(reference, BLOCK + f, BLOCK + f + offset, gain);
      if (support + contradict >= MASK_MIN_CELLS) {
        if (support < MASK_SUPPORT * (support + contradict)) break;
        last = f;
      } else if (Math.abs(f - last) > MAX_GAP) break;
    }
    return last;
  }

  private masking(reference: Reference, f: number, s: number, gain: number): { support: number; contradict: number } {
    let support = 0;
    let contradict = 0;
    for (let d = -MASK_HALF; d <= MASK_HALF; d++) {
      if (s + d < 0 || s + d >= this.fp.frames || f + d < 0 || f + d >= reference.frames) continue;
      let strongest = SILENCE_DB;
      for (let b = 0; b < BANDS; b++) strongest = Math.max(strongest, reference.values[(f + d) * BANDS + b]);
      for (let b = 0; b < BANDS; b++) {
        const own = reference.values[(f + d) * BANDS + b];
        if (own < strongest - MASK_RANGE_DB || own < SILENCE_DB + 20) continue;
        const heard = this.fp.values[(s + d) * BANDS + b] - (own + gain);
        if (heard < -MASK_TOLERANCE_DB) contradict++;
        else if (heard <= MASK_TOLERANCE_DB) support++;
      }
    }
    return { support, contradict };
  }

  private localScore(reference: Reference, f: number, s: number): number {
    const from = Math.max(-LOCAL_HALF, -f, -s);
    const to = Math.min(LOCAL_HALF, reference.frames - 1 - f, this.fp.frames - 1 - s);
    return this.similarity(reference, f + from, s + from, to - from + 1);
  }

  /** Normalised cross-correlation of `frames` frames of the utterance (from `f`) and of the segment (from `s`). */
  private similarity(reference: Reference, f: number, s: number, frames: number): number {
    return likeness(reference.values, f, this.fp.values, s, frames);
  }
}

/** The longest stretch of true values, bridging false stretches up to MAX_GAP long; ends exclusive. */
function longestRun(flags: boolean[]): { from: number; to: number } | null {
  let best: { from: number; to: number } | null = null;
  let from = -1;
  let lastTrue = -1;
  flags.forEach((flag, i) => {
    if (!flag) return;
    if (from < 0 || i - lastTrue > MAX_GAP) from = i;
    lastTrue = i;
    if (!best || i + 1 - from > best.to - best.from) best = { from, to: i + 1 };
  });
  return best;
}

/** Ranks matches: longer first, then more alike, then the earlier utterance (two with the same audio). */
function longer(a: Omit<HeardPart, 'utterance'> & { utterance?: number }, b: Omit<HeardPart, 'utterance'> & { utterance?: number }): boolean {
  const [la, lb] = [a.toFrame - a.fromFrame, b.toFrame - b.fromFrame];
  return la > lb || (la === lb && (a.likeness > b.likeness || (a.likeness === b.likeness && (a.utterance ?? 0) < (b.utterance ?? 0))));
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
