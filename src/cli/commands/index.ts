import type { CliCommand } from '../command.ts';
import { benchCommand } from './bench.ts';

/** Every sub-command, in the order `sotto --help` lists them. */
export const commands: readonly CliCommand[] = [benchCommand];

export const defaultCommand = 'start';
