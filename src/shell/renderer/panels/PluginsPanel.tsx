import { createEffect, createMemo, createSignal, For, Show } from 'solid-js';
import type { PluginState } from '../../../host/common/pluginDescription.ts';
import type { Workbench } from '../state/workbench.ts';

const statusText: Record<PluginState['status'], string> = {
  invalid: 'Invalid',
  disabled: 'Off',
  inactive: 'On (idle until needed)',
  starting: 'Starting…',
  active: 'Running',
  restarting: 'Restarting…',
  failed: 'Failed',
};

function PluginRow(props: { wb: Workbench; state: PluginState }) {
  const d = () => props.state.description;
  const permissions = () => d().manifest?.permissions;
  // The user's choice shows until the host reports it: any other plugin's state change re-renders this row,
  // and without this the switch would flip back while the host is still applying the toggle.
  const [requested, setRequested] = createSignal<boolean>();
  createEffect(() => {
    if (props.state.enabled === requested()) setRequested(undefined);
  });
  const toggle = async (enabled: boolean) => {
    setRequested(enabled);
    try {
      await props.wb.host.setEnabled(d().id, enabled);
    } catch (error) {
      setRequested(undefined);
      props.wb.notify('error', `${d().displayName}: ${(error as Error).message}`);
    }
  };
  return (
    <li class="plugin" data-testid={`plugin-${d().id}`} data-status={props.state.status}>
      <div class="plugin-head">
        <label class="switch">
          <input type="checkbox" role="switch" aria-label={`Enable ${d().displayName}`} checked={requested() ?? props.state.enabled} disabled={props.state.status === 'invalid'} onChange={(e) => void toggle(e.currentTarget.checked)} />
        </label>
        <strong>{d().displayName}</strong>
        <span class="muted">
          {d().id} · v{d().version} · {d().builtin ? 'built-in' : 'user plugin'}
        </span>
        <span class={`status status-${props.state.status}`} data-testid="plugin-status">
          {statusText[props.state.status]}
          <Show when={props.state.restarts > 0}> · restarted {props.state.restarts}×</Show>
        </span>
      </div>
      <Show when={d().description}>
        <p class="muted">{d().description}</p>
      </Show>
      <Show when={permissions()?.network?.length || permissions()?.secrets?.length}>
        <p class="permissions">
          Permissions:
          <For each={permissions()?.network ?? []}>{(origin) => <span class="chip">network: {origin}</span>}</For>
          <For each={permissions()?.secrets ?? []}>{(kind) => <span class="chip">secrets: {kind}</span>}</For>
        </p>
      </Show>
      <Show when={props.state.error}>
        <ul class="errors" data-testid="plugin-errors-list">
          <For each={props.state.error!.split('\n')}>{(line) => <li>{line}</li>}</For>
        </ul>
      </Show>
    </li>
  );
}

export function PluginsPanel(props: { wb: Workbench }) {
  const ids = createMemo(() => props.wb.plugins().map((p) => p.description.id));
  const stateOf = (id: string) => props.wb.plugins().find((p) => p.description.id === id)!;
  return (
    <section aria-label="Plugins">
      <h2>Plugins</h2>
      <p class="muted">Built-in plugins start on. Plugins from your plugins folder start off: review their permissions, then turn them on.</p>
      <ul class="plugins">
        <For each={ids()}>{(id) => <PluginRow wb={props.wb} state={stateOf(id)} />}</For>
      </ul>
    </section>
  );
}
