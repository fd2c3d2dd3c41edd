import type { CommandEntry, Workbench } from './workbench.ts';

export const workbenchTabs = [
  { id: 'transcript', title: 'Transcript' },
  { id: 'replies', title: 'Replies' },
  { id: 'assistant', title: 'Assistant' },
  { id: 'plugins', title: 'Plugins' },
  { id: 'settings', title: 'Settings' },
] as const;

/** Everything the command palette offers: the workbench's own views and the commands of enabled plugins. */
export function listCommands(wb: Workbench): CommandEntry[] {
  const views: CommandEntry[] = workbenchTabs.map((tab) => ({ id: `workbench.show.${tab.id}`, title: `Show ${tab.title}`, category: 'View', run: () => wb.showTab(tab.id) }));
  const contributed = wb.plugins().flatMap((state) =>
    state.enabled && state.description.manifest
      ? (state.description.manifest.contributes?.commands ?? []).map((command) => ({
          id: `${state.description.id}.${command.id}`,
          title: command.title,
          category: command.category ?? state.description.displayName,
          keybinding: command.keybinding,
          run: () => runPluginCommand(wb, `${state.description.id}.${command.id}`, command.title),
        }))
      : [],
  );
  return [...views, ...contributed];
}

async function runPluginCommand(wb: Workbench, id: string, title: string): Promise<void> {
  try {
    const result = await wb.host.executeCommand(id);
    wb.notify('info', result === undefined ? `${title}: done` : `${title}: ${typeof result === 'string' ? result : JSON.stringify(result)}`);
  } catch (error) {
    wb.notify('error', `${title} failed: ${(error as Error).message}`);
  }
}
