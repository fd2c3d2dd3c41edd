import { Pcm16Resampler } from './pcm16Resampler.ts';

// The AudioWorkletGlobalScope, which TypeScript's DOM library does not describe.
declare const sampleRate: number;
declare const currentFrame: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new (options: { processorOptions: Pcm16WorkletOptions }) => AudioWorkletProcessor): void;

export interface Pcm16WorkletOptions {
  readonly outputRate: number;
  readonly frameSamples: number;
  /** Epoch milliseconds at context time 0, to stamp each frame with when it was captured. */
  readonly epochAtZero: number;
}

/** Control messages from the main thread on the node's port. */
export type Pcm16WorkletCommand = { readonly sink: MessagePort } | { readonly close: true };

/** What the worklet tells the main thread: each frame's level, and that the sinks were closed. */
export type Pcm16WorkletReport = { readonly level: number } | { readonly closed: true };

/**
 * Resamples its input to PCM16 frames and posts them straight to the sink ports transferred in, in the stream-port
 * protocol, so audio never waits on the main thread. The first sink gets the buffer; others get copies.
 */
class Pcm16Processor extends AudioWorkletProcessor {
  private readonly sinks = new Set<MessagePort>();
  private readonly resampler: Pcm16Resampler;
  private startFrame: number | undefined;
  private seq = 0;
  private closed = false;

  constructor({ processorOptions }: { processorOptions: Pcm16WorkletOptions }) {
    super();
    const msPerInputSample = 1000 / sampleRate;
    this.resampler = new Pcm16Resampler(sampleRate, processorOptions.outputRate, processorOptions.frameSamples, (pcm, rms, firstSample) => {
      const capturedAt = processorOptions.epochAtZero + ((this.startFrame ?? 0) + firstSample * this.resampler.ratio) * msPerInputSample;
      this.post(pcm, rms, capturedAt);
    });
    this.port.onmessage = ({ data }: MessageEvent<Pcm16WorkletCommand>) => {
      if ('sink' in data) this.addSink(data.sink);
      else this.close();
    };
  }

  process(inputs: Float32Array[][]): boolean {
    if (this.closed) return false;
    this.startFrame ??= currentFrame;
    const input = inputs[0] ?? [];
    this.resampler.push(input, input[0]?.length ?? 128);
    return true;
  }

  private addSink(port: MessagePort): void {
    if (this.closed) {
      port.postMessage({ c: true });
      port.close();
      return;
    }
    port.onmessage = ({ data }: MessageEvent<{ u?: true }>) => {
      if (!data.u) return;
      this.sinks.delete(port);
      port.close();
    };
    this.sinks.add(port);
  }

  private post(pcm: ArrayBuffer, rms: number, capturedAt: number): void {
    const seq = this.seq++;
    let owner: MessagePort | undefined;
    for (const port of this.sinks) {
      if (!owner) owner = port;
      else {
        const copy = pcm.slice(0);
        port.postMessage({ n: { seq, pcm: copy, rms, capturedAt } }, [copy]);
      }
    }
    owner?.postMessage({ n: { seq, pcm, rms, capturedAt } }, [pcm]);
    this.port.postMessage({ level: rms } satisfies Pcm16WorkletReport);
  }

  private close(): void {
    this.closed = true;
    for (const port of this.sinks) {
      port.postMessage({ c: true });
      port.close();
    }
    this.sinks.clear();
    this.port.postMessage({ closed: true } satisfies Pcm16WorkletReport);
  }
}

registerProcessor('sotto-pcm16', Pcm16Processor);
