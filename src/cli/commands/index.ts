import type { CliCommand } from '../command.ts';
import { benchCommand } from './bench.ts';
import { localCommand } from './local.ts';

/** Every sub-command, in the order `sotto --help` lists them. */
export const commands: readonly CliCommand[] = [benchCommand, localCommand];

export const defaultCommand = 'start';
