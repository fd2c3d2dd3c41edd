import { createMemo, For, Match, Switch } from 'solid-js';
import { CommandPalette } from './components/CommandPalette.tsx';
import { PluginPanel, panelSlots, SidePanels } from './components/PluginPanels.tsx';
import { StatusBar } from './components/StatusBar.tsx';
import { Toasts } from './components/Toasts.tsx';
import { AssistantPanel } from './panels/AssistantPanel.tsx';
import { PluginsPanel } from './panels/PluginsPanel.tsx';
import { RepliesPanel } from './panels/RepliesPanel.tsx';
import { TranscriptPanel } from './panels/TranscriptPanel.tsx';
import { SettingsPanel } from './settings/SettingsPanel.tsx';
import { workbenchTabs } from './state/commands.ts';
import type { Workbench } from './state/workbench.ts';

export function App(props: { wb: Workbench }) {
  const mainSlots = createMemo(() => panelSlots(props.wb, 'main'));
  const tabs = createMemo(() => [...workbenchTabs, ...mainSlots().map((s) => ({ id: `${s.pluginId}.${s.panel.id}`, title: s.panel.title }))]);
  return (
    <div class="workbench" data-ready="true">
      <header>
        <h1>Sotto</h1>
        <nav role="tablist" aria-label="Views">
          <For each={tabs()}>
            {(tab) => (
              <button role="tab" aria-selected={props.wb.activeTab() === tab.id} onClick={() => props.wb.showTab(tab.id)}>
                {tab.title}
              </button>
            )}
          </For>
        </nav>
      </header>
      <div class="body">
        <main>
          <Switch fallback={<For each={mainSlots().filter((s) => `${s.pluginId}.${s.panel.id}` === props.wb.activeTab())}>{(slot) => <PluginPanel wb={props.wb} slot={slot} />}</For>}>
            <Match when={props.wb.activeTab() === 'transcript'}>
              <TranscriptPanel wb={props.wb} />
            </Match>
            <Match when={props.wb.activeTab() === 'replies'}>
              <RepliesPanel wb={props.wb} />
            </Match>
            <Match when={props.wb.activeTab() === 'assistant'}>
              <AssistantPanel wb={props.wb} />
            </Match>
            <Match when={props.wb.activeTab() === 'plugins'}>
              <PluginsPanel wb={props.wb} />
            </Match>
            <Match when={props.wb.activeTab() === 'settings'}>
              <SettingsPanel wb={props.wb} />
            </Match>
          </Switch>
        </main>
        <SidePanels wb={props.wb} />
      </div>
      <StatusBar wb={props.wb} />
      <CommandPalette wb={props.wb} />
      <Toasts wb={props.wb} />
    </div>
  );
}
