import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { scratchDir } from './fixtures.ts';

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
}

export interface SpeechWav {
  readonly file: string;
  /** Where each sentence is, in seconds from the start of the file. */
  readonly spans: { start: number; end: number }[];
}

/**
 * A WAV of sentences spoken by espeak-ng, each followed by silence, after `leadSeconds` of silence, at `rate` Hz.
 * Spans are measured on the trimmed speech, so they mark where voice really is.
 */
export function speechWav(sentences: string[], options: { rate?: number; leadSeconds?: number; gapSeconds?: number; voice?: string } = {}): SpeechWav {
  const { rate = 16_000, leadSeconds = 1, gapSeconds = 1.2, voice = 'en-us' } = options;
  const dir = scratchDir('speech');
  const parts: string[] = [];
  const spans: SpeechWav['spans'] = [];
  let at = leadSeconds;
  const silence = (seconds: number, name: string) => {
    const file = path.join(dir, name);
    run('sox', ['-n', '-r', String(rate), '-c', '1', '-b', '16', file, 'trim', '0', String(seconds)]);
    return file;
  };
  parts.push(silence(leadSeconds, 'lead.wav'));
  sentences.forEach((sentence, i) => {
    const raw = path.join(dir, `raw${i}.wav`);
    const trimmed = path.join(dir, `s${i}.wav`);
    run('espeak-ng', ['-v', voice, '-s', '165', '-w', raw, sentence]);
    run('sox', [raw, '-r', String(rate), '-c', '1', '-b', '16', trimmed, 'silence', '1', '0.01', '0.5%', 'reverse', 'silence', '1', '0.01', '0.5%', 'reverse']);
    const seconds = Number(spawnSync('soxi', ['-D', trimmed]).stdout.toString());
    spans.push({ start: at, end: at + seconds });
    at += seconds + gapSeconds;
    parts.push(trimmed, silence(gapSeconds, `gap${i}.wav`));
  });
  const file = path.join(dir, 'speech.wav');
  run('sox', [...parts, file]);
  return { file, spans };
}
