import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { LocalServerOptions } from '../../local/index.ts';
import { UsageError, type CliCommand } from '../command.ts';

export const localCommand: CliCommand = {
  name: 'local',
  summary: 'Run the local OpenAI-compatible server (offline engine and test double)',
  usage: [
    'Usage: sotto local [--port N] [--notes DIR]... [--config FILE]',
    '',
    'Binds 127.0.0.1, prints its base URL (http://127.0.0.1:N/v1) and serves until SIGTERM or SIGINT.',
    '  --port N      port to listen on (default: any free port)',
    '  --notes DIR   folder of Markdown/text notes to answer from (repeatable)',
    '  --config FILE JSON options for tests: responder, recognizer, faults, sessionMaxDurationMs, answerMinScore',
  ].join('\n'),
  async run(argv) {
    const { values } = parseArgs({ args: argv, options: { port: { type: 'string' }, notes: { type: 'string', multiple: true }, config: { type: 'string' } } });
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got "${values.port}"`);
    const { startLocalServer } = await import('../../local/index.ts');
    const config = values.config ? (JSON.parse(await readFile(values.config, 'utf8')) as LocalServerOptions) : {};
    const server = await startLocalServer({ ...config, port, knowledgeDirs: [...(config.knowledgeDirs ?? []), ...(values.notes ?? [])] });
    console.log(server.url);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
    await server.close();
    return 0;
  },
};
