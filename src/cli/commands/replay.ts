import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../command.ts';
import { repoRoot } from '../paths.ts';

/** Runs `read`, turning what it throws into a usage error (exit 2, message as is). */
function asUsage<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export const replayCommand: CliCommand = {
  name: 'replay',
  summary: 'Run a recorded call through the plugins headless and print the transcript',
  usage: [
    'Usage: sotto replay (--mic A.wav --participant B.wav | --stereo CALL.wav | --transcript SAVED.json) [--engine local|openai]',
    '                    [--knowledge DIR] [--crm FILE] [--json] [--speed N] [--echo-suppression auto|on|off]',
    '',
    '  --mic FILE          your side of the call',
    '  --participant FILE  the other side',
    '  --stereo FILE       one stereo recording: left is you, right is the participant',
    '  --transcript FILE   a saved call instead of recordings: the workbench\'s JSON export, or what --json printed;',
    '                      its final lines go through the plugins (quick replies) without capture or transcription',
    '  --knowledge DIR     notes the local engine answers from (repeatable); the first is also the assistant\'s',
    '                      knowledge folder, uploaded to a vector store and cited',
    '  --crm FILE          a CRM export (CSV or JSON) for the crm-lookup example plugin, which it turns on',
    '  --engine E          local (default without OPENAI_API_KEY) or openai',
    '  --local-url URL     use a running `sotto local` instead of starting one',
    '  --json              print JSON lines: {"kind":"segment","channel","text","final","start","end","item_id"}',
    '                      and {"kind":"reply","question","text","final"} (first text, then final with its state),',
    '                      {"kind":"answer","question","text","citations","final"} for assistant answers, and',
    '                      {"kind":"panel","plugin","panel","model"} for every plugin panel update',
    '  --echo-suppression M',
    '                      auto (default), on or off: remove the participant\'s voice leaking into the mic',
    '  --speed N           1 = real time (default), 10 = ten times faster, 0 = as fast as possible',
    '                      (with --transcript: each line once the replies to the previous one are final)',
    '',
    'WAVs of any common rate are resampled. The same plugins run as in the workbench, in worker threads, over',
    "the Realtime WebSocket transport. Exits 0 once both sides have played and their last lines are final.",
  ].join('\n'),
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        mic: { type: 'string' },
        participant: { type: 'string' },
        stereo: { type: 'string' },
        engine: { type: 'string' },
        'local-url': { type: 'string' },
        json: { type: 'boolean' },
        speed: { type: 'string' },
        transcript: { type: 'string' },
        knowledge: { type: 'string', multiple: true },
        crm: { type: 'string' },
        'echo-suppression': { type: 'string' },
      },
    });
    const stereo = values.stereo;
    const transcript = values.transcript;
    if (!stereo && !values.mic && !values.participant && !transcript) throw new UsageError('Give --mic and --participant, --stereo, or --transcript.');
    if (stereo && (values.mic || values.participant)) throw new UsageError('Use --stereo alone, or --mic and --participant.');
    if (transcript && (stereo || values.mic || values.participant)) throw new UsageError('Use --transcript alone: it replaces the recordings.');
    for (const file of [stereo, values.mic, values.participant, transcript, values.crm, ...(values.knowledge ?? [])]) if (file && !existsSync(file)) throw new UsageError(`No such file: ${file}`);
    const engine = values.engine ?? (process.env.OPENAI_API_KEY ? 'openai' : 'local');
    if (engine !== 'local' && engine !== 'openai') throw new UsageError(`--engine must be local or openai, not "${engine}".`);
    const speed = values.speed === undefined ? 1 : Number(values.speed);
    if (!Number.isFinite(speed) || speed < 0) throw new UsageError(`--speed must be a number ≥ 0, not "${values.speed}".`);
    const echoSuppression = values['echo-suppression'] ?? 'auto';
    if (echoSuppression !== 'auto' && echoSuppression !== 'on' && echoSuppression !== 'off') throw new UsageError(`--echo-suppression must be auto, on or off, not "${echoSuppression}".`);
    const abs = (file: string) => path.resolve(file);
    const { readTranscript } = await import('../replay/transcriptInput.ts');
    const segments = transcript ? asUsage(() => readTranscript(transcript)) : undefined;
    const { runReplay } = await import('../replay/runReplay.ts');
    return runReplay({
      you: stereo ? `${abs(stereo)}#left` : values.mic && abs(values.mic),
      participant: stereo ? `${abs(stereo)}#right` : values.participant && abs(values.participant),
      engine,
      localUrl: values['local-url'] ?? process.env.SOTTO_LOCAL_URL,
      json: values.json ?? false,
      speed,
      pluginsDir: path.join(repoRoot, 'plugins'),
      transcript: segments,
      knowledgeDirs: values.knowledge?.map(abs),
      crmFile: values.crm && abs(values.crm),
      echoSuppression,
    });
  },
};
