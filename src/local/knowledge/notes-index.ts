import MiniSearch from 'minisearch';
import { contentTerms, processTerm, sentences } from './text.ts';

export interface NoteDocument {
  id: string;
  title: string;
  body: string;
  /** Set for files uploaded through /v1/files; notes read from knowledge folders have none. */
  fileId?: string;
}

export interface NoteHit {
  note: NoteDocument;
  score: number;
  /** How many of the question's terms the note matched (exactly, by prefix or fuzzily). */
  matchedTerms: number;
}

export interface ExtractiveAnswer {
  /** The sentence of the best note that shares most terms with the question. */
  text: string;
  note: NoteDocument;
  score: number;
}

/** BM25 (MiniSearch's BM25+) over the user's notes and uploaded files; answers by extraction, never by generation. */
export class NotesIndex {
  private readonly search = new MiniSearch<NoteDocument>({
    fields: ['title', 'body'],
    storeFields: ['id'],
    processTerm,
    searchOptions: { boost: { title: 2 }, fuzzy: 0.2, prefix: true, processTerm },
  });
  private readonly notes = new Map<string, NoteDocument>();
  /** Folder notes hidden while an uploaded copy of the same text is indexed, so BM25 does not count one document twice. */
  private readonly shadowed = new Map<string, NoteDocument>();

  add(note: NoteDocument): void {
    if (this.notes.has(note.id)) this.search.discard(note.id);
    const twin = note.fileId ? [...this.notes.values()].find((n) => !n.fileId && n.body === note.body) : undefined;
    if (twin) {
      this.remove(twin.id);
      this.shadowed.set(note.id, twin);
    }
    this.notes.set(note.id, note);
    this.search.add(note);
  }

  remove(id: string): void {
    if (!this.notes.delete(id)) return;
    this.search.discard(id);
    const twin = this.shadowed.get(id);
    this.shadowed.delete(id);
    if (twin) this.add(twin);
  }

  get size(): number {
    return this.notes.size;
  }

  query(text: string, limit = 5, accept: (note: NoteDocument) => boolean = () => true): NoteHit[] {
    if (contentTerms(text).length === 0) return [];
    const hits: NoteHit[] = [];
    for (const r of this.search.search(text)) {
      const note = this.notes.get(r.id as string);
      if (!note || !accept(note)) continue;
      hits.push({ note, score: r.score, matchedTerms: r.queryTerms.length });
      if (hits.length >= limit) break;
    }
    return hits;
  }

  /**
   * The best-matching sentence, or `null` (abstain) when the best note scores under `minScore` or shares less than half
   * of the question's content words (raw BM25 scores shift with the corpus; coverage does not).
   */
  answer(question: string, minScore: number, accept?: (note: NoteDocument) => boolean): ExtractiveAnswer | null {
    const [best] = this.query(question, 1, accept);
    if (!best || best.score < minScore) return null;
    const terms = new Set(contentTerms(question));
    if (best.matchedTerms < terms.size / 2) return null;
    let bestSentence = '';
    let bestOverlap = -1;
    for (const sentence of sentences(best.note.body)) {
      const overlap = new Set(contentTerms(sentence).filter((t) => terms.has(t))).size;
      if (overlap > bestOverlap) [bestSentence, bestOverlap] = [sentence, overlap];
    }
    return bestOverlap > 0 ? { text: bestSentence, note: best.note, score: best.score } : null;
  }
}
