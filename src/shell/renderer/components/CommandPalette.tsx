import { createMemo, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { listCommands } from '../state/commands.ts';
import { describeKeybinding, keybindingOf } from '../state/keybinding.ts';
import type { Workbench } from '../state/workbench.ts';

export function CommandPalette(props: { wb: Workbench }) {
  const [open, setOpen] = createSignal(false);
  const [query, setQuery] = createSignal('');
  const [selected, setSelected] = createSignal(0);
  const commands = createMemo(() => listCommands(props.wb));
  const matches = createMemo(() => {
    const words = query().toLowerCase().split(/\s+/).filter(Boolean);
    return commands().filter((c) => words.every((w) => `${c.category} ${c.title}`.toLowerCase().includes(w)));
  });
  const run = (index: number) => {
    const command = matches()[index];
    setOpen(false);
    void command?.run();
  };
  const onKey = (event: KeyboardEvent) => {
    const binding = keybindingOf(event);
    if (binding === 'mod+shift+p' || binding === 'ctrl+shift+p') {
      event.preventDefault();
      setQuery('');
      setSelected(0);
      setOpen(true);
      return;
    }
    const bound = commands().find((c) => c.keybinding === binding);
    if (bound) {
      event.preventDefault();
      void bound.run();
    }
  };
  onMount(() => window.addEventListener('keydown', onKey));
  onCleanup(() => window.removeEventListener('keydown', onKey));
  const onInputKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') setOpen(false);
    else if (event.key === 'ArrowDown') setSelected((i) => Math.min(i + 1, matches().length - 1));
    else if (event.key === 'ArrowUp') setSelected((i) => Math.max(i - 1, 0));
    else if (event.key === 'Enter') run(selected());
    else return;
    event.preventDefault();
  };
  return (
    <Show when={open()}>
      <div class="palette-backdrop" onClick={() => setOpen(false)}>
        <div class="palette" role="dialog" aria-label="Command palette" onClick={(e) => e.stopPropagation()}>
          <input
            ref={(el) => queueMicrotask(() => el.focus())}
            aria-label="Type a command"
            placeholder="Type a command…"
            value={query()}
            onInput={(e) => {
              setQuery(e.currentTarget.value);
              setSelected(0);
            }}
            onKeyDown={onInputKey}
          />
          <ul role="listbox">
            <For each={matches()} fallback={<li class="muted">No matching command</li>}>
              {(command, index) => (
                <li role="option" aria-selected={index() === selected()} classList={{ selected: index() === selected() }} onClick={() => run(index())}>
                  <span class="muted">{command.category}: </span>
                  {command.title}
                  <Show when={command.keybinding}>
                    <kbd>{describeKeybinding(command.keybinding!)}</kbd>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </div>
      </div>
    </Show>
  );
}
