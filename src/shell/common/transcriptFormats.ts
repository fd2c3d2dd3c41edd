import type { TranscriptSegment } from '@sotto/api';

export type ExportFormat = 'markdown' | 'json' | 'webvtt';

export const exportFormats: Record<ExportFormat, { extension: string; mime: string; title: string }> = {
  markdown: { extension: 'md', mime: 'text/markdown', title: 'Markdown' },
  json: { extension: 'json', mime: 'application/json', title: 'JSON' },
  webvtt: { extension: 'vtt', mime: 'text/vtt', title: 'WebVTT' },
};

export function speakerName(segment: TranscriptSegment): string {
  return segment.channel === 'you' ? 'You' : segment.speaker || 'Participant';
}

/** Final lines in call order: by start time, then by each channel's item chain (stable sort keeps arrival order). */
export function orderTranscript(segments: readonly TranscriptSegment[]): TranscriptSegment[] {
  return [...segments].sort((a, b) => a.start - b.start);
}

function clock(seconds: number, withMillis: boolean): string {
  const total = Math.max(0, seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = Math.floor(total % 60);
  const ms = Math.round((total - Math.floor(total)) * 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}${withMillis ? `.${pad(ms, 3)}` : ''}`;
}

/** A finished call as a document. Only final segments are exported. */
export function exportTranscript(segments: readonly TranscriptSegment[], format: ExportFormat, title = 'Call transcript'): string {
  const lines = orderTranscript(segments.filter((s) => s.final && s.text));
  if (format === 'json') return JSON.stringify({ title, segments: lines }, null, 2) + '\n';
  if (format === 'markdown') return [`# ${title}`, '', ...lines.map((s) => `**${speakerName(s)}** (${clock(s.start, false)}): ${s.text}`), ''].join('\n');
  const cues = lines.map((s, i) => `${i + 1}\n${clock(s.start, true)} --> ${clock(Math.max(s.end, s.start + 0.5), true)}\n<v ${speakerName(s)}>${s.text.replace(/-->/g, '→')}`);
  return ['WEBVTT', '', ...cues.flatMap((cue) => [cue, ''])].join('\n');
}
