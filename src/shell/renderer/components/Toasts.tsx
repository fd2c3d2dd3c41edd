import { For } from 'solid-js';
import type { Workbench } from '../state/workbench.ts';

export function Toasts(props: { wb: Workbench }) {
  return (
    <div class="toasts" aria-live="polite">
      <For each={props.wb.toasts()}>
        {(toast) => (
          <div class={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
            {toast.message}
          </div>
        )}
      </For>
    </div>
  );
}
