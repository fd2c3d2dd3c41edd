import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import wavefile from 'wavefile';
import { decodeWav } from '../../../../src/host/node/capture/decodeWav.ts';
import { scratchDir } from '../../../support/fixtures.ts';

function wavOf(channels: number[][], rate: number, depth: string): string {
  const wav = new wavefile.WaveFile();
  wav.fromScratch(channels.length, rate, depth, channels.length > 1 ? channels : channels[0]);
  const file = path.join(scratchDir('decode'), 'in.wav');
  writeFileSync(file, wav.toBuffer());
  return file;
}

const tone = (n: number, rate: number, hz: number, scale: number) => Array.from({ length: n }, (_, i) => Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * scale));

describe('decodeWav', () => {
  it('reads a 24 kHz 16-bit recording sample for sample, and fast: an hour-long call must not take minutes', async () => {
    const samples = tone(24_000 * 60, 24_000, 440, 12_000);
    const file = wavOf([samples], 24_000, '16');
    const started = performance.now();
    const pcm = await decodeWav(file);
    const ms = performance.now() - started;
    expect(pcm.length).toBe(samples.length);
    expect(samples.filter((v, i) => v !== pcm[i]).length).toBe(0);
    expect(ms).toBeLessThan(2_000);
  });

  it('picks one channel of a stereo file and resamples 48 kHz to 24 kHz keeping a tone in place', async () => {
    const left = tone(48_000, 48_000, 1_000, 16_000);
    const right = tone(48_000, 48_000, 300, 8_000);
    const pcm = await decodeWav(wavOf([left, right], 48_000, '16'), 'right');
    expect(pcm.length).toBe(24_000);
    const expected = tone(24_000, 24_000, 300, 8_000);
    // Away from the edges the resampled tone matches the ideal one closely (a windowed sinc, not a copy).
    const error = Math.max(...expected.slice(100, -100).map((v, i) => Math.abs(v - pcm[i + 100])));
    expect(error).toBeLessThan(80);
  });

  it('reads 32-bit float recordings at other rates', async () => {
    const samples = Array.from({ length: 16_000 }, (_, i) => 0.25 * Math.sin((2 * Math.PI * 200 * i) / 16_000));
    const pcm = await decodeWav(wavOf([samples], 16_000, '32f'));
    expect(pcm.length).toBe(24_000);
    const peak = Math.max(...pcm.slice(1_000, -1_000));
    expect(peak / 32768).toBeCloseTo(0.25, 2);
  });
});
