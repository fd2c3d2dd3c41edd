import { createMemo, createSignal, For } from 'solid-js';
import type { TranscriptSegment } from '@sotto/api';
import { exportFormats, exportTranscript, speakerName, type ExportFormat } from '../../common/transcriptFormats.ts';
import { CallBar } from '../components/CallBar.tsx';
import type { Workbench } from '../state/workbench.ts';
import { TranscriptList } from './TranscriptList.tsx';

function download(name: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export function TranscriptPanel(props: { wb: Workbench }) {
  const [query, setQuery] = createSignal('');
  // The workbench keeps the transcript in call order already (createTranscriptFold).
  const lines = createMemo(() => props.wb.transcript() as TranscriptSegment[]);
  const shown = createMemo(() => {
    const words = query().toLowerCase().split(/\s+/).filter(Boolean);
    return words.length ? lines().filter((l) => words.every((w) => `${speakerName(l)} ${l.text}`.toLowerCase().includes(w))) : lines();
  });
  const copy = async () => {
    await navigator.clipboard.writeText(exportTranscript(lines(), 'markdown'));
    props.wb.notify('info', 'Transcript copied.');
  };
  const save = (format: ExportFormat) => download(`transcript.${exportFormats[format].extension}`, exportTranscript(lines(), format), exportFormats[format].mime);
  return (
    <section aria-label="Transcript" class="transcript-panel">
      <CallBar wb={props.wb} />
      <div class="row toolbar">
        <h2>Transcript</h2>
        <input type="search" aria-label="Search the transcript" placeholder="Search…" value={query()} onInput={(e) => setQuery(e.currentTarget.value)} />
        <button onClick={() => void copy()} disabled={!lines().length}>
          Copy
        </button>
        <For each={Object.keys(exportFormats) as ExportFormat[]}>
          {(format) => (
            <button onClick={() => save(format)} disabled={!lines().length} title={`Export as ${exportFormats[format].title}`}>
              {exportFormats[format].title}
            </button>
          )}
        </For>
      </div>
      <TranscriptList lines={shown()} empty={query() ? 'No line matches.' : 'The transcript appears here when a call starts.'} />
    </section>
  );
}
