import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Pcm16Resampler } from '../../../../src/host/common/audio/pcm16Resampler.ts';
import { snrDb, soxReference } from '../../../support/captureAudio.ts';
import { speechWav } from '../../../support/speechWav.ts';

function samplesAt(wav: string, rate: number, channels: number): Float32Array[] {
  const out = spawnSync('sox', [wav, '-t', 'raw', '-e', 'floating-point', '-b', '32', '-r', String(rate), '-c', String(channels), '-'], { maxBuffer: 1 << 28 }).stdout;
  const interleaved = new Float32Array(out.buffer, out.byteOffset, out.length / 4);
  return Array.from({ length: channels }, (_, c) => Float32Array.from({ length: interleaved.length / channels }, (_, i) => interleaved[i * channels + c]!));
}

/** Feeds planar input through the resampler in 128-sample render quanta, as the worklet does. */
function resample(planes: Float32Array[], rate: number): { frames: Int16Array[]; output: Float32Array; rms: number[] } {
  const frames: Int16Array[] = [];
  const rms: number[] = [];
  const resampler = new Pcm16Resampler(rate, 24_000, 480, (pcm, level) => (frames.push(new Int16Array(pcm)), rms.push(level)));
  for (let at = 0; at < planes[0]!.length; at += 128) resampler.push(planes.map((p) => p.subarray(at, at + 128)));
  const output = new Float32Array(frames.reduce((n, f) => n + f.length, 0));
  let at = 0;
  for (const frame of frames) for (const s of frame) output[at++] = s / 32768;
  return { frames, output, rms };
}

describe('Pcm16Resampler: downmix and windowed-sinc resampling to 24 kHz PCM16', () => {
  const speech = speechWav(['The enterprise plan costs forty dollars per seat.'], { rate: 48_000, leadSeconds: 0.2 }).file;
  const reference = soxReference(speech);

  for (const rate of [48_000, 44_100]) {
    it(`matches sox rate -v from ${rate} Hz within 45 dB, in 480-sample frames`, () => {
      const { frames, output } = resample(samplesAt(speech, rate, 1), rate);
      expect(frames.every((f) => f.length === 480)).toBe(true);
      expect(Math.abs(output.length - reference.length)).toBeLessThanOrEqual(480);
      expect(snrDb(reference, output)).toBeGreaterThan(45);
    });
  }

  it('mixes stereo to mono and reports each frame\'s RMS', () => {
    const [left] = samplesAt(speech, 48_000, 1);
    const { output, rms, frames } = resample([left!, new Float32Array(left!.length)], 48_000);
    const half = reference.map((s) => s / 2);
    expect(snrDb(half, output)).toBeGreaterThan(45);
    const loudest = frames.reduce((best, f, i) => (rms[i]! > rms[best]! ? i : best), 0);
    const measured = Math.sqrt(frames[loudest]!.reduce((sum, s) => sum + (s / 32768) ** 2, 0) / 480);
    expect(rms[loudest]).toBeCloseTo(measured, 4);
  });
});
