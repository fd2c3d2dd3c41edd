import { readFileSync } from 'node:fs';
import type { TranscriptSegment } from '@sotto/api';

interface PrintedLine {
  kind?: string;
  channel?: TranscriptSegment['channel'];
  text?: string;
  final?: boolean;
  start?: number;
  end?: number;
  item_id?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Publishes saved lines as a transcriber would, each when it became final: at the recorded pace divided by `speed`,
 * or with `speed` 0 as soon as `idle()` says that what the previous line started (replies) has finished.
 */
export async function feedTranscript(segments: readonly TranscriptSegment[], speed: number, publish: (segment: TranscriptSegment) => void, idle: () => Promise<unknown>): Promise<void> {
  const started = Date.now();
  const origin = segments[0]?.end ?? 0;
  for (const segment of segments) {
    if (speed > 0) await sleep(started + ((segment.end - origin) * 1000) / speed - Date.now());
    publish(segment);
    if (speed === 0) await idle();
  }
}

const isChannel = (value: unknown): value is TranscriptSegment['channel'] => value === 'you' || value === 'participant';

/**
 * The final lines of a saved call: the workbench's JSON export (`{title, segments}`), or the JSON lines that
 * `sotto replay --json` prints (deltas and replies are skipped). Throws with the reason when it is neither.
 */
export function readTranscript(file: string): TranscriptSegment[] {
  const text = readFileSync(file, 'utf8').trim();
  const whole = parse(text);
  const segments = whole && Array.isArray((whole as { segments?: unknown }).segments)
    ? ((whole as { segments: TranscriptSegment[] }).segments)
    : text.split('\n').filter((line) => line.trim()).map((line, index) => fromPrinted(parse(line) as PrintedLine | undefined, index + 1));
  const finals = segments.filter((s): s is TranscriptSegment => !!s && s.final !== false && isChannel(s.channel) && typeof s.text === 'string' && s.text.trim() !== '');
  if (finals.length === 0) throw new Error(`${file} holds no transcript lines: give the workbench's JSON export or the output of \`sotto replay --json\`.`);
  return finals;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function fromPrinted(line: PrintedLine | undefined, lineNumber: number): TranscriptSegment | undefined {
  if (line === undefined) throw new Error(`Line ${lineNumber} is not JSON.`);
  if (line.kind !== 'segment' || !line.final || !isChannel(line.channel)) return undefined;
  return { channel: line.channel, itemId: line.item_id ?? `item_${lineNumber}`, previousItemId: null, text: line.text ?? '', final: true, start: line.start ?? 0, end: line.end ?? line.start ?? 0 };
}
