import { createMemo, For, Show } from 'solid-js';
import { effectiveSettings } from '@sotto/api/manifest';
import type { Workbench } from '../state/workbench.ts';
import { ApiKeyForm } from './ApiKeyForm.tsx';
import { SettingField } from './SettingField.tsx';

/** Settings generated from each plugin's configuration schema; nothing here is written by hand per plugin. */
export function SettingsPanel(props: { wb: Workbench }) {
  // Keyed by id, so a plugin's state changing (starting, restarting) does not rebuild its fields mid-edit.
  const configurable = createMemo(() => props.wb.plugins().filter((p) => p.description.manifest?.contributes?.configuration).map((p) => p.description.id));
  const stateOf = (id: string) => props.wb.plugins().find((p) => p.description.id === id)!;
  return (
    <section aria-label="Settings">
      <h2>Settings</h2>
      <ApiKeyForm wb={props.wb} />
      <For each={configurable()}>
        {(id) => {
          const state = () => stateOf(id);
          const manifest = state().description.manifest!;
          const values = () => effectiveSettings(manifest, props.wb.settingsSnapshot().values[manifest.id]);
          return (
            <fieldset class="card" aria-label={`${state().description.displayName} settings`}>
              <legend>{manifest.contributes!.configuration!.title ?? state().description.displayName}</legend>
              <Show when={!state().enabled}>
                <p class="muted">This plugin is off; its settings apply when you turn it on.</p>
              </Show>
              <For each={Object.entries(manifest.contributes!.configuration!.properties)}>
                {([key, schema]) => <SettingField pluginId={manifest.id} settingKey={key} schema={schema} value={values()[key]} save={(value) => props.wb.settings.set(manifest.id, key, value)} />}
              </For>
            </fieldset>
          );
        }}
      </For>
    </section>
  );
}
