import type { RealtimeClientEvent, TranscriptSegment } from '@sotto/api';
import type { QuickReplySettings, Verbosity } from './settings.ts';

const LENGTH: Record<Verbosity, { rule: string; maxTokens: number }> = {
  keyword: { rule: 'Answer with a keyword or a phrase of at most five words that the user can glance at.', maxTokens: 16 },
  'one line': { rule: 'Answer with one sentence of at most 25 words that the user could say aloud.', maxTokens: 60 },
  'short paragraph': { rule: 'Answer with two or three short sentences that the user could say aloud.', maxTokens: 160 },
};

/** Marks this plugin's responses among others on a shared session. */
export const METADATA_SOURCE = 'sotto.quick-reply';

export interface ReplyAsk {
  readonly replyId: string;
  readonly questionId: string;
  readonly question: string;
  /** Final lines before the question, oldest first. */
  readonly turns: readonly TranscriptSegment[];
}

const speaker = (s: TranscriptSegment) => (s.channel === 'you' ? 'You' : s.speaker || 'Participant');
const message = (text: string) => ({ type: 'message', role: 'user', content: [{ type: 'input_text', text }] });

/**
 * An out-of-band, text-only `response.create`: it leaves the user's conversation untouched, carries its own
 * instructions and context, and its metadata names the reply it streams into.
 */
export function replyRequest(ask: ReplyAsk, settings: QuickReplySettings): RealtimeClientEvent {
  const length = LENGTH[settings.verbosity];
  const turns = settings.contextTurns > 0 ? ask.turns.slice(-settings.contextTurns) : [];
  return {
    type: 'response.create',
    event_id: `evt_${ask.replyId}`,
    response: {
      conversation: 'none',
      output_modalities: ['text'],
      instructions: `${settings.systemPrompt}\n\n${length.rule}\nThe messages are the latest turns of the call, each labelled with its speaker; the last message, unlabelled, is what the participant asked.`,
      // The question goes last and bare: engines that answer from notes match on it.
      input: [...turns.map((s) => message(`[${speaker(s)}] ${s.text}`)), message(ask.question)],
      max_output_tokens: length.maxTokens,
      metadata: { source: METADATA_SOURCE, reply_id: ask.replyId, question_id: ask.questionId.slice(0, 512) },
    },
  };
}
