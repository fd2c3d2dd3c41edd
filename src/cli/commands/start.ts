import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CliCommand } from '../command.ts';
import { repoRoot } from '../paths.ts';
import { serveCommand } from './serve.ts';

/** Why Electron cannot start here, or undefined when its binary is installed. Never triggers the binary download. */
export function electronUnavailable(root = repoRoot): string | undefined {
  const dir = path.join(root, 'node_modules/electron');
  if (!existsSync(dir)) return 'the electron package is not installed';
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return 'the Electron binary was never downloaded (run `npx install-electron` where the network allows it)';
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return `the Electron binary is missing at ${binary}`;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)';
  return undefined;
}

export const startCommand: CliCommand = {
  name: 'start',
  summary: 'Open Sotto: the Electron app when available, otherwise the web shell',
  usage: 'Usage: sotto start [serve options]\n\nLaunches Electron when its binary is installed; otherwise falls back to `sotto serve`, saying why.',
  async run(argv) {
    const reason = electronUnavailable();
    if (reason) {
      console.log(`Electron cannot start: ${reason}. Falling back to the web shell (sotto serve).`);
      return serveCommand.run(argv);
    }
    const forge = path.join(repoRoot, 'node_modules/.bin/electron-forge');
    const child = spawn(forge, ['start'], { stdio: 'inherit', cwd: repoRoot });
    return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  },
};
