import { For } from 'solid-js';
import type { Workbench } from '../state/workbench.ts';

export function AssistantPanel(props: { wb: Workbench }) {
  return (
    <section aria-label="Assistant">
      <h2>Assistant</h2>
      <ul class="answers" data-testid="answers">
        <For each={[...props.wb.answers()].reverse()} fallback={<li class="muted">Deeper answers from the assistant appear here.</li>}>
          {(answer) => (
            <li class={`answer answer-${answer.state}`}>
              <p class="question">{answer.question}</p>
              <p class="text">{answer.text}</p>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
