import type { PluginManifest } from '@sotto/api/manifest';

/** A discovered plugin after validation (Theia's "normalised" form), as the host and the workbench see it. */
export interface PluginDescription {
  readonly id: string;
  readonly version: string;
  readonly displayName: string;
  readonly description: string;
  readonly builtin: boolean;
  /** Folder of the plugin on disk. */
  readonly location: string;
  /** The validated manifest; absent when the package.json could not be read or is not an object. */
  readonly manifest?: PluginManifest;
  /** Problems found before any code ran. A plugin with errors is shown but never started. */
  readonly errors: readonly string[];
  /** Where its worker bundle is loaded from (a URL in browsers, a file path in Node). */
  readonly bundle?: string;
}

/** `inactive`: enabled, waiting for one of its activation events. */
export type PluginStatus = 'invalid' | 'disabled' | 'inactive' | 'starting' | 'active' | 'restarting' | 'failed';

export interface PluginState {
  readonly description: PluginDescription;
  readonly enabled: boolean;
  readonly status: PluginStatus;
  /** Why it failed, or what the last restart was for. */
  readonly error?: string;
  readonly restarts: number;
}
