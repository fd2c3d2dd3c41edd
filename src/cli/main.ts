import 'reflect-metadata';
import { commands, defaultCommand } from './commands/index.ts';
import { UsageError } from './command.ts';

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: sotto [command] [options]',
    '',
    'Commands:',
    ...lines,
    '',
    `With no command, sotto runs \`${defaultCommand}\`.`,
    'Run `sotto <command> --help` for the options of one command.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    console.log(helpText());
    return 0;
  }
  const name = first === undefined || first.startsWith('-') ? defaultCommand : first;
  const args = first === undefined || first.startsWith('-') ? argv : rest;
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`sotto: unknown command "${name}"\n\n${helpText()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error(`sotto ${command.name}: ${(error as Error).message}\n\n${command.usage}`);
      return 2;
    }
    console.error(`sotto ${command.name}: ${(error as Error).stack ?? error}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
