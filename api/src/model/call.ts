import type { CallChannel } from '../manifest/types.ts';

/** A piece of the live transcript. Deltas (final: false) update the line of the same itemId in place. */
export interface TranscriptSegment {
  readonly channel: CallChannel;
  readonly itemId: string;
  readonly previousItemId: string | null;
  readonly text: string;
  readonly final: boolean;
  /** Seconds from the start of the call. */
  readonly start: number;
  readonly end: number;
  /** Display name of the speaker, when known (the participant's name from settings). */
  readonly speaker?: string;
  /** The line is withdrawn: its session ended before finishing it, and a successor transcribes that audio again. */
  readonly retracted?: boolean;
  /** Not speech but a visible marker of audio that no session could transcribe. */
  readonly gap?: boolean;
}

/** A participant line that asks for something, handed from the quick-reply gate to whoever answers it. */
export interface Question {
  readonly id: string;
  readonly text: string;
  readonly itemId?: string;
  /** Epoch milliseconds when it was detected. */
  readonly at: number;
  readonly source: 'gate' | 'manual';
}

export type ReplyState = 'streaming' | 'done' | 'superseded' | 'error';

/** A quick text suggestion for the user. Later chunks replace `text` whole. */
export interface Reply {
  readonly id: string;
  readonly questionId: string;
  readonly question: string;
  readonly text: string;
  readonly final: boolean;
  readonly state: ReplyState;
  readonly error?: string;
}

export interface Citation {
  readonly title: string;
  readonly fileId?: string;
  readonly quote?: string;
}

/** A fuller answer from an assistant run. */
export interface AssistantAnswer {
  readonly id: string;
  readonly question: string;
  readonly text: string;
  readonly citations: readonly Citation[];
  readonly final: boolean;
  readonly state: ReplyState;
  readonly error?: string;
  /** Problems the answer went on past, e.g. a tool that timed out; shown with the answer. */
  readonly notices?: readonly string[];
  /** A fix the user can take, e.g. switching to the default model; runs the command by its full id. */
  readonly offer?: { readonly title: string; readonly command: string };
}

/** `waiting`: capture goes on, but transcription waits for the user (a valid API key); it resumes from where it stopped. */
export type CallStatus = 'idle' | 'starting' | 'live' | 'reconnecting' | 'waiting' | 'ended' | 'error';

export interface CallState {
  readonly status: CallStatus;
  readonly detail?: string;
  /** Epoch milliseconds. */
  readonly startedAt?: number;
  /** The engine refused the API key: the call waits for a valid one. */
  readonly needsKey?: boolean;
}

/** Tokens one request used, reported by the plugin that made it; the status bar prices it (model/pricing.ts). */
export interface Usage {
  readonly pluginId: string;
  readonly model: string;
  /** The local engine costs nothing, whatever model name it was asked for. */
  readonly engine?: 'openai' | 'local';
  /** All input tokens, cached and audio ones included. */
  readonly inputTokens: number;
  readonly cachedInputTokens: number;
  /** All output tokens, audio ones included. */
  readonly outputTokens: number;
  /** The audio part of the tokens above (Realtime, transcription), priced at the audio rate. */
  readonly audioInputTokens?: number;
  readonly audioOutputTokens?: number;
}

/** The typed streams that plugins publish to and subscribe to through `api.streams`. */
export interface StreamTypes {
  transcript: TranscriptSegment;
  questions: Question;
  replies: Reply;
  answers: AssistantAnswer;
  callState: CallState;
  usage: Usage;
}

export type StreamName = keyof StreamTypes;

export const streamNames: readonly StreamName[] = ['transcript', 'questions', 'replies', 'answers', 'callState', 'usage'];

/** m:ss into the call, as status details give times. */
export function callClock(seconds: number): string {
  const s = Math.max(0, seconds);
  return `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
}

/** The line that stands for audio no one transcribed (seconds into the call), saying why: never dropped silently. */
export function gapSegment(channel: CallChannel, start: number, end: number, what: string): TranscriptSegment {
  return { channel, itemId: `gap-${channel}-${Math.round(start * 1000)}`, previousItemId: null, text: `[${(end - start).toFixed(1)} s ${what}]`, final: true, start, end, gap: true };
}
