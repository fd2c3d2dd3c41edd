/**
 * Error codes that cross the host–plugin boundary. Structured clone and Comlink drop custom error fields,
 * so errors travel as `{code, message}` and are rebuilt into a PluginError on the other side.
 */
export type ErrorCode =
  | 'E_TIMEOUT'
  | 'E_CANCELLED'
  | 'E_INVALID_INPUT'
  | 'E_NOT_DECLARED'
  | 'E_ALREADY_REGISTERED'
  | 'E_NOT_FOUND'
  | 'E_PERMISSION'
  | 'E_PLUGIN'
  | 'E_CRASHED'
  | 'E_UNAVAILABLE'
  | 'E_UPSTREAM'
  /** The engine refused the API key: stop and ask the user for a valid one. */
  | 'E_UNAUTHORIZED'
  /** Rate limited: wait as long as the engine asked, then try again. */
  | 'E_RATE_LIMITED'
  /** Out of quota: retrying cannot help; the user must act. */
  | 'E_QUOTA';

const knownCodes = new Set<string>(['E_TIMEOUT', 'E_CANCELLED', 'E_INVALID_INPUT', 'E_NOT_DECLARED', 'E_ALREADY_REGISTERED', 'E_NOT_FOUND', 'E_PERMISSION', 'E_PLUGIN', 'E_CRASHED', 'E_UNAVAILABLE', 'E_UPSTREAM', 'E_UNAUTHORIZED', 'E_RATE_LIMITED', 'E_QUOTA']);

export interface ErrorDto {
  readonly code: ErrorCode;
  readonly message: string;
}

export class PluginError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PluginError';
  }

  override toString(): string {
    return `${this.code}: ${this.message}`;
  }
}

export function toErrorDto(error: unknown): ErrorDto {
  if (error instanceof PluginError) return { code: error.code, message: error.message };
  // Errors from the shell (the bridge) carry the same codes; keep them so plugins can decide to retry.
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && typeof code === 'string' && knownCodes.has(code)) return { code: code as ErrorCode, message: error.message };
  if (error instanceof Error) return { code: 'E_PLUGIN', message: error.message || error.name };
  return { code: 'E_PLUGIN', message: String(error) };
}

export function fromErrorDto(dto: ErrorDto): PluginError {
  return new PluginError(dto.code, dto.message);
}

/** The result of a call across the boundary: errors are values, never thrown through the wire. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorDto };

export async function capture<T>(fn: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error: toErrorDto(error) };
  }
}

export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw fromErrorDto(result.error);
}
