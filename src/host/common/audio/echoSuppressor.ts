import type { CaptureSelection } from '@sotto/api';
import { EchoDelay } from './echoDelay.ts';
import { EchoFilter } from './echoFilter.ts';

export interface EchoSuppressorOptions {
  /** Samples per second of both signals; 24 kHz in Sotto. */
  readonly sampleRate: number;
  /** The longest echo delay searched for (ms): speakers to mic is 3–40 ms, device buffers add some. */
  readonly maxDelayMs?: number;
}

/**
 * How much of the room after the found delay the adaptive filter covers (ms): the direct sound, early reflections
 * and the reverberant tail of a small office (RT60 200–400 ms) until it is 25 dB or more down.
 */
const FILTER_MS = 160;
/** Taps before the found delay, for an echo slightly earlier than estimated. */
const LEAD = 16;
/** How far a new delay estimate may move from the one in use before the filter starts again there (samples). */
const FOLLOW_EARLIER = LEAD / 2;
const FOLLOW_LATER = 24;
/** How far back the delay search looks (ms). */
const WINDOW_MS = 400;
/** Frames between delay searches, while locked and before: a lock comes within the participant's first words. */
const SEARCH_EVERY_LOCKED = 10;
const SEARCH_EVERY_UNLOCKED = 4;
/** A reference frame quieter than this (RMS, −50 dBFS) is silence: nothing to search or cancel. */
const ACTIVE_REF = 0.003;
/** Suppression strength: the residual must exceed twice the echo it may still hold to pass at all. */
const OVER = 2;
/**
 * The background filter's NLMS step: full where the mic's coherence with the echo it expects reaches 0.8, none below
 * 0.4 (your voice alone). The foreground takes its weights when its recent residual is under 0.7 of the foreground's
 * and the frame is plainly echo (coherence above 0.8); it starts again from the foreground's past 4 times.
 */
const BACKGROUND_STEP = 1;
const BG_FROM = 0.4;
const BG_FULL = 0.8;
const ADOPT = 0.7;
const ADOPT_COHERENCE = 0.8;
const REVERT = 4;
/**
 * Before the filter has learnt the echo path (it starts as the direct sound alone), a residual up to 4 × 0.3 of the
 * echo still counts as echo only: a reverberant room leaves about that much until the filter has learnt it.
 */
const INITIAL_LEFTOVER = 0.3;

export interface SuppressedFrame {
  readonly pcm: Int16Array;
  /** RMS of the output (0..1). */
  readonly rms: number;
  /** Gain applied after cancellation, 0 (echo only) .. 1 (your voice alone). */
  readonly gain: number;
}

/**
 * Removes the participant's voice from the mic, given the participant's own audio as the reference, frame by frame
 * on the same clock. Three stages: the delay and gain of the reference in the mic, found by cross-correlation; an
 * adaptive filter from that delay over the room's reverberation (160 ms, in the frequency domain) subtracting the
 * echo, adapting only while the mic is mostly echo, so your voice in double talk does not corrupt it; then a gate
 * that silences frames whose residual is no more than the echo left over, and keeps frames with substantial
 * residual, which is you.
 */
export class EchoSuppressor {
  private readonly delay: EchoDelay;
  private readonly maxLag: number;
  private history = new Float32Array(0);
  private filter: EchoFilter | undefined;
  private mic = new Float32Array(0);
  private ref = new Float32Array(0);
  private echo = new Float32Array(0);
  private backgroundEcho = new Float32Array(0);
  /** Recent residual energy of the foreground and the background filter. */
  private foregroundError = 0;
  private backgroundError = 0;
  private lag: number | undefined;
  private lead = LEAD;
  private frames = 0;
  private echoPower = 0;
  /** Echo left after cancellation, as a fraction of the echo estimate, learnt in echo-only frames. */
  private leftover = INITIAL_LEFTOVER;
  private leftResidual = 0;
  private leftEcho = 0;
  private gain = 1;
  /** Frames since the reference was last active. */
  private silentFrames = 0;

  constructor(private readonly options: EchoSuppressorOptions) {
    this.maxLag = Math.round(((options.maxDelayMs ?? 120) * options.sampleRate) / 1000);
    this.delay = new EchoDelay(this.maxLag, Math.round((WINDOW_MS * options.sampleRate) / 1000 / 6) * 6);
  }

  /** The delay in use, in samples, once found. */
  get delaySamples(): number | undefined {
    return this.lag;
  }

  /** One mic frame and the reference frame captured at the same time (silence when the participant has none). */
  process(micPcm: Int16Array, refPcm: Int16Array): SuppressedFrame {
    const n = micPcm.length;
    if (this.mic.length !== n) this.resize(n);
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
    const active = Math.sqrt(refSquares / n) >= ACTIVE_REF;
    if (active && ++this.frames % (this.lag === undefined ? SEARCH_EVERY_UNLOCKED : SEARCH_EVERY_LOCKED) === 0) this.search();
    if (this.lag === undefined) return output(micPcm, mic, 1);
    // Once the reference has been silent for longer than the delay and the room's reverberation, the mic holds no
    // echo: the filter rests (about half of a call), and takes up the reference again when the participant speaks.
    const echoFrames = Math.ceil((this.lag + FILTER_MS * (this.options.sampleRate / 1000)) / n) + 1;
    if (active) {
      if (this.silentFrames > echoFrames) this.filter!.resume((p) => this.aligned(p));
      this.silentFrames = 0;
    } else this.silentFrames++;
    return this.silentFrames > echoFrames ? this.pass(n) : this.cancel(n);
  }

  /** A new frame length: buffers and filter for it, and the search starts again. */
  private resize(n: number): void {
    const partitions = Math.ceil((FILTER_MS * this.options.sampleRate) / 1000 / n);
    this.filter = new EchoFilter(n, partitions, ACTIVE_REF);
    this.mic = new Float32Array(n);
    this.ref = new Float32Array(n);
    this.echo = new Float32Array(n);
    this.backgroundEcho = new Float32Array(n);
    this.history = new Float32Array(this.maxLag + LEAD + this.filter.window + partitions * n);
    this.lag = undefined;
  }

  /** The reference as the filter takes it for the block `blocksAgo` frames before the newest. */
  private aligned(blocksAgo: number): Float32Array {
    const end = this.history.length - (this.lag! - this.lead) - blocksAgo * this.mic.length;
    return this.history.subarray(end - this.filter!.window, end);
  }

  private search(): void {
    const found = this.delay.estimate();
    // A delay close to the one in use is the filter's to follow; only a jump starts it afresh.
    if (!found || (this.lag !== undefined && found.delay >= this.lag - FOLLOW_EARLIER && found.delay <= this.lag + FOLLOW_LATER)) return;
    this.lag = found.delay;
    this.lead = Math.min(LEAD, found.delay);
    // The next block's reference is the newest frame's: `aligned(p)` counted from there.
    this.filter!.reset(this.lead, found.gain, (p) => this.aligned(p));
    this.leftover = INITIAL_LEFTOVER;
    this.leftResidual = 0;
    this.leftEcho = 0;
    this.foregroundError = this.backgroundError = 0;
  }

  /** A frame without echo: the mic as it is, after the gate has opened again. */
  private pass(n: number): SuppressedFrame {
    this.echoPower = 0;
    return this.gate(n, 1);
  }

  private cancel(n: number): SuppressedFrame {
    const { mic, echo, backgroundEcho } = this;
    const filter = this.filter!;
    filter.estimate(this.aligned(0), echo, backgroundEcho);
    let backgroundResidual = 0;
    let backgroundDot = 0;
    let backgroundEnergy = 0;
    let micEnergy = 0;
    for (let i = 0; i < n; i++) {
      backgroundDot += mic[i]! * backgroundEcho[i]!;
      backgroundEnergy += backgroundEcho[i]! ** 2;
      micEnergy += mic[i]! ** 2;
      backgroundEcho[i] = mic[i]! - backgroundEcho[i]!;
      backgroundResidual += backgroundEcho[i]! ** 2;
    }
    // The background learns fast wherever the mic resembles the echo it expects, and not from your voice alone; the
    // foreground takes its weights once it does clearly better over the last few frames, and the background starts
    // again from the foreground's when your voice has thrown it off.
    const backgroundCoherence = micEnergy > 0 && backgroundEnergy > 0 ? backgroundDot / Math.sqrt(micEnergy * backgroundEnergy) : 0;
    const step = BACKGROUND_STEP * Math.min(1, Math.max(0, (backgroundCoherence - BG_FROM) / (BG_FULL - BG_FROM)));
    if (step > 0) filter.adapt(backgroundEcho, step);
    let residualEnergy = 0;
    for (let i = 0; i < n; i++) residualEnergy += (mic[i]! - echo[i]!) ** 2;
    this.foregroundError = 0.7 * this.foregroundError + 0.3 * residualEnergy;
    this.backgroundError = 0.7 * this.backgroundError + 0.3 * backgroundResidual;
    if (this.backgroundError < ADOPT * this.foregroundError && backgroundCoherence > ADOPT_COHERENCE) {
      filter.adopt();
      for (let i = 0; i < n; i++) echo[i] = mic[i]! - backgroundEcho[i]!;
      this.foregroundError = this.backgroundError;
    } else if (this.backgroundError > REVERT * this.foregroundError) {
      filter.revert();
      this.backgroundError = this.foregroundError;
    }
    let dot = 0;
    let echoEnergy = 0;
    residualEnergy = 0;
    for (let i = 0; i < n; i++) {
      dot += mic[i]! * echo[i]!;
      echoEnergy += echo[i]! * echo[i]!;
      residualEnergy += (mic[i]! - echo[i]!) ** 2;
    }
    // How much the mic looks like the echo the filter expects: near 1 while the participant alone is heard.
    const coherence = micEnergy > 0 && echoEnergy > 0 ? dot / Math.sqrt(micEnergy * echoEnergy) : 0;
    // Where subtracting would add more than it removes (the filter is off the echo path), the mic goes on as it is.
    const worse = residualEnergy > micEnergy;
    if (worse) residualEnergy = micEnergy;
    else for (let i = 0; i < n; i++) mic[i] = mic[i]! - echo[i]!;
    // What cancellation leaves of the echo is learnt while the mic is plainly the echo, not in double talk.
    const doubleTalk = residualEnergy > 2 * OVER * this.leftover * echoEnergy;
    // A ratio of recent sums, so loud frames count most: a faint end of the room's tail, where little of the echo is
    // left to cancel, does not make the filter look worse than it is where it matters.
    if (!doubleTalk && coherence > 0.7 && echoEnergy > 1e-6) {
      this.leftResidual = 0.9 * this.leftResidual + 0.1 * residualEnergy;
      this.leftEcho = 0.9 * this.leftEcho + 0.1 * echoEnergy;
      this.leftover = Math.min(INITIAL_LEFTOVER, Math.max(0.003, this.leftResidual / this.leftEcho));
    }
    // The echo fades over a few frames, as a room's reverberation does after the reference stops.
    this.echoPower = Math.max(echoEnergy, this.echoPower * 0.8);
    const ratio = residualEnergy / (this.leftover * this.echoPower + 1e-12);
    return this.gate(n, Math.max(0, 1 - OVER / ratio));
  }

  /** Applies the gate's new gain to the (cleaned) mic, ramped from the last frame's. */
  private gate(n: number, target: number): SuppressedFrame {
    const { mic } = this;
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
