import type { NoteDocument, NoteHit, NotesIndex } from '../knowledge/notes-index.ts';
import type { ScriptedReply } from '../options.ts';

export const ABSTAIN_TEXT = 'Nothing in your notes answers that.';
export const NOTES_LABEL = 'From your notes';

export interface Question {
  /** What the user asked (the last user message). */
  text: string;
  /** `function_call_output` payloads sent back in this request. */
  toolOutputs: string[];
  /** Function tools the request offers. */
  functionNames: string[];
  /** Only these notes may answer (file_search over vector stores); all notes when absent. */
  accept?: (note: NoteDocument) => boolean;
}

export type PlannedOutput =
  | { kind: 'text'; text: string; source?: NoteDocument }
  | { kind: 'tool_calls'; calls: Array<{ name: string; arguments: string }> };

/**
 * Decides what a response says. Scripted replies (tests) come first, in order; otherwise the answer is the best
 * sentence of the user's notes by BM25, labelled as coming from the notes, or an abstention under the threshold.
 * There is no generative model offline.
 */
export class Responder {
  private readonly replies: ScriptedReply[];

  constructor(
    private readonly notes: NotesIndex,
    private readonly minScore: number,
    replies: readonly ScriptedReply[] = [],
  ) {
    this.replies = [...replies];
  }

  plan(question: Question): PlannedOutput {
    const scripted = this.takeScripted(question.text);
    if (scripted) {
      if ('text' in scripted) return { kind: 'text', text: scripted.text };
      return { kind: 'tool_calls', calls: scripted.toolCalls.map((c) => ({ name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments) })) };
    }
    if (question.toolOutputs.length > 0) return { kind: 'text', text: question.toolOutputs.join('\n') };
    const answer = this.notes.answer(question.text, this.minScore, question.accept);
    if (!answer) return { kind: 'text', text: ABSTAIN_TEXT };
    return { kind: 'text', text: `${NOTES_LABEL} (${answer.note.title}): ${answer.text}`, source: answer.note };
  }

  search(text: string, limit: number, accept?: (note: NoteDocument) => boolean): NoteHit[] {
    return this.notes.query(text, limit, accept).filter((h) => h.score >= this.minScore);
  }

  private takeScripted(text: string): ScriptedReply | undefined {
    const lower = text.toLowerCase();
    const index = this.replies.findIndex((r) => !r.match || lower.includes(r.match.toLowerCase()));
    return index < 0 ? undefined : this.replies.splice(index, 1)[0];
  }
}
