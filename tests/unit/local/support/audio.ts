import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const RATE = 24000;

/** One sentence spoken by espeak-ng, as 24 kHz mono PCM16 (sox resamples). */
export function speak(text: string, voice = 'en-us', wpm = 170): Int16Array {
  const dir = mkdtempSync(path.join(tmpdir(), 'sotto-speech-'));
  try {
    const wav = path.join(dir, 'raw.wav');
    const raw = path.join(dir, 'out.raw');
    run('espeak-ng', ['-v', voice, '-s', String(wpm), '-w', wav, text]);
    // Trimmed of espeak's own leading/trailing silence, so that spans mark where speech really is.
    run('sox', [wav, '-r', String(RATE), '-c', '1', '-b', '16', '-e', 'signed-integer', '-t', 'raw', raw, 'silence', '1', '0.01', '0.5%', 'reverse', 'silence', '1', '0.01', '0.5%', 'reverse']);
    const bytes = readFileSync(raw);
    return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2).slice();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
}

export interface Utterances {
  pcm: Int16Array;
  /** Where each sentence's audio lies, in ms from the start. */
  spans: Array<{ startMs: number; endMs: number }>;
}

/** Sentences separated by silence, with leading and trailing silence. */
export function utterances(texts: string[], gapMs = 1000, leadMs = 500): Utterances {
  const parts: Int16Array[] = [new Int16Array((leadMs * RATE) / 1000)];
  const spans: Utterances['spans'] = [];
  let at = leadMs;
  for (const text of texts) {
    const speech = speak(text);
    parts.push(speech, new Int16Array((gapMs * RATE) / 1000));
    spans.push({ startMs: at, endMs: at + (speech.length * 1000) / RATE });
    at += (speech.length * 1000) / RATE + gapMs;
  }
  const pcm = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    pcm.set(p, offset);
    offset += p.length;
  }
  return { pcm, spans };
}

export function base64(pcm: Int16Array): string {
  return Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength).toString('base64');
}

/** Sends PCM as 20 ms appends, paced like a live microphone when `realtime` (else as fast as possible). */
export async function streamPcm(pcm: Int16Array, send: (base64Audio: string) => void, realtime = false): Promise<void> {
  const frame = (RATE / 1000) * 20;
  const started = performance.now();
  for (let i = 0; i < pcm.length; i += frame) {
    send(base64(pcm.subarray(i, i + frame)));
    if (realtime) {
      const due = started + ((i + frame) / RATE) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  }
}
