import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Recognizer, RecognizerStream } from './recognizer.ts';
import { pcm24kTo16k } from './resample.ts';
import { wavFile } from './wav.ts';

const BINARY = 'pocketsphinx_continuous';
export const POCKETSPHINX_MISSING =
  'Local transcription unavailable: pocketsphinx is not installed. Install it with ' +
  '`sudo apt-get install pocketsphinx pocketsphinx-en-us` (Debian/Ubuntu) or `brew install cmu-pocketsphinx` (macOS), then restart Sotto.';

function onPath(binary: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, binary);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return null;
}

/** CMU pocketsphinx (en-us) from the system packages, decoding each speech segment once it ends. Draft quality. */
export class PocketsphinxRecognizer implements Recognizer {
  readonly name = 'pocketsphinx';
  readonly unavailable: string | null;
  private readonly binary: string | null;

  constructor() {
    this.binary = onPath(BINARY);
    this.unavailable = this.binary ? null : POCKETSPHINX_MISSING;
  }

  open(): RecognizerStream {
    return {
      progress: () => [],
      ended: async (_index, pcm24k) => {
        const text = await this.decode(pcm24kTo16k(pcm24k));
        return { deltas: text ? [text] : [], text };
      },
    };
  }

  private async decode(pcm16k: Int16Array): Promise<string> {
    if (!this.binary) throw new Error(POCKETSPHINX_MISSING);
    const dir = await mkdtemp(path.join(tmpdir(), 'sotto-ps-'));
    try {
      const file = path.join(dir, 'segment.wav');
      await writeFile(file, wavFile(pcm16k, 16000));
      const out = await new Promise<string>((resolve, reject) => {
        const child = spawn(this.binary as string, ['-infile', file, '-logfn', '/dev/null'], { stdio: ['ignore', 'pipe', 'ignore'] });
        let text = '';
        child.stdout.on('data', (d: Buffer) => (text += d.toString()));
        child.on('error', reject);
        child.on('close', () => resolve(text));
      });
      return out.split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
