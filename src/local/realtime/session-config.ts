import type { RealtimeSessionCreateRequest, RealtimeTranscriptionSessionCreateRequest } from 'openai/resources/realtime/realtime';

export type SessionType = 'realtime' | 'transcription';
/** The full effective session configuration, as `session.created`/`session.updated` and minted secrets carry it. */
export type SessionConfig = Record<string, unknown> & { type: SessionType; id: string; object: string; expires_at: number; audio: { input: AudioInput; output?: Record<string, unknown> } };
export interface AudioInput {
  format: { type: string; rate?: number };
  noise_reduction: { type: string } | null;
  transcription: { model?: string; language?: string; prompt?: string } | null;
  turn_detection: TurnDetection | null;
}
export type TurnDetection = { type: 'server_vad' | 'semantic_vad'; threshold?: number; prefix_padding_ms?: number; silence_duration_ms?: number; idle_timeout_ms?: number | null; create_response?: boolean; interrupt_response?: boolean; eagerness?: string };

export class ConfigError extends Error {
  constructor(readonly code: string, message: string, readonly param: string | null) {
    super(message);
  }
}

const SERVER_VAD = { type: 'server_vad', threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 200, idle_timeout_ms: null, create_response: true, interrupt_response: true };
const SEMANTIC_VAD = { type: 'semantic_vad', eagerness: 'auto', create_response: true, interrupt_response: true };
const PCM = { type: 'audio/pcm', rate: 24000 };

export function defaultConfig(type: SessionType, id: string, expiresAt: number, model: string): SessionConfig {
  const input: AudioInput = { format: { ...PCM }, transcription: null, noise_reduction: null, turn_detection: { ...SERVER_VAD } as TurnDetection };
  if (type === 'transcription') return { type, object: 'realtime.transcription_session', id, expires_at: expiresAt, audio: { input }, include: [] };
  return {
    type, object: 'realtime.session', id, model, expires_at: expiresAt,
    output_modalities: ['audio'], instructions: '', tools: [], tool_choice: 'auto', max_output_tokens: 'inf',
    tracing: null, prompt: null, truncation: 'auto',
    audio: { input, output: { format: { ...PCM }, voice: 'marin', speed: 1 } }, include: [],
  };
}

/**
 * The config as the server shows it: disabled noise reduction and transcription are left out, since the schemas (and
 * the SDK's types) have no null for them.
 */
export function sessionView(config: SessionConfig): SessionConfig {
  const input = Object.fromEntries(Object.entries(config.audio.input).filter(([key, value]) => value !== null || key === 'turn_detection'));
  const view: SessionConfig = { ...config, audio: { ...config.audio, input: input as unknown as AudioInput } };
  if (view.include === null) delete view.include;
  return view;
}

/** Keys a client may send, per object path ("" = the session). */
const ALLOWED: Record<string, Record<string, string[]>> = {
  realtime: {
    '': ['type', 'model', 'instructions', 'output_modalities', 'audio', 'include', 'max_output_tokens', 'tools', 'tool_choice', 'tracing', 'truncation', 'prompt', 'reasoning', 'parallel_tool_calls'],
    audio: ['input', 'output'],
    'audio.output': ['format', 'voice', 'speed'],
  },
  transcription: { '': ['type', 'audio', 'include'], audio: ['input'] },
};
const INPUT_KEYS = ['format', 'noise_reduction', 'transcription', 'turn_detection'];
const TURN_KEYS: Record<string, string[]> = {
  server_vad: ['type', 'threshold', 'prefix_padding_ms', 'silence_duration_ms', 'idle_timeout_ms', 'create_response', 'interrupt_response'],
  semantic_vad: ['type', 'eagerness', 'create_response', 'interrupt_response'],
};

type SessionRequest = RealtimeSessionCreateRequest | RealtimeTranscriptionSessionCreateRequest;

/** Validates a `session` object as OpenAI does and returns `current` with it merged in. */
export function applySessionUpdate(current: SessionConfig, update: unknown): SessionConfig {
  if (!update || typeof update !== 'object') throw new ConfigError('missing_required_parameter', "Missing required parameter: 'session'.", 'session');
  const session = update as SessionRequest & Record<string, unknown>;
  const type: unknown = session.type;
  if (type === undefined) throw new ConfigError('missing_required_parameter', "Missing required parameter: 'session.type'.", 'session.type');
  if (type !== 'realtime' && type !== 'transcription') {
    throw new ConfigError('invalid_value', `Invalid value: '${String(type)}'. Supported values are: 'realtime' and 'transcription'.`, 'session.type');
  }
  if (session.type !== current.type) {
    throw new ConfigError('invalid_value', `Passing a ${session.type} session update event to a ${current.type} session is not allowed.`, 'session.type');
  }
  const allowed = ALLOWED[session.type];
  checkKeys(session, allowed[''], 'session');
  const audio = session.audio as Record<string, unknown> | undefined;
  if (audio) {
    checkKeys(audio, allowed.audio, 'session.audio');
    if (audio.input) validateInput(audio.input as Record<string, unknown>);
    if (audio.output) checkKeys(audio.output as Record<string, unknown>, allowed['audio.output'], 'session.audio.output');
  }
  const modalities = session.output_modalities as unknown;
  if (modalities !== undefined && !(Array.isArray(modalities) && modalities.length === 1 && ['text', 'audio'].includes(modalities[0]))) {
    throw new ConfigError('invalid_value', "Invalid 'session.output_modalities': expected ['text'] or ['audio'].", 'session.output_modalities');
  }
  const include = session.include as unknown;
  if (include !== undefined && include !== null && !(Array.isArray(include) && include.every((i) => i === 'item.input_audio_transcription.logprobs'))) {
    throw new ConfigError('invalid_value', "Invalid value for 'session.include'. Supported values are: 'item.input_audio_transcription.logprobs'.", 'session.include');
  }
  return merge(current, session) as SessionConfig;
}

function validateInput(input: Record<string, unknown>): void {
  checkKeys(input, INPUT_KEYS, 'session.audio.input');
  const format = input.format as { type?: string; rate?: number } | undefined;
  if (format) {
    if (!['audio/pcm', 'audio/pcmu', 'audio/pcma'].includes(String(format.type))) {
      throw new ConfigError('invalid_value', `Invalid value: '${String(format.type)}'. Supported values are: 'audio/pcm', 'audio/pcmu', and 'audio/pcma'.`, 'session.audio.input.format.type');
    }
    if (format.type === 'audio/pcm' && format.rate !== undefined && format.rate < 24000) {
      throw new ConfigError('decimal_below_min_value', `Invalid 'session.audio.input.format.rate': decimal below minimum value. Expected a value >= 24000, but got ${format.rate} instead.`, 'session.audio.input.format.rate');
    }
  }
  const turn = input.turn_detection as Record<string, unknown> | null | undefined;
  if (turn) {
    const keys = TURN_KEYS[String(turn.type)];
    if (!keys) throw new ConfigError('invalid_value', `Invalid value: '${String(turn.type)}'. Supported values are: 'server_vad' and 'semantic_vad'.`, 'session.audio.input.turn_detection.type');
    checkKeys(turn, keys, 'session.audio.input.turn_detection');
  }
  const noise = input.noise_reduction as { type?: string } | null | undefined;
  if (noise && !['near_field', 'far_field'].includes(String(noise.type))) {
    throw new ConfigError('invalid_value', `Invalid value: '${String(noise.type)}'. Supported values are: 'near_field' and 'far_field'.`, 'session.audio.input.noise_reduction.type');
  }
}

function checkKeys(object: Record<string, unknown>, allowed: string[], path: string): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) throw new ConfigError('unknown_parameter', `Unknown parameter: '${path}.${key}'.`, `${path}.${key}`);
  }
}

/** Partial update: present fields change, `null` clears, objects merge, arrays replace. */
function merge(base: unknown, patch: unknown): unknown {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch) || !base || typeof base !== 'object' || Array.isArray(base)) return patch;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'turn_detection' && value && typeof value === 'object') {
      const defaults: object = (value as { type: string }).type === 'semantic_vad' ? SEMANTIC_VAD : SERVER_VAD;
      const previous = out[key] as { type?: string } | null;
      out[key] = { ...defaults, ...(previous?.type === (value as { type: string }).type ? previous : {}), ...value };
    } else {
      out[key] = value === null ? null : merge(out[key], value);
    }
  }
  return out;
}
