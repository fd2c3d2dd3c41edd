import { createMemo, For, Show } from 'solid-js';
import type { Reply } from '@sotto/api';
import { replyMarks } from '../state/replyMarks.ts';
import type { Workbench } from '../state/workbench.ts';

const STATE_LABEL: Record<Reply['state'], string> = { streaming: 'Forming…', done: '', superseded: 'Superseded by a newer question', error: 'Failed' };

export function RepliesPanel(props: { wb: Workbench }) {
  const marks = replyMarks(props.wb);
  // Pinned first, then newest first; dismissed replies are gone.
  const shown = createMemo(() => {
    const visible = [...props.wb.replies()].reverse().filter((r) => !marks.dismissed().has(r.id));
    return [...visible.filter((r) => marks.pinned().has(r.id)), ...visible.filter((r) => !marks.pinned().has(r.id))];
  });
  const copy = async (reply: Reply) => {
    await navigator.clipboard.writeText(reply.text);
    props.wb.notify('info', 'Reply copied.');
  };
  return (
    <section aria-label="Replies">
      <h2>Replies</h2>
      <ul class="replies" data-testid="replies">
        <For each={shown()} fallback={<li class="muted">Quick replies appear here when the participant asks something.</li>}>
          {(reply) => (
            <li class={`reply reply-${reply.state}`} classList={{ pinned: marks.pinned().has(reply.id) }} data-question={reply.questionId} data-state={reply.state}>
              <p class="question">“{reply.question}”</p>
              <p class="text" aria-live={reply.state === 'streaming' ? 'polite' : 'off'}>
                {reply.text}
              </p>
              <Show when={STATE_LABEL[reply.state]}>
                <p class="state">{STATE_LABEL[reply.state]}</p>
              </Show>
              <Show when={reply.error}>
                <p class="error" role="alert">
                  {reply.error}
                </p>
              </Show>
              <div class="row actions">
                <button onClick={() => void copy(reply)} disabled={!reply.text}>
                  Copy
                </button>
                <button aria-pressed={marks.pinned().has(reply.id)} onClick={() => marks.togglePin(reply.id)}>
                  {marks.pinned().has(reply.id) ? 'Unpin' : 'Pin'}
                </button>
                <button onClick={() => marks.dismiss(reply.id)}>Dismiss</button>
              </div>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
