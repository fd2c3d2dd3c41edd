import type { FaultPlan } from './faults/plan.ts';
import type { DataChannelWorkaround } from './realtime/data-channel-sender.ts';

/** One scripted reply of the test responder, used in order (the first whose `match` fits the question). */
export type ScriptedReply =
  | { match?: string; text: string }
  | { match?: string; toolCalls: Array<{ name: string; arguments: Record<string, unknown> | string }> };

/** How committed audio becomes text. */
export type RecognizerOption =
  /** Debian/Homebrew pocketsphinx, feature-detected; "local transcription unavailable" when missing. */
  | 'pocketsphinx'
  /** Test recognizer: utterance N's text for the Nth speech segment the VAD finds in the audio received. */
  | {
      /** One script for every session, or one per session type (you: realtime; the participant: transcription). */
      utterances: string[] | { realtime?: string[]; transcription?: string[] };
      /** ms of speech per streamed word delta (default 200) */
      msPerWord?: number;
    }
  /**
   * Test recognizer that knows each utterance by its audio (`wav`: a file of any rate; `pcm24k`: 24 kHz mono PCM16,
   * in-process): each speech segment yields the words of the utterances its audio contains, in the order heard —
   * whatever the session, its start, the gain or the delay. See engines/utterance-matcher.ts.
   */
  | { matched: MatchedUtteranceOption[] };

export interface MatchedUtteranceOption {
  text: string;
  wav?: string;
  pcm24k?: Int16Array;
}

export interface LocalServerOptions {
  /** 0 (default) picks a free port. The server always binds 127.0.0.1. */
  port?: number;
  /** Serve HTTPS/WSS with this certificate (the SDK's realtime WebSocket classes insist on wss:). */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Folders of Markdown/text notes answered from with BM25. */
  knowledgeDirs?: string[];
  /** BM25 score under which text answers abstain (default 6). */
  answerMinScore?: number;
  /** Scripted replies for tests; once used up, answers come from the notes. */
  responder?: { replies: ScriptedReply[] };
  /** Default `pocketsphinx`. */
  recognizer?: RecognizerOption;
  /** Pause between streamed text deltas (SSE and realtime), to watch streaming or cancel mid-way; default 0. */
  textDeltaDelayMs?: number;
  /** Model names answered as OpenAI answers a retired or mistyped model: 404 `model_not_found` on /v1/responses. */
  unknownModels?: string[];
  /** Models listed by /v1/models with a `shutdown_date` (YYYY-MM-DD), as OpenAI lists deprecated models; still answered. */
  deprecatedModels?: Record<string, string>;
  /**
   * API keys the server accepts, answering any other with 401 `invalid_api_key` as OpenAI does a revoked key.
   * Default: any key (the SDK insists on one). Client secrets (`ek_`) are checked on their own.
   */
  apiKeys?: string[];
  /** Realtime session lifetime; OpenAI's is 60 minutes. */
  sessionMaxDurationMs?: number;
  /** Enables the test-only admin routes under /__admin and applies this initial plan. Off by default. */
  faults?: boolean | FaultPlan;
  /** Workaround for werift's early data-channel message loss (default `early-retransmit`, see data-channel-sender.ts). */
  dataChannelWorkaround?: DataChannelWorkaround;
  /** How long after the channel opens the workaround applies (default 3000 ms). */
  dataChannelWindowMs?: number;
}

export const DEFAULT_SESSION_MAX_MS = 60 * 60 * 1000;
export const DEFAULT_ANSWER_MIN_SCORE = 6;
