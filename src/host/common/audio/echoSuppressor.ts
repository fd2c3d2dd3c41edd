import type { CaptureSelection } from '@sotto/api';
import { EchoDelay } from './echoDelay.ts';

export interface EchoSuppressorOptions {
  /** Samples per second of both signals; 24 kHz in Sotto. */
  readonly sampleRate: number;
  /** The longest echo delay searched for (ms): speakers to mic is 3–40 ms, device buffers add some. */
  readonly maxDelayMs?: number;
}

/** Adaptive filter length around the found delay: room colouring and a fractional delay (2.7 ms at 24 kHz). */
const TAPS = 64;
/** Taps before the found delay, for an echo slightly earlier than estimated. */
const LEAD = 16;
/** How far back the delay search looks (ms). */
const WINDOW_MS = 400;
/** Frames between delay searches, while locked and before: a lock comes within the participant's first words. */
const SEARCH_EVERY_LOCKED = 10;
const SEARCH_EVERY_UNLOCKED = 4;
/** A reference frame quieter than this (RMS, −50 dBFS) is silence: nothing to search or cancel. */
const ACTIVE_REF = 0.003;
/** Suppression strength: the residual must exceed twice the echo it may still hold to pass at all. */
const OVER = 2;
/** Before the filter has learnt the echo path, a residual up to 4 × 0.1 of the echo still counts as echo only. */
const INITIAL_LEFTOVER = 0.1;

export interface SuppressedFrame {
  readonly pcm: Int16Array;
  /** RMS of the output (0..1). */
  readonly rms: number;
  /** Gain applied after cancellation, 0 (echo only) .. 1 (your voice alone). */
  readonly gain: number;
}

/**
 * Removes the participant's voice from the mic, given the participant's own audio as the reference, frame by frame
 * on the same clock. Three stages: the delay and gain of the reference in the mic, found by cross-correlation; a
 * short NLMS filter at that delay subtracting the echo (adapting only while the mic is mostly echo, so your voice
 * in double talk does not corrupt it); then a gate that silences frames whose residual is no more than the echo
 * left over, and keeps frames with substantial residual, which is you.
 */
export class EchoSuppressor {
  private readonly delay: EchoDelay;
  private readonly history: Float32Array;
  private readonly weights = new Float32Array(TAPS);
  private mic = new Float32Array(0);
  private ref = new Float32Array(0);
  private lag: number | undefined;
  private lead = LEAD;
  private frames = 0;
  private echoPower = 0;
  /** Echo left after cancellation, as a fraction of the echo estimate, learnt in echo-only frames. */
  private leftover = INITIAL_LEFTOVER;
  private gain = 1;

  constructor(options: EchoSuppressorOptions) {
    const maxLag = Math.round(((options.maxDelayMs ?? 120) * options.sampleRate) / 1000);
    this.delay = new EchoDelay(maxLag, Math.round((WINDOW_MS * options.sampleRate) / 1000 / 6) * 6);
    this.history = new Float32Array(maxLag + TAPS + 4096);
  }

  /** The delay in use, in samples, once found. */
  get delaySamples(): number | undefined {
    return this.lag;
  }

  /** One mic frame and the reference frame captured at the same time (silence when the participant has none). */
  process(micPcm: Int16Array, refPcm: Int16Array): SuppressedFrame {
    const n = micPcm.length;
    if (this.mic.length !== n) {
      this.mic = new Float32Array(n);
      this.ref = new Float32Array(n);
    }
    const { mic, ref, history } = this;
    let refSquares = 0;
    for (let i = 0; i < n; i++) {
      mic[i] = micPcm[i]! / 32768;
      ref[i] = (refPcm[i] ?? 0) / 32768;
      refSquares += ref[i]! * ref[i]!;
    }
    history.copyWithin(0, n);
    history.set(ref, history.length - n);
    this.delay.push(mic, ref);
    if (Math.sqrt(refSquares / n) >= ACTIVE_REF && ++this.frames % (this.lag === undefined ? SEARCH_EVERY_UNLOCKED : SEARCH_EVERY_LOCKED) === 0) this.search();
    if (this.lag === undefined) return output(micPcm, mic, 1);
    return this.cancel(n);
  }

  private search(): void {
    const found = this.delay.estimate();
    // A delay the filter's taps already span is the filter's to follow; only a jump beyond them starts it afresh.
    if (!found || (this.lag !== undefined && found.delay >= this.lag - this.lead / 2 && found.delay <= this.lag + (TAPS - this.lead) / 2)) return;
    this.lag = found.delay;
    this.lead = Math.min(LEAD, found.delay);
    this.weights.fill(0);
    this.weights[this.lead] = found.gain;
    this.leftover = INITIAL_LEFTOVER;
  }

  private cancel(n: number): SuppressedFrame {
    const { mic, history, weights } = this;
    const lag = this.lag!;
    // Index in history of the newest tap for mic sample 0.
    const base = history.length - n - lag + this.lead;
    let dot = 0;
    let micEnergy = 0;
    let alignedEnergy = 0;
    for (let i = 0; i < n; i++) {
      const aligned = history[base + i - this.lead]!;
      dot += mic[i]! * aligned;
      micEnergy += mic[i]! * mic[i]!;
      alignedEnergy += aligned * aligned;
    }
    const coherence = micEnergy > 0 && alignedEnergy > 0 ? dot / Math.sqrt(micEnergy * alignedEnergy) : 0;
    // First the echo as the filter now sees it, which tells echo-only frames from double talk.
    let echoEnergy = 0;
    let residualEnergy = 0;
    for (let i = 0; i < n; i++) {
      let y = 0;
      for (let k = 0; k < TAPS; k++) y += weights[k]! * history[base + i - k]!;
      echoEnergy += y * y;
      residualEnergy += (mic[i]! - y) ** 2;
    }
    // Where subtracting would add more than it removes (the filter is off the echo path), the mic goes on as it is.
    const worse = residualEnergy > micEnergy;
    if (worse) residualEnergy = micEnergy;
    // Adapt only while the mic is plainly the echo: your voice in the error would pull the filter off the echo path.
    const doubleTalk = residualEnergy > 2 * OVER * this.leftover * echoEnergy;
    // Slower once the filter is good, so a quiet syllable of yours between echo-only frames barely moves it.
    const step = coherence > 0.5 && !doubleTalk ? 0.5 * ((coherence - 0.5) / 0.5) ** 2 * Math.min(1, this.leftover / 0.03) : 0;
    // Regularised as if the reference never fell below −50 dBFS: a faint reference with your voice in the error would
    // otherwise take huge steps.
    let norm = TAPS * ACTIVE_REF ** 2;
    for (let k = 0; k < TAPS; k++) norm += history[base - k]! ** 2;
    for (let i = 0; i < n; i++) {
      const p = base + i;
      let y = 0;
      for (let k = 0; k < TAPS; k++) y += weights[k]! * history[p - k]!;
      const e = mic[i]! - y;
      if (step > 0) {
        const mu = (step * e) / norm;
        for (let k = 0; k < TAPS; k++) weights[k]! += mu * history[p - k]!;
        if (i + 1 < n) norm += history[p + 1]! ** 2 - history[p + 1 - TAPS]! ** 2;
      }
      if (!worse) mic[i] = e;
    }
    if (step > 0 && coherence > 0.7 && echoEnergy > 1e-6) this.leftover = 0.9 * this.leftover + 0.1 * Math.min(0.3, Math.max(0.003, residualEnergy / echoEnergy));
    // The echo fades over a few frames, as a room's reverberation does after the reference stops.
    this.echoPower = Math.max(echoEnergy, this.echoPower * 0.8);
    const ratio = residualEnergy / (this.leftover * this.echoPower + 1e-12);
    const target = Math.max(0, 1 - OVER / ratio);
    const from = this.gain;
    this.gain = target;
    for (let i = 0; i < n; i++) mic[i] = mic[i]! * (from + ((target - from) * (i + 1)) / n);
    return output(new Int16Array(n), mic, target);
  }
}

function output(pcm: Int16Array, samples: Float32Array, gain: number): SuppressedFrame {
  let squares = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    squares += s * s;
    pcm[i] = Math.max(-32768, Math.min(32767, Math.round(s * 32768)));
  }
  return { pcm, rms: Math.sqrt(squares / samples.length), gain };
}

/** Whether the mic is cleaned of the participant's voice: it needs the participant's audio as the reference. */
export function suppressesEcho(selection: CaptureSelection): boolean {
  return (selection.echoSuppression ?? 'auto') !== 'off' && !!selection.you && !!selection.participant;
}

/** A whole recording of the mic, cleaned with the participant's recording on the same clock, in frames. */
export function suppressEchoIn(mic: Int16Array, reference: Int16Array, suppressor: EchoSuppressor, frameSamples: number): Int16Array<ArrayBuffer> {
  const out = new Int16Array(mic.length);
  const micFrame = new Int16Array(frameSamples);
  const refFrame = new Int16Array(frameSamples);
  for (let at = 0; at < mic.length; at += frameSamples) {
    micFrame.fill(0).set(mic.subarray(at, at + frameSamples));
    refFrame.fill(0).set(reference.subarray(at, at + frameSamples));
    out.set(suppressor.process(micFrame, refFrame).pcm.subarray(0, Math.min(frameSamples, mic.length - at)), at);
  }
  return out;
}
