import { AudioRing, type AudioFrame } from '@sotto/api';
import { EchoSuppressor } from '../../common/audio/echoSuppressor.ts';
import { FrameUpsampler } from '../../common/audio/frameUpsampler.ts';
import { Pcm16Resampler } from '../../common/audio/pcm16Resampler.ts';

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
  /** How much recent audio to keep for sinks that ask for it (ms). */
  readonly replayMs: number;
  /**
   * The second input carries the participant's audio: the mic's frames are cleaned of it, and the cleaned audio is
   * also the node's output, for the track a WebRTC session sends.
   */
  readonly suppressEcho?: boolean;
}

/** Control messages from the main thread on the node's port. */
export type Pcm16WorkletCommand =
  | { readonly sink: MessagePort; readonly since?: number; readonly recentOnly?: boolean }
  /** The last frames of the device this one replaces, to replay ahead of its own: the side's audio goes on unbroken. */
  | { readonly seed: readonly AudioFrame[] }
  | { readonly close: true };

/** What the worklet tells the main thread: each frame's level, and that the sinks were closed. */
export type Pcm16WorkletReport = { readonly level: number } | { readonly closed: true };

/**
 * Resamples its input to PCM16 frames and posts them straight to the sink ports transferred in, in the stream-port
 * protocol, so audio never waits on the main thread. The first sink gets the buffer; others get copies.
 */
class Pcm16Processor extends AudioWorkletProcessor {
  private readonly sinks = new Set<MessagePort>();
  /** Recent frames, for a sink that starts mid-call (a restarted transcriber) and must hear what it missed. */
  private readonly recent: AudioRing;
  private readonly resampler: Pcm16Resampler;
  private startFrame: number | undefined;
  private seq = 0;
  private closed = false;
  private readonly echo: { suppressor: EchoSuppressor; reference: Pcm16Resampler; output: FrameUpsampler } | undefined;
  private referenceFrame: ArrayBuffer | undefined;
  /** Where seeded audio ends (epoch ms): silence fills the ring from there to this device's first frame. */
  private seededUntil: number | undefined;
  private readonly frameMs: number;

  constructor({ processorOptions }: { processorOptions: Pcm16WorkletOptions }) {
    super();
    const { outputRate, frameSamples } = processorOptions;
    this.recent = new AudioRing(processorOptions.replayMs);
    this.frameMs = (frameSamples / outputRate) * 1000;
    const msPerInputSample = 1000 / sampleRate;
    this.resampler = new Pcm16Resampler(sampleRate, outputRate, frameSamples, (pcm, rms, firstSample) => {
      const capturedAt = processorOptions.epochAtZero + ((this.startFrame ?? 0) + firstSample * this.resampler.ratio) * msPerInputSample;
      if (this.echo) this.suppress(pcm, capturedAt);
      else this.post(pcm, rms, capturedAt);
    });
    if (processorOptions.suppressEcho) {
      // Both resamplers take the same blocks, so the reference's frame is always complete before the mic's.
      this.echo = {
        suppressor: new EchoSuppressor({ sampleRate: outputRate }),
        reference: new Pcm16Resampler(sampleRate, outputRate, frameSamples, (pcm) => (this.referenceFrame = pcm)),
        output: new FrameUpsampler(outputRate, sampleRate, frameSamples),
      };
    }
    this.port.onmessage = ({ data }: MessageEvent<Pcm16WorkletCommand>) => {
      if ('sink' in data) this.addSink(data.sink, data.since, data.recentOnly);
      else if ('seed' in data) this.seed(data.seed);
      else this.close();
    };
  }

  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    if (this.closed) return false;
    this.startFrame ??= currentFrame;
    const input = inputs[0] ?? [];
    const frames = input[0]?.length ?? 128;
    if (this.echo) {
      this.echo.reference.push(inputs[1] ?? [], frames);
      const out = outputs[0]?.[0];
      if (out) this.echo.output.read(out);
    }
    this.resampler.push(input, frames);
    return true;
  }

  private suppress(mic: ArrayBuffer, capturedAt: number): void {
    const echo = this.echo!;
    const reference = this.referenceFrame ? new Int16Array(this.referenceFrame) : new Int16Array(mic.byteLength / 2);
    this.referenceFrame = undefined;
    const { pcm, rms } = echo.suppressor.process(new Int16Array(mic), reference);
    echo.output.write(pcm);
    this.post(pcm.buffer as ArrayBuffer, rms, capturedAt);
  }

  /** A sink gets the frames captured since `since` first; with `recentOnly`, only those, then it is ended. */
  private addSink(port: MessagePort, since: number | undefined, recentOnly = false): void {
    if (this.closed) {
      port.postMessage({ c: true });
      port.close();
      return;
    }
    if (since !== undefined) {
      for (const frame of this.recent.since(since)) {
        const pcm = frame.pcm.slice(0);
        port.postMessage({ n: { ...frame, pcm } }, [pcm]);
      }
    }
    if (recentOnly) {
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

  private seed(frames: readonly AudioFrame[]): void {
    for (const frame of frames) this.recent.push({ ...frame, seq: this.seq++ });
    const last = frames.at(-1);
    if (last) this.seededUntil = last.capturedAt + this.frameMs;
  }

  private post(pcm: ArrayBuffer, rms: number, capturedAt: number): void {
    if (this.seededUntil !== undefined) this.fillSilence(this.seededUntil, capturedAt, pcm.byteLength);
    this.deliver(pcm, rms, capturedAt);
    this.port.postMessage({ level: rms } satisfies Pcm16WorkletReport);
  }

  /** The time between the old device's last frame and this one's first is silence, so the audio keeps its timing. */
  private fillSilence(from: number, until: number, bytes: number): void {
    this.seededUntil = undefined;
    for (let at = from; at + this.frameMs <= until + 1; at += this.frameMs) this.deliver(new ArrayBuffer(bytes), 0, at);
  }

  /** Keeps the frame for replays and sends it to every sink. */
  private deliver(pcm: ArrayBuffer, rms: number, capturedAt: number): void {
    const seq = this.seq++;
    this.recent.push({ seq, pcm: pcm.slice(0), rms, capturedAt });
    let owner: MessagePort | undefined;
    for (const port of this.sinks) {
      if (!owner) owner = port;
      else {
        const copy = pcm.slice(0);
        port.postMessage({ n: { seq, pcm: copy, rms, capturedAt } }, [copy]);
      }
    }
    owner?.postMessage({ n: { seq, pcm, rms, capturedAt } }, [pcm]);
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
