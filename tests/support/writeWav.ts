import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { wavFile } from '../../src/local/engines/wav.ts';
import { scratchDir } from './fixtures.ts';

/** Writes mono PCM16 as a WAV file in a scratch folder and returns its path. */
export function writeWav(pcm: Int16Array, rate: number): string {
  const file = path.join(scratchDir('wav'), 'audio.wav');
  writeFileSync(file, wavFile(pcm, rate));
  return file;
}
