import { Subject } from 'rxjs';
import type { HostSettings, SettingValueChange } from './services.ts';

/** Settings held in memory: for headless runs and tests, or as a cache in front of the shell's store. */
export class MemorySettings implements HostSettings {
  readonly changes$ = new Subject<SettingValueChange>();
  private readonly enabled = new Map<string, boolean>();
  private readonly stored = new Map<string, Record<string, unknown>>();

  constructor(initial: { enabled?: Record<string, boolean>; values?: Record<string, Record<string, unknown>> } = {}) {
    for (const [id, on] of Object.entries(initial.enabled ?? {})) this.enabled.set(id, on);
    for (const [id, values] of Object.entries(initial.values ?? {})) this.stored.set(id, { ...values });
  }

  isEnabled(pluginId: string): boolean | undefined {
    return this.enabled.get(pluginId);
  }

  async setEnabled(pluginId: string, enabled: boolean): Promise<void> {
    this.enabled.set(pluginId, enabled);
  }

  values(pluginId: string): Record<string, unknown> {
    return { ...this.stored.get(pluginId) };
  }

  set(pluginId: string, key: string, value: unknown): void {
    this.stored.set(pluginId, { ...this.stored.get(pluginId), [key]: value });
    this.changes$.next({ pluginId, key, value });
  }
}
