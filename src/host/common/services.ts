import type { Endpoint } from 'comlink';
import type { Observable } from 'rxjs';
import type { ClientSecret, EngineInfo, EngineRequest, NetRequest, NetResponse, RealtimeConnectOptions, SecretKind, UserFile } from '@sotto/api';
import type { EngineReply, HostRealtimeConnection } from '@sotto/api/rpc';
import type { PluginDescription } from './pluginDescription.ts';

/** A started plugin worker: its message endpoint, a way to kill it, and a signal when it dies on its own. */
export interface LaunchedWorker {
  readonly endpoint: Endpoint;
  terminate(): void;
  /** Called once when the worker crashes or exits unexpectedly. */
  onExit(listener: (reason: string) => void): void;
}

/** Starts a worker for a plugin: Web Workers in browsers, worker_threads in Node. */
export interface WorkerLauncher {
  launch(description: PluginDescription): Promise<LaunchedWorker>;
}

export interface SettingValueChange {
  readonly pluginId: string;
  readonly key: string;
  readonly value: unknown;
}

/** The host's view of persisted settings; the shell owns the storage. */
export interface HostSettings {
  /** The persisted choice, or undefined when the user never toggled the plugin. */
  isEnabled(pluginId: string): boolean | undefined;
  setEnabled(pluginId: string, enabled: boolean): Promise<void>;
  values(pluginId: string): Record<string, unknown>;
  readonly changes$: Observable<SettingValueChange>;
}

/** Privileged services the shell hands the host. The host checks permissions before calling them. */
export interface ShellGateway {
  mintClientSecret(pluginId: string, kind: SecretKind, session: Record<string, unknown> | undefined): Promise<ClientSecret>;
  fetch(pluginId: string, url: string, init: NetRequest | undefined): Promise<NetResponse>;
  /** Absent when the shell has no engine for plugins (the host then answers E_UNAVAILABLE). */
  engineInfo?(pluginId: string): Promise<EngineInfo>;
  /** Sends a plugin's request to the current engine with the key added; the body streams. */
  engineFetch?(pluginId: string, request: EngineRequest, signal: AbortSignal): Promise<EngineReply>;
  /** Reads the files at the path(s) the user set in the plugin's setting `key`. */
  readUserFiles?(pluginId: string, key: string): Promise<UserFile[]>;
}

/** Opens Realtime sessions for plugins: WebRTC with the captured track in a page, WebSocket in Node. */
export interface RealtimeGateway {
  connect(pluginId: string, options: RealtimeConnectOptions): Promise<HostRealtimeConnection>;
}

export interface HostLog {
  log(pluginId: string, level: 'info' | 'warn' | 'error', message: string): void;
}

export interface SupervisionPolicy {
  /** Longest a call into a worker may take before it is rejected with E_TIMEOUT. */
  readonly callTimeoutMs: number;
  readonly activationTimeoutMs: number;
  /** How often the host pings each worker, and how long an unanswered ping may wait before the worker counts as hung. */
  readonly heartbeatMs: number;
  readonly unresponsiveMs: number;
  /** Restarts allowed after crashes or hangs before the plugin is marked failed; delays double from the first. */
  readonly maxRestarts: number;
  readonly restartDelayMs: number;
}

export const defaultSupervisionPolicy: SupervisionPolicy = {
  callTimeoutMs: 10_000,
  activationTimeoutMs: 10_000,
  heartbeatMs: 1_000,
  unresponsiveMs: 3_000,
  maxRestarts: 3,
  restartDelayMs: 250,
};

export const tokens = {
  WorkerLauncher: Symbol('WorkerLauncher'),
  HostSettings: Symbol('HostSettings'),
  ShellGateway: Symbol('ShellGateway'),
  HostLog: Symbol('HostLog'),
  SupervisionPolicy: Symbol('SupervisionPolicy'),
  Catalog: Symbol('Catalog'),
  RealtimeGateway: Symbol('RealtimeGateway'),
} as const;
