import { For, Match, Show, Switch } from 'solid-js';
import type { PanelAction, PanelModel } from '@sotto/api';
import type { Workbench } from '../state/workbench.ts';

/** Renders a plugin's declarative panel model. Plugin text is shown as text, never as HTML. */
export function PluginPanelView(props: { wb: Workbench; pluginId: string; panelId: string; title: string; model: PanelModel | undefined }) {
  const act = (action: PanelAction, payload?: unknown) =>
    props.wb.host.invoke(props.pluginId, 'panels', props.panelId, 'onAction', [action.id, payload]).catch((e: Error) => props.wb.notify('error', `${props.title}: ${e.message}`));
  const actions = (list: readonly PanelAction[] | undefined, payload?: unknown) => (
    <For each={list ?? []}>{(action) => <button onClick={() => void act(action, payload)}>{action.title}</button>}</For>
  );
  return (
    <section class="plugin-panel card" aria-label={props.title} data-testid={`panel-${props.pluginId}.${props.panelId}`}>
      <h3>{props.title}</h3>
      <Show when={props.model} fallback={<p class="muted">Waiting for the plugin…</p>}>
        {(model) => (
          <Switch>
            <Match when={model().kind === 'empty' && model()}>{(m) => <p class="muted">{(m() as { message: string }).message}</p>}</Match>
            <Match when={model().kind === 'markdown' && (model() as Extract<PanelModel, { kind: 'markdown' }>)}>
              {(m) => (
                <>
                  <p class="markdown">{m().text}</p>
                  {actions(m().actions)}
                </>
              )}
            </Match>
            <Match when={model().kind === 'list' && (model() as Extract<PanelModel, { kind: 'list' }>)}>
              {(m) => (
                <ul>
                  <For each={m().items}>
                    {(item) => (
                      <li>
                        <strong>{item.title}</strong> <span class="muted">{item.detail}</span> {actions(item.actions, item.id)}
                      </li>
                    )}
                  </For>
                </ul>
              )}
            </Match>
            <Match when={model().kind === 'keyValue' && (model() as Extract<PanelModel, { kind: 'keyValue' }>)}>
              {(m) => (
                <dl>
                  <For each={m().rows}>
                    {([key, value]) => (
                      <>
                        <dt>{key}</dt>
                        <dd>{value}</dd>
                      </>
                    )}
                  </For>
                </dl>
              )}
            </Match>
          </Switch>
        )}
      </Show>
    </section>
  );
}
