import { For } from 'solid-js';
import type { Workbench } from '../state/workbench.ts';

export function RepliesPanel(props: { wb: Workbench }) {
  return (
    <section aria-label="Replies">
      <h2>Replies</h2>
      <ul class="replies" data-testid="replies">
        <For each={[...props.wb.replies()].reverse()} fallback={<li class="muted">Quick replies appear here when the participant asks something.</li>}>
          {(reply) => (
            <li class={`reply reply-${reply.state}`} data-question={reply.questionId}>
              <p class="question">“{reply.question}”</p>
              <p class="text">{reply.text}</p>
              {reply.error && <p class="error">{reply.error}</p>}
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
