import type { FileObject } from 'openai/resources/files';
import { notFound } from '../http/errors.ts';
import { newId, nowSeconds } from '../ids.ts';

export interface StoredFile {
  object: FileObject;
  content: Buffer;
}

/** Uploaded files (`/v1/files`), kept in memory. */
export class FileStore {
  private readonly files = new Map<string, StoredFile>();

  add(filename: string, purpose: FileObject['purpose'], content: Buffer): StoredFile {
    const object: FileObject = {
      id: newId('file', 11).replace('_', '-'),
      object: 'file',
      bytes: content.length,
      created_at: nowSeconds(),
      filename,
      purpose,
      status: 'processed',
    };
    const stored = { object, content };
    this.files.set(object.id, stored);
    return stored;
  }

  get(id: string): StoredFile {
    const file = this.files.get(id);
    if (!file) throw notFound('file', id);
    return file;
  }

  delete(id: string): void {
    this.get(id);
    this.files.delete(id);
  }

  list(): FileObject[] {
    return [...this.files.values()].map((f) => f.object);
  }
}

/** Text we can index: valid UTF-8 without NUL bytes. */
export function textOf(content: Buffer): string | null {
  if (content.includes(0)) return null;
  const text = content.toString('utf8');
  return text.includes('\uFFFD') ? null : text;
}
