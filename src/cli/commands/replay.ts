import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../command.ts';
import { repoRoot } from '../paths.ts';

export const replayCommand: CliCommand = {
  name: 'replay',
  summary: 'Run a recorded call through the plugins headless and print the transcript',
  usage: [
    'Usage: sotto replay (--mic A.wav --participant B.wav | --stereo CALL.wav) [--engine local|openai] [--json] [--speed N]',
    '',
    '  --mic FILE          your side of the call',
    '  --participant FILE  the other side',
    '  --stereo FILE       one stereo recording: left is you, right is the participant',
    '  --engine E          local (default without OPENAI_API_KEY) or openai',
    '  --local-url URL     use a running `sotto local` instead of starting one',
    '  --json              print JSON lines: {"kind":"segment","channel","text","final","start","end","item_id"}',
    '  --speed N           1 = real time (default), 10 = ten times faster, 0 = as fast as possible',
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
      },
    });
    const stereo = values.stereo;
    if (!stereo && !values.mic && !values.participant) throw new UsageError('Give --mic and --participant, or --stereo.');
    if (stereo && (values.mic || values.participant)) throw new UsageError('Use --stereo alone, or --mic and --participant.');
    for (const file of [stereo, values.mic, values.participant]) if (file && !existsSync(file)) throw new UsageError(`No such file: ${file}`);
    const engine = values.engine ?? (process.env.OPENAI_API_KEY ? 'openai' : 'local');
    if (engine !== 'local' && engine !== 'openai') throw new UsageError(`--engine must be local or openai, not "${engine}".`);
    const speed = values.speed === undefined ? 1 : Number(values.speed);
    if (!Number.isFinite(speed) || speed < 0) throw new UsageError(`--speed must be a number ≥ 0, not "${values.speed}".`);
    const abs = (file: string) => path.resolve(file);
    const { runReplay } = await import('../replay/runReplay.ts');
    return runReplay({
      you: stereo ? `${abs(stereo)}#left` : values.mic && abs(values.mic),
      participant: stereo ? `${abs(stereo)}#right` : values.participant && abs(values.participant),
      engine,
      localUrl: values['local-url'] ?? process.env.SOTTO_LOCAL_URL,
      json: values.json ?? false,
      speed,
      pluginsDir: path.join(repoRoot, 'plugins'),
    });
  },
};
