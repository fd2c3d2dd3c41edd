import { describe, expect, it } from 'vitest';
import { FrameUpsampler } from '../../../src/host/common/audio/frameUpsampler.ts';

describe('frame upsampler (the cleaned mic as a worklet output)', () => {
  it('plays 24 kHz frames at 48 kHz, two frames behind, without gaps or drift', () => {
    const upsampler = new FrameUpsampler(24_000, 48_000, 480);
    const tone = (rate: number, i: number) => 0.5 * Math.cos((2 * Math.PI * 440 * i) / rate);
    const out: number[] = [];
    const quantum = new Float32Array(128);
    let written = 0;
    // A cosine, so that the first sample played is not 0. Frames complete as the quanta go by, as in the worklet: one 480-sample frame per 960 output samples.
    for (let q = 0; q < 400; q++) {
      while (written * 2 < (q + 1) * 128) {
        upsampler.write(Int16Array.from({ length: 480 }, (_, i) => Math.round(tone(24_000, written + i) * 32767)));
        written += 480;
      }
      upsampler.read(quantum);
      out.push(...quantum);
    }
    const start = out.findIndex((v) => v !== 0);
    expect(start).toBeGreaterThan(0);
    expect(start).toBeLessThanOrEqual(2 * 960);
    const played = out.slice(start);
    const error = Math.max(...played.map((v, i) => Math.abs(v - tone(48_000, i))));
    expect(error).toBeLessThan(0.01);
  });
});
