import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { scratchDir } from './fixtures.ts';
import { speechWav } from './speechWav.ts';

export interface CallAudio {
  readonly mic: string;
  readonly participant: string;
  readonly silence: string;
  /** One recording of the whole call: the mic on the left, the participant on the right. */
  readonly stereo: string;
}

function sox(args: string[]): void {
  const result = spawnSync('sox', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`sox ${args.join(' ')} failed: ${result.stderr}`);
}

/**
 * The two sides of a scripted call, generated now with espeak-ng and sox: the participant speaks at a quarter of
 * the mic's level, so each channel can be told apart by its level alone.
 */
export function callAudio(): CallAudio {
  const mic = speechWav(['Hello, this is me on my own microphone.', 'I am asking about the price.'], { rate: 16_000 }).file;
  const loud = speechWav(['The enterprise plan costs forty dollars per seat.'], { rate: 16_000, voice: 'en-gb' }).file;
  const dir = scratchDir('call-audio');
  const participant = path.join(dir, 'participant.wav');
  const silence = path.join(dir, 'silence.wav');
  sox([loud, participant, 'vol', '0.25']);
  sox(['-n', '-r', '16000', '-c', '1', '-b', '16', silence, 'trim', '0', '3']);
  const stereo = path.join(dir, 'call.wav');
  sox(['-M', mic, participant, stereo]);
  return { mic, participant, silence, stereo };
}

/** A WAV as 24 kHz float samples resampled by sox (`rate -v`), the reference the worklet is held to. */
export function soxReference(wav: string): Float32Array {
  const result = spawnSync('sox', [wav, '-t', 'raw', '-e', 'floating-point', '-b', '32', '-c', '1', '-', 'rate', '-v', '24000'], { maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`sox failed: ${result.stderr}`);
  return new Float32Array(result.stdout.buffer, result.stdout.byteOffset, result.stdout.length / 4).slice();
}

/** Loudest 20 ms frame of a WAV at 24 kHz, as the worklet would measure it. */
export function maxFrameRms(wav: string): number {
  const samples = soxReference(wav);
  let max = 0;
  for (let start = 0; start + 480 <= samples.length; start += 480) {
    let squares = 0;
    for (let i = start; i < start + 480; i++) squares += samples[i]! ** 2;
    max = Math.max(max, Math.sqrt(squares / 480));
  }
  return max;
}

/** Signal-to-noise ratio of `output` against `reference`, sample by sample with no shift, in dB. */
export function snrDb(reference: ArrayLike<number>, output: ArrayLike<number>): number {
  let signal = 0;
  let noise = 0;
  for (let i = 0; i < Math.min(reference.length, output.length); i++) {
    signal += reference[i]! ** 2;
    noise += (reference[i]! - output[i]!) ** 2;
  }
  return 10 * Math.log10(signal / noise);
}
