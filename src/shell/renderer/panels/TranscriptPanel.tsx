import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import type { TranscriptSegment } from '@sotto/api';
import { exportFormats, exportTranscript, speakerName, type ExportFormat } from '../../common/transcriptFormats.ts';
import { CallBar } from '../components/CallBar.tsx';
import type { Workbench } from '../state/workbench.ts';

function download(name: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export function TranscriptPanel(props: { wb: Workbench }) {
  const [query, setQuery] = createSignal('');
  const [following, setFollowing] = createSignal(true);
  let list!: HTMLOListElement;
  // The workbench keeps the transcript in call order already (foldTranscript).
  const lines = createMemo(() => props.wb.transcript() as TranscriptSegment[]);
  const shown = createMemo(() => {
    const words = query().toLowerCase().split(/\s+/).filter(Boolean);
    return words.length ? lines().filter((l) => words.every((w) => `${speakerName(l)} ${l.text}`.toLowerCase().includes(w))) : lines();
  });
  // Follow new lines only while the user is at the bottom; scrolling up to read pauses it.
  const onScroll = () => setFollowing(list.scrollTop + list.clientHeight >= list.scrollHeight - 24);
  createEffect(on(shown, () => following() && queueMicrotask(() => (list.scrollTop = list.scrollHeight))));
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
      <ol class="transcript" data-testid="transcript" ref={list} onScroll={onScroll}>
        <For each={shown()} fallback={<li class="muted">{query() ? 'No line matches.' : 'The transcript appears here when a call starts.'}</li>}>
          {(line) => (
            <li class={`line line-${line.channel}`} classList={{ partial: !line.final, gap: !!line.gap }} data-item={line.itemId} data-start={line.start} data-end={line.end}>
              <span class="speaker">{speakerName(line)}</span>
              <span class="text">{line.text}</span>
            </li>
          )}
        </For>
      </ol>
      <Show when={!following()}>
        <button class="jump" onClick={() => ((list.scrollTop = list.scrollHeight), setFollowing(true))}>
          Jump to latest
        </button>
      </Show>
    </section>
  );
}
