import type { CliCommand } from '../command.ts';
import { benchCommand } from './bench.ts';
import { buildCommand } from './build.ts';
import { localCommand } from './local.ts';
import { newPluginCommand } from './newPlugin.ts';
import { replayCommand } from './replay.ts';
import { serveCommand } from './serve.ts';
import { startCommand } from './start.ts';

/** Every sub-command, in the order `sotto --help` lists them. */
export const commands: readonly CliCommand[] = [startCommand, serveCommand, replayCommand, localCommand, buildCommand, benchCommand, newPluginCommand];

export const defaultCommand = 'start';
