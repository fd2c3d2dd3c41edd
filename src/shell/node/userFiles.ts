import { readdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import type { UserFile } from '@sotto/api';
import { BridgeError } from '../common/bridge.ts';

const MAX_USER_FILE = 5 * 1024 * 1024;
const MAX_FILES = 50;

const expand = (value: string) => path.resolve(value.trim().replace(/^~(?=$|[\\/])/, homedir()));

async function readOne(file: string, key: string): Promise<UserFile> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new BridgeError('E_NOT_FOUND', `${file} (setting "${key}") is not a readable file.`);
  if (info.size > MAX_USER_FILE) throw new BridgeError('E_TOO_LARGE', `${file} is larger than ${MAX_USER_FILE} bytes.`);
  const bytes = await readFile(file);
  const text = new TextDecoder('utf-8').decode(bytes);
  const isText = !text.includes('\uFFFD') && !text.includes('\0');
  return { path: file, name: path.basename(file), text, ...(isText ? {} : { binary: bytes.toString('base64') }) };
}

/**
 * Reads what a user named in a plugin setting: one file, a folder's files (not sub-folders, no hidden files) or a
 * list of paths; each at most 5 MB, 50 files at most. The plugin never picks a path itself.
 */
export async function readUserFiles(value: unknown, key: string): Promise<UserFile[]> {
  const entries = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  if (!entries.length) throw new BridgeError('E_NOT_FOUND', `Setting "${key}" names no file.`);
  const files: string[] = [];
  for (const entry of entries.map(expand)) {
    const info = await stat(entry).catch(() => undefined);
    if (info?.isDirectory()) {
      const names = (await readdir(entry, { withFileTypes: true })).filter((d) => d.isFile() && !d.name.startsWith('.')).map((d) => path.join(entry, d.name));
      files.push(...names.sort());
    } else files.push(entry);
  }
  return Promise.all(files.slice(0, MAX_FILES).map((file) => readOne(file, key)));
}
