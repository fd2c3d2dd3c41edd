import { appendFile, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Reply, TranscriptSegment } from '@sotto/api';
import { BridgeError } from '../common/bridge.ts';

export interface CallSummary {
  readonly callId: string;
  readonly segments: number;
  readonly modifiedAt: number;
}

const CALL_ID = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * Final transcript segments, appended as JSON lines to one file per call as each becomes final.
 * Why JSONL rather than node:sqlite: an append is a single write of one line, which the OS keeps even if Sotto is
 * killed mid-call (at most the segment being written is lost); the files are readable, greppable and portable;
 * and nothing depends on a still-experimental module being compiled into every Electron build.
 */
export class TranscriptStore {
  constructor(private readonly dir: string) {}

  async append(callId: string, segment: TranscriptSegment): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await appendFile(this.file(callId), JSON.stringify(segment) + '\n', { encoding: 'utf8', flag: 'a' });
  }

  /** The call's segments; a torn last line (a crash mid-write) is skipped, the rest kept. */
  async read(callId: string): Promise<TranscriptSegment[]> {
    const text = await readFile(this.file(callId), 'utf8').catch(() => {
      throw new BridgeError('E_NOT_FOUND', `No saved call "${callId}".`);
    });
    return text.split('\n').flatMap((line) => {
      try {
        return line ? [JSON.parse(line) as TranscriptSegment] : [];
      } catch {
        return [];
      }
    });
  }

  /** The replies the user pinned during the call, replaced whole (there are few) and atomically. */
  async savePinned(callId: string, replies: readonly Reply[]): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = this.file(callId, '.pinned.json');
    await writeFile(`${file}.tmp`, JSON.stringify(replies, null, 2) + '\n', 'utf8');
    await rename(`${file}.tmp`, file);
  }

  async readPinned(callId: string): Promise<Reply[]> {
    const text = await readFile(this.file(callId, '.pinned.json'), 'utf8').catch(() => '[]');
    return JSON.parse(text) as Reply[];
  }

  async list(): Promise<CallSummary[]> {
    const names = (await readdir(this.dir).catch(() => [])).filter((n) => n.endsWith('.jsonl'));
    const calls = await Promise.all(
      names.map(async (name) => {
        const callId = name.slice(0, -'.jsonl'.length);
        const [info, segments] = await Promise.all([stat(path.join(this.dir, name)), this.read(callId)]);
        return { callId, segments: segments.length, modifiedAt: info.mtimeMs };
      }),
    );
    return calls.sort((a, b) => b.modifiedAt - a.modifiedAt);
  }

  private file(callId: string, suffix = '.jsonl'): string {
    if (!CALL_ID.test(callId)) throw new BridgeError('E_INVALID_INPUT', `"${callId}" is not a valid call id.`);
    return path.join(this.dir, `${callId}${suffix}`);
  }
}
