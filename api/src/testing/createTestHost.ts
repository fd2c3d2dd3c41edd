import { BehaviorSubject, Subject } from 'rxjs';
import { unwrap, type ErrorDto, type Result } from '../common/errors.ts';
import type { RegistrationKind } from '../manifest/declared.ts';
import { checkDeclared } from '../manifest/declared.ts';
import { checkEnginePermission, checkNetworkPermission, checkSecretPermission, checkToolsPermission, checkUserFilePermission } from '../manifest/permissions.ts';
import { effectiveSettings } from '../manifest/settings.ts';
import type { PluginManifest, SecretKind } from '../manifest/types.ts';
import { streamNames, type StreamName, type StreamTypes } from '../model/call.ts';
import type { PanelModel } from '../model/panel.ts';
import type { ClientSecret, EngineInfo, EngineRequest, NetRequest, NetResponse } from '../model/services.ts';
import { replyOf, serveEngineResponse } from '../rpc/engineWire.ts';
import type { PluginModule } from '../plugin.ts';
import { pipeToPort } from '../rpc/portStream.ts';
import type { HostShape, LogLevel } from '../rpc/shapes.ts';
import { serveRealtimeConnection, type HostRealtimeConnection } from '../rpc/realtimeWire.ts';
import type { RealtimeConnectOptions } from '../model/realtime.ts';
import { createPluginShape } from '../runtime/pluginShape.ts';
import { API_VERSION } from '../version.ts';

export interface TestHostOptions {
  /** The plugin's package.json (import it with `with { type: 'json' }`). */
  readonly manifest: PluginManifest;
  readonly settings?: Record<string, unknown>;
  /** Answers `api.net.fetch` for declared origins; undeclared origins are refused as the real host does. */
  readonly fetch?: (url: string, init?: NetRequest) => Promise<NetResponse>;
  /** Answers `api.secrets.mintClientSecret` for declared kinds. */
  readonly mintSecret?: (kind: SecretKind, session?: Record<string, unknown>) => Promise<ClientSecret>;
  /** Answers `api.realtime.connect`, e.g. with a WebSocket to `sotto local`. */
  readonly realtime?: (options: RealtimeConnectOptions) => Promise<HostRealtimeConnection>;
  /** Answers `api.engine`, e.g. `{ kind: 'local', baseURL: local.url }`: requests go there with the global fetch. */
  readonly engine?: EngineInfo;
  /** Contents of user files by setting key, for `api.files.read` (keys must be listed in permissions.userFiles). */
  readonly userFiles?: Readonly<Record<string, string>>;
}

export interface TestHost {
  /** Everything published on each stream, by any plugin or by the test. */
  readonly published: { readonly [K in StreamName]: StreamTypes[K][] };
  readonly logs: { level: LogLevel; message: string }[];
  /** `kind:id` of every live registration. */
  readonly registrations: ReadonlySet<string>;
  activate(): Promise<void>;
  deactivate(): Promise<void>;
  publish<K extends StreamName>(stream: K, value: StreamTypes[K]): void;
  executeCommand<T = unknown>(id: string, ...args: unknown[]): Promise<T>;
  invokeTool<T = unknown>(name: string, input: unknown): Promise<T>;
  invoke<T = unknown>(kind: RegistrationKind, id: string, method: string, ...args: unknown[]): Promise<T>;
  cancel(callId: number): Promise<void>;
  /** The latest model of a panel, or undefined before the plugin shows one. */
  panel(id: string): PanelModel | undefined;
  setSetting(key: string, value: unknown): Promise<void>;
}

/**
 * Runs a plugin in-process against an in-memory host with the real runtime and the real declaration and
 * permission rules, so plugin authors can unit test without workers or a workbench.
 */
export function createTestHost(plugin: PluginModule, options: TestHostOptions): TestHost {
  const { manifest } = options;
  const shape = createPluginShape(plugin);
  const subjects = Object.fromEntries(streamNames.map((name) => [name, new Subject<unknown>()])) as Record<StreamName, Subject<unknown>>;
  const published = Object.fromEntries(streamNames.map((name) => [name, [] as unknown[]])) as unknown as TestHost['published'];
  const panels = new Map<string, BehaviorSubject<PanelModel>>();
  const registrations = new Set<string>();
  const logs: TestHost['logs'] = [];
  let nextCallId = 1;
  const refused = (error: ErrorDto | undefined): Result<never> | undefined => (error ? { ok: false, error } : undefined);

  const publish = (stream: StreamName, value: unknown) => {
    (published[stream] as unknown[]).push(value);
    subjects[stream].next(value);
  };
  const invoke = async <T>(kind: RegistrationKind, id: string, method: string, ...args: unknown[]) =>
    unwrap(await shape.$invoke(kind, id, method, args, nextCallId++)) as T;

  const host: HostShape = {
    async $register(kind, id) {
      const error = checkDeclared(manifest, kind, id);
      if (error) return { ok: false, error };
      registrations.add(`${kind}:${id}`);
      return { ok: true, value: undefined };
    },
    async $unregister(kind, id) {
      registrations.delete(`${kind}:${id}`);
    },
    async $publish(stream, value) {
      publish(stream, value);
    },
    async $subscribe(stream, port) {
      pipeToPort(subjects[stream], port);
    },
    async $executeCommand(fullId, args) {
      const prefix = `${manifest.id}.`;
      if (!fullId.startsWith(prefix)) return { ok: false, error: { code: 'E_NOT_FOUND', message: `The test host knows only ${manifest.id}'s commands, not "${fullId}".` } };
      return shape.$invoke('commands', fullId.slice(prefix.length), 'run', args, nextCallId++);
    },
    async $mintSecret(kind, session) {
      const denied = refused(checkSecretPermission(manifest, kind));
      if (denied) return denied;
      if (!options.mintSecret) return { ok: false, error: { code: 'E_UNAVAILABLE', message: 'This test host was given no mintSecret option.' } };
      return { ok: true, value: await options.mintSecret(kind, session) };
    },
    async $fetch(url, init) {
      const denied = refused(checkNetworkPermission(manifest, url));
      if (denied) return denied;
      if (!options.fetch) return { ok: false, error: { code: 'E_UNAVAILABLE', message: 'This test host was given no fetch option.' } };
      return { ok: true, value: await options.fetch(url, init) };
    },
    async $realtimeConnect(connectOptions, events, commands) {
      const denied = refused(checkSecretPermission(manifest, connectOptions.secret.kind));
      if (denied) return denied;
      if (!options.realtime) return { ok: false, error: { code: 'E_UNAVAILABLE', message: 'This test host was given no realtime option.' } };
      serveRealtimeConnection(await options.realtime(connectOptions), events, commands);
      return { ok: true, value: undefined };
    },
    async $realtimeAttach() {
      return { ok: false, error: { code: 'E_UNAVAILABLE', message: 'The test host shares no Realtime sessions; use the realtime option with connect.' } };
    },
    async $engineInfo() {
      const denied = refused(checkEnginePermission(manifest));
      if (denied) return denied;
      if (!options.engine) return { ok: false, error: { code: 'E_UNAVAILABLE', message: 'This test host was given no engine option.' } };
      return { ok: true, value: options.engine };
    },
    async $engineFetch(request: EngineRequest, port) {
      const denied = refused(checkEnginePermission(manifest));
      if (denied || !options.engine) {
        port.close();
        return denied ?? { ok: false, error: { code: 'E_UNAVAILABLE', message: 'This test host was given no engine option.' } };
      }
      const url = options.engine.baseURL + request.path;
      serveEngineResponse(async (signal) => replyOf(await fetch(url, { method: request.method, headers: request.headers, body: request.body as BodyInit | undefined, signal })), port);
      return { ok: true, value: undefined };
    },
    async $listTools() {
      const denied = refused(checkToolsPermission(manifest));
      if (denied) return denied;
      return { ok: true, value: (manifest.contributes?.assistantTools ?? []).map((tool) => ({ pluginId: manifest.id, ...tool })) };
    },
    async $invokeTool(name, input, _timeoutMs, callId) {
      const denied = refused(checkToolsPermission(manifest));
      if (denied) return denied;
      // Negative ids keep the plugin's own tool calls apart from the test's calls.
      return shape.$invoke('assistantTools', name, 'invoke', [input], -callId);
    },
    async $cancelTool(callId) {
      await shape.$cancel(-callId);
    },
    async $readUserFiles(key) {
      const denied = refused(checkUserFilePermission(manifest, key));
      if (denied) return denied;
      const text = options.userFiles?.[key];
      if (text === undefined) return { ok: false, error: { code: 'E_NOT_FOUND', message: `This test host has no user file for setting "${key}".` } };
      const path = String(effectiveSettings(manifest, options.settings)[key] ?? key);
      return { ok: true, value: [{ path, name: path.split(/[\\/]/).pop() ?? path, text }] };
    },
    async $panelModel(id, model) {
      const subject = panels.get(id) ?? new BehaviorSubject(model);
      panels.set(id, subject);
      subject.next(model);
    },
    async $log(level, message) {
      logs.push({ level, message });
    },
  };

  return {
    published,
    logs,
    registrations,
    async activate() {
      const init = { manifest, apiVersion: API_VERSION, settings: effectiveSettings(manifest, options.settings) };
      unwrap(await shape.$activate(init, host));
    },
    async deactivate() {
      unwrap(await shape.$deactivate());
    },
    publish,
    executeCommand: (id, ...args) => invoke('commands', id, 'run', ...args),
    invokeTool: (name, input) => invoke('assistantTools', name, 'invoke', input),
    invoke,
    cancel: (callId) => shape.$cancel(callId),
    panel: (id) => panels.get(id)?.value,
    setSetting: (key, value) => shape.$settingsChanged([{ key, value }]),
  };
}
