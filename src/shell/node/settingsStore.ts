import type { SettingsSnapshot } from '../common/bridge.ts';

/** Where the shell persists settings: electron-store in Electron, conf (the same library underneath) in the web shell. */
export interface SettingsStore {
  read(): SettingsSnapshot;
  write(next: SettingsSnapshot): void;
  readonly path: string;
}

/** The slice of conf / electron-store that Sotto uses; both implement it. */
export interface ConfLike {
  get(key: 'enabled'): Record<string, boolean> | undefined;
  get(key: 'values'): Record<string, Record<string, unknown>> | undefined;
  set(key: 'enabled' | 'values', value: unknown): void;
  readonly path: string;
}

export class ConfSettingsStore implements SettingsStore {
  constructor(private readonly conf: ConfLike) {}

  get path(): string {
    return this.conf.path;
  }

  read(): SettingsSnapshot {
    return { enabled: this.conf.get('enabled') ?? {}, values: this.conf.get('values') ?? {} };
  }

  write(next: SettingsSnapshot): void {
    this.conf.set('enabled', next.enabled);
    this.conf.set('values', next.values);
  }
}
