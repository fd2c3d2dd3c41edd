import { createSignal, type Accessor } from 'solid-js';
import type { Workbench } from './workbench.ts';

/** What the user did to quick replies: pinned ones stay on top, dismissed ones are hidden. Outlives the panel. */
export interface ReplyMarks {
  readonly pinned: Accessor<ReadonlySet<string>>;
  readonly dismissed: Accessor<ReadonlySet<string>>;
  togglePin(id: string): void;
  dismiss(id: string): void;
}

const toggled = (set: ReadonlySet<string>, id: string, on: boolean) => {
  const next = new Set(set);
  if (on) next.add(id);
  else next.delete(id);
  return next;
};

const marks = new WeakMap<Workbench, ReplyMarks>();

export function replyMarks(wb: Workbench): ReplyMarks {
  let existing = marks.get(wb);
  if (!existing) {
    const [pinned, setPinned] = createSignal<ReadonlySet<string>>(new Set());
    const [dismissed, setDismissed] = createSignal<ReadonlySet<string>>(new Set());
    existing = {
      pinned,
      dismissed,
      togglePin: (id) => setPinned((set) => toggled(set, id, !set.has(id))),
      dismiss: (id) => {
        setPinned((set) => toggled(set, id, false));
        setDismissed((set) => toggled(set, id, true));
      },
    };
    marks.set(wb, existing);
  }
  return existing;
}
