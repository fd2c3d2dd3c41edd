import { For, Show } from 'solid-js';
import { effectiveSettings } from '@sotto/api/manifest';
import type { Workbench } from '../state/workbench.ts';
import { ApiKeyForm } from './ApiKeyForm.tsx';
import { SettingField } from './SettingField.tsx';

/** Settings generated from each plugin's configuration schema; nothing here is written by hand per plugin. */
export function SettingsPanel(props: { wb: Workbench }) {
  const configurable = () => props.wb.plugins().filter((p) => p.description.manifest?.contributes?.configuration);
  return (
    <section aria-label="Settings">
      <h2>Settings</h2>
      <ApiKeyForm wb={props.wb} />
      <For each={configurable()}>
        {(state) => {
          const manifest = state.description.manifest!;
          const values = () => effectiveSettings(manifest, props.wb.settingsSnapshot().values[manifest.id]);
          return (
            <fieldset class="card" aria-label={`${state.description.displayName} settings`}>
              <legend>{manifest.contributes!.configuration!.title ?? state.description.displayName}</legend>
              <Show when={!state.enabled}>
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
