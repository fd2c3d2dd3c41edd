import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { NoteDocument } from './notes-index.ts';

const NOTE_EXTENSIONS = new Set(['.md', '.markdown', '.txt']);

/** Every Markdown or text note under the given folders (recursively); missing folders are skipped. */
export async function loadNotes(dirs: readonly string[]): Promise<NoteDocument[]> {
  const notes: NoteDocument[] = [];
  for (const dir of dirs) {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.isFile() || !NOTE_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) continue;
      const file = path.join(entry.parentPath, entry.name);
      notes.push({ id: `note:${file}`, title: path.basename(entry.name, path.extname(entry.name)), body: await readFile(file, 'utf8') });
    }
  }
  return notes;
}
