import { readFile } from 'node:fs/promises';
import wavefile from 'wavefile';
import { PluginError } from '@sotto/api';

/** Which part of the file one side of the call is: a mono mix, or one channel of a stereo recording. */
export type WavPart = 'mix' | 'left' | 'right';

/**
 * Reads a WAV of any common rate and depth and returns 24 kHz mono PCM16, the Realtime format: the chosen
 * channel (or a mix of all), resampled with wavefile's windowed-sinc resampler.
 */
export async function decodeWav(file: string, part: WavPart = 'mix'): Promise<Int16Array> {
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new PluginError('E_NOT_FOUND', `Cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  let wav: InstanceType<typeof wavefile.WaveFile>;
  try {
    wav = new wavefile.WaveFile(bytes);
  } catch (error) {
    throw new PluginError('E_INVALID_INPUT', `${file} is not a WAV file this reader understands: ${(error as Error).message}`);
  }
  const channels = (wav.fmt as { numChannels: number }).numChannels;
  if (part !== 'mix' && channels < 2) throw new PluginError('E_INVALID_INPUT', `${file} is mono; a stereo call recording needs two channels (left: you, right: the participant).`);
  wav.toBitDepth('32f');
  wav.toSampleRate(24_000, { method: 'sinc' });
  const samples = wav.getSamples(false, Float64Array) as unknown as Float64Array | Float64Array[];
  const perChannel = Array.isArray(samples) ? samples : [samples];
  const source = part === 'left' ? [perChannel[0]] : part === 'right' ? [perChannel[1]] : perChannel;
  const out = new Int16Array(source[0].length);
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (const channel of source) sum += channel[i];
    out[i] = Math.max(-32768, Math.min(32767, Math.round((sum / source.length) * 32767)));
  }
  return out;
}

/** `path#left` / `path#right` pick one channel of a stereo file; a plain path is mixed to mono. */
export function parseFileInput(url: string): { file: string; part: WavPart } {
  const match = /^(.*)#(left|right)$/.exec(url);
  return match ? { file: match[1], part: match[2] as WavPart } : { file: url.replace(/^file:\/\//, ''), part: 'mix' };
}
