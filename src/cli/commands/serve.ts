import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../command.ts';

function openBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  spawn(opener, [url], { stdio: 'ignore', detached: true }).on('error', () => {}).unref();
}

/** Resolves when SIGINT or SIGTERM arrives. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

export function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not "${text}".`);
  return port;
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Run the workbench in your browser (the web shell), on 127.0.0.1',
  usage: [
    'Usage: sotto serve [--port N] [--no-open]',
    '',
    '  --port N    port to listen on (default: any free port)',
    '  --no-open   do not open a browser; just print the URL',
    '',
    'Prints the URL to open. It carries a per-launch token: other local pages and processes cannot use the shell.',
    'Settings live in $SOTTO_CONFIG_DIR (default ~/.config/sotto); user plugins in $SOTTO_USER_PLUGINS (default <config>/plugins).',
    'Without an API key the local engine runs in this process, or at $SOTTO_LOCAL_URL when set.',
    'With a key (OPENAI_API_KEY or Settings), requests go to OpenAI, or to $OPENAI_BASE_URL when set (a compatible proxy).',
  ].join('\n'),
  async run(argv) {
    const { values } = parseArgs({ args: argv, options: { port: { type: 'string' }, 'no-open': { type: 'boolean' }, open: { type: 'boolean' } } });
    const port = parsePort(values.port);
    const { lazyLocalEngine } = await import('../../shell/node/lazyLocalEngine.ts');
    // SOTTO_LOCAL_URL points the workbench at a `sotto local` that is already running (tests script one).
    const running = process.env.SOTTO_LOCAL_URL;
    const local = lazyLocalEngine(async () => (running ? { url: running, close: async () => {} } : (await import('../../local/index.ts')).startLocalServer({ port: 0 })));
    // Start the local engine alongside the shell: the page needs its origin for its CSP, so it should be up by then.
    void local();
    const { startWebShell } = await import('../../shell/node/web/startWebShell.ts');
    // OPENAI_BASE_URL, as the SDK reads it: an OpenAI-compatible endpoint (a proxy) used when a key is set.
    const shell = await startWebShell({ port, localEngine: local, openaiBaseURL: process.env.OPENAI_BASE_URL || undefined });
    console.log(`Sotto is running at ${shell.url}`);
    if (!values['no-open']) openBrowser(shell.url);
    const signal = await untilSignal();
    console.log(`\n${signal}: stopping Sotto.`);
    await shell.close();
    await local.stop();
    return 0;
  },
};
