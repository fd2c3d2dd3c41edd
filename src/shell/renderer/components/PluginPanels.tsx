import { createMemo, For } from 'solid-js';
import type { PanelContribution } from '@sotto/api';
import type { Workbench } from '../state/workbench.ts';
import { PluginPanelView } from '../panels/PluginPanelView.tsx';

export interface PanelSlot {
  readonly pluginId: string;
  readonly panel: PanelContribution;
}

/** Panels declared by enabled plugins, known from their manifests before any plugin code runs. */
export function panelSlots(wb: Workbench, location: 'side' | 'main'): PanelSlot[] {
  return wb.plugins().flatMap((state) =>
    state.enabled && state.description.manifest ? (state.description.manifest.contributes?.panels ?? []).filter((p) => (p.location ?? 'side') === location).map((panel) => ({ pluginId: state.description.id, panel })) : [],
  );
}

export function PluginPanel(props: { wb: Workbench; slot: PanelSlot }) {
  void props.wb.host.activateByEvent(`onPanel:${props.slot.panel.id}`);
  return <PluginPanelView wb={props.wb} pluginId={props.slot.pluginId} panelId={props.slot.panel.id} title={props.slot.panel.title} model={props.wb.panels().get(`${props.slot.pluginId}.${props.slot.panel.id}`)} />;
}

export function SidePanels(props: { wb: Workbench }) {
  const slots = createMemo(() => panelSlots(props.wb, 'side'));
  return (
    <aside class="side" aria-label="Plugin panels">
      <For each={slots()} fallback={<p class="muted">Plugins can add panels here.</p>}>
        {(slot) => <PluginPanel wb={props.wb} slot={slot} />}
      </For>
    </aside>
  );
}
