import { readFile } from 'node:fs/promises';
import wavefile from 'wavefile';
import { PluginError, REALTIME_AUDIO_FORMAT } from '@sotto/api';
import { Pcm16Resampler } from '../../common/audio/pcm16Resampler.ts';

const RATE = REALTIME_AUDIO_FORMAT.sampleRate;
/** Frames the resampler hands over while a whole file is decoded (any size does: they are joined again). */
const FRAME = 480;

/** Which part of the file one side of the call is: a mono mix, or one channel of a stereo recording. */
export type WavPart = 'mix' | 'left' | 'right';

/**
 * Reads a WAV of any common rate and depth and returns 24 kHz mono PCM16, the Realtime format: the chosen
 * channel (or a mix of all), resampled with the same windowed-sinc resampler as live capture.
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
  const { numChannels: channels, sampleRate } = wav.fmt as { numChannels: number; sampleRate: number };
  if (part !== 'mix' && channels < 2) throw new PluginError('E_INVALID_INPUT', `${file} is mono; a stereo call recording needs two channels (left: you, right: the participant).`);
  const planar = planarSamples(wav, channels);
  const source = part === 'left' ? [planar[0]] : part === 'right' ? [planar[1]] : planar;
  return sampleRate === RATE ? mixToPcm16(source) : resampleToPcm16(source, sampleRate);
}


/** Each channel as floats in -1..1. 16-bit data is read in place: wavefile's per-sample conversions take seconds a minute. */
function planarSamples(wav: InstanceType<typeof wavefile.WaveFile>, channels: number): Float32Array[] {
  if (wav.bitDepth === '16') {
    const bytes = (wav.data as { samples: Uint8Array }).samples;
    const interleaved = new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + (bytes.byteLength & ~1)));
    const frames = Math.floor(interleaved.length / channels);
    return Array.from({ length: channels }, (_, c) => {
      const channel = new Float32Array(frames);
      for (let i = 0; i < frames; i++) channel[i] = interleaved[i * channels + c] / 32768;
      return channel;
    });
  }
  wav.toBitDepth('32f');
  const samples = wav.getSamples(false, Float32Array) as unknown as Float32Array | Float32Array[];
  return Array.isArray(samples) ? samples : [samples];
}

function mixToPcm16(source: readonly Float32Array[]): Int16Array {
  const out = new Int16Array(source[0].length);
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (const channel of source) sum += channel[i];
    out[i] = Math.max(-32768, Math.min(32767, Math.round((sum / source.length) * 32768)));
  }
  return out;
}

/** The capture worklet's windowed-sinc resampler, run over the whole file, then flushed past its last sample. */
function resampleToPcm16(source: readonly Float32Array[], sampleRate: number): Int16Array {
  const length = Math.round((source[0].length * RATE) / sampleRate);
  const out = new Int16Array(length + FRAME);
  let written = 0;
  const resampler = new Pcm16Resampler(sampleRate, RATE, FRAME, (pcm) => {
    const frame = new Int16Array(pcm).subarray(0, out.length - written);
    out.set(frame, written);
    written += frame.length;
  });
  resampler.push(source);
  const tail = Math.ceil((FRAME + 64) * resampler.ratio);
  resampler.push(source.map(() => new Float32Array(tail)));
  return out.slice(0, length);
}


/** `path#left` / `path#right` pick one channel of a stereo file; a plain path is mixed to mono. */
export function parseFileInput(url: string): { file: string; part: WavPart } {
  const match = /^(.*)#(left|right)$/.exec(url);
  return match ? { file: match[1], part: match[2] as WavPart } : { file: url.replace(/^file:\/\//, ''), part: 'mix' };
}
