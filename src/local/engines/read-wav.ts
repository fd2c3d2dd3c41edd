import { readFile } from 'node:fs/promises';
import wavefile from 'wavefile';

/** A WAV file of any common rate, depth and channel count as 24 kHz mono PCM16 (channels averaged, sinc resampling). */
export async function readWav24k(file: string): Promise<Int16Array> {
  const wav = new wavefile.WaveFile(await readFile(file));
  wav.toBitDepth('32f');
  wav.toSampleRate(24_000, { method: 'sinc' });
  const read = wav.getSamples(false, Float64Array) as unknown as Float64Array | Float64Array[];
  const channels = Array.isArray(read) ? read : [read];
  return Int16Array.from(channels[0], (_, i) => {
    const mean = channels.reduce((sum, channel) => sum + channel[i], 0) / channels.length;
    return Math.max(-32768, Math.min(32767, Math.round(mean * 32767)));
  });
}
