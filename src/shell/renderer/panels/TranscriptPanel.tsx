import { For } from 'solid-js';
import type { Workbench } from '../state/workbench.ts';

export function TranscriptPanel(props: { wb: Workbench }) {
  const speaker = (channel: string, name?: string) => (channel === 'you' ? 'You' : name || 'Participant');
  return (
    <section aria-label="Transcript">
      <h2>Transcript</h2>
      <ol class="transcript" data-testid="transcript">
        <For each={props.wb.transcript()} fallback={<li class="muted">The transcript appears here when a call starts.</li>}>
          {(line) => (
            <li class={`line line-${line.channel}`} classList={{ partial: !line.final }} data-item={line.itemId}>
              <span class="speaker">{speaker(line.channel, line.speaker)}</span>
              <span class="text">{line.text}</span>
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}
