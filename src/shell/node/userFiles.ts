import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import type { UserFile } from '@sotto/api';
import { BridgeError } from '../common/bridge.ts';

const MAX_USER_FILE = 5 * 1024 * 1024;

/** Reads the one file a user named in a plugin setting: text, at most 5 MB. The plugin never picks the path itself. */
export async function readUserFileAt(value: unknown, key: string): Promise<UserFile> {
  if (typeof value !== 'string' || !value.trim()) throw new BridgeError('E_NOT_FOUND', `Setting "${key}" names no file.`);
  const file = path.resolve(value.trim().replace(/^~(?=$|[\\/])/, homedir()));
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new BridgeError('E_NOT_FOUND', `${file} (setting "${key}") is not a readable file.`);
  if (info.size > MAX_USER_FILE) throw new BridgeError('E_TOO_LARGE', `${file} is larger than ${MAX_USER_FILE} bytes.`);
  return { path: file, name: path.basename(file), text: await readFile(file, 'utf8') };
}
