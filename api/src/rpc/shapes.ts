import type { Result } from '../common/errors.ts';
import type { RegistrationKind } from '../manifest/declared.ts';
import type { PluginManifest, SecretKind } from '../manifest/types.ts';
import type { StreamName } from '../model/call.ts';
import type { PanelModel } from '../model/panel.ts';
import type { ClientSecret, EngineInfo, EngineRequest, NetRequest, NetResponse, SettingChange, ToolInfo, UserFile } from '../model/services.ts';
import type { RealtimeConnectOptions } from '../model/realtime.ts';

export type LogLevel = 'info' | 'warn' | 'error';

/**
 * What the host offers a plugin worker (VS Code's MainThread* side). Methods are `$`-prefixed wire calls;
 * plugin authors never see them: the runtime wraps them into the typed `SottoApi`.
 */
export interface HostShape {
  $register(kind: RegistrationKind, id: string): Promise<Result<void>>;
  $unregister(kind: RegistrationKind, id: string): Promise<void>;
  $publish(stream: StreamName, value: unknown): Promise<void>;
  /** Events of the stream are posted on `port` until it is closed. */
  $subscribe(stream: StreamName, port: MessagePort): Promise<void>;
  $executeCommand(fullId: string, args: unknown[]): Promise<Result<unknown>>;
  $mintSecret(kind: SecretKind, session: Record<string, unknown> | undefined): Promise<Result<ClientSecret>>;
  $fetch(url: string, init: NetRequest | undefined): Promise<Result<NetResponse>>;
  $panelModel(id: string, model: PanelModel): Promise<void>;
  /**
   * Opens a Realtime session. Server events and state changes (`{event}` / `{state}`) are posted on `events`
   * until the plugin unsubscribes from it, which closes the session; client events arrive on `commands`.
   */
  $realtimeConnect(options: RealtimeConnectOptions, events: MessagePort, commands: MessagePort): Promise<Result<void>>;
  /** Like `$realtimeConnect`, for a session another plugin shared by name; letting go does not close it. */
  $realtimeAttach(name: string, events: MessagePort, commands: MessagePort): Promise<Result<void>>;
  $log(level: LogLevel, message: string): Promise<void>;
  $engineInfo(): Promise<Result<EngineInfo>>;
  /**
   * Sends `request` to the current engine; the shell adds the key. The response's head and then its body chunks
   * (`EngineChunk`) are posted on `port` as a port stream; unsubscribing from the port aborts the request.
   */
  $engineFetch(request: EngineRequest, port: MessagePort): Promise<Result<void>>;
  /** Assistant tools of the enabled plugins (needs permissions.tools). */
  $listTools(): Promise<Result<ToolInfo[]>>;
  /** Runs another plugin's tool; the host validates `input` against its inputSchema. Cancel with `$cancelTool(callId)`. */
  $invokeTool(name: string, input: unknown, timeoutMs: number | undefined, callId: number): Promise<Result<unknown>>;
  $cancelTool(callId: number): Promise<void>;
  /** Reads the files the user named in setting `key` (a path, a folder or a list; listed in permissions.userFiles). */
  $readUserFiles(key: string): Promise<Result<UserFile[]>>;
}

export interface PluginInit {
  readonly manifest: PluginManifest;
  readonly apiVersion: string;
  /** Effective settings: the user's values over the schema defaults. */
  readonly settings: Record<string, unknown>;
}

/** What a plugin worker offers the host (VS Code's ExtHost* side). */
export interface PluginShape {
  $activate(init: PluginInit, host: HostShape): Promise<Result<void>>;
  $deactivate(): Promise<Result<void>>;
  /** Calls `method` of the provider registered as kind/id. Cancel with `$cancel(callId)`. */
  $invoke(kind: RegistrationKind, id: string, method: string, args: unknown[], callId: number): Promise<Result<unknown>>;
  $cancel(callId: number): Promise<void>;
  $settingsChanged(changes: SettingChange[]): Promise<void>;
  $ping(): Promise<true>;
}
