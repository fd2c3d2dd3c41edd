import { homedir } from 'node:os';
import path from 'node:path';

/** The repository (or installed app) root. */
export const appRoot = path.resolve(import.meta.dirname, '../../..');
export const builtinPluginsDir = path.join(appRoot, 'plugins');
export const rendererDir = path.join(appRoot, '.vite/renderer/main_window');

/** Sotto's config folder: SOTTO_CONFIG_DIR, else the platform's usual place. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SOTTO_CONFIG_DIR) return path.resolve(env.SOTTO_CONFIG_DIR);
  if (process.platform === 'darwin') return path.join(homedir(), 'Library/Application Support/Sotto');
  return path.join(env.XDG_CONFIG_HOME || path.join(homedir(), '.config'), 'sotto');
}

/** Folder of plugins the user wrote or installed; loaded like the built-in ones, but off until approved. */
export function userPluginsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SOTTO_USER_PLUGINS ? path.resolve(env.SOTTO_USER_PLUGINS) : path.join(configDir(env), 'plugins');
}

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SOTTO_CACHE_DIR) return path.resolve(env.SOTTO_CACHE_DIR);
  if (process.platform === 'darwin') return path.join(homedir(), 'Library/Caches/Sotto');
  return path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'sotto');
}
