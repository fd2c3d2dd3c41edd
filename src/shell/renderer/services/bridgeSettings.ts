import { Subject } from 'rxjs';
import type { HostSettings, SettingValueChange } from '../../../host/common/services.ts';
import type { Bridge, SettingsSnapshot } from '../../common/bridge.ts';

/** The host's settings in the page: a snapshot from the shell, written through to it, with changes announced. */
export class BridgeSettings implements HostSettings {
  readonly changes$ = new Subject<SettingValueChange>();
  readonly snapshot$ = new Subject<SettingsSnapshot>();

  constructor(
    private readonly bridge: Bridge,
    private snapshot: SettingsSnapshot,
  ) {}

  current(): SettingsSnapshot {
    return this.snapshot;
  }

  isEnabled(pluginId: string): boolean | undefined {
    return this.snapshot.enabled[pluginId];
  }

  async setEnabled(pluginId: string, enabled: boolean): Promise<void> {
    this.update(await this.bridge.setPluginEnabled({ id: pluginId, enabled }));
  }

  values(pluginId: string): Record<string, unknown> {
    return { ...this.snapshot.values[pluginId] };
  }

  /** Persists a value; the shell validates it against the plugin's schema and refuses bad input with a reason. */
  async set(pluginId: string, key: string, value: unknown): Promise<void> {
    this.update(await this.bridge.setSetting({ pluginId, key, value }));
    this.changes$.next({ pluginId, key, value });
  }

  private update(next: SettingsSnapshot): void {
    this.snapshot = next;
    this.snapshot$.next(next);
  }
}
