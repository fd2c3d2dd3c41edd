import type { Subscription } from 'rxjs';
import { checkDeclared, checkEnginePermission, checkNetworkPermission, checkSecretPermission, checkToolsPermission, checkUserFilePermission, type PluginManifest } from '@sotto/api/manifest';
import { capture, pipeToPort, serveEngineResponse, serveRealtimeConnection, type HostShape } from '@sotto/api/rpc';
import { PluginError } from '@sotto/api';
import type { Contributions } from './contributions.ts';
import type { StreamBus } from './streamBus.ts';
import type { HostLog, RealtimeGateway, ShellGateway } from './services.ts';
import type { SharedSessions } from './sharedSessions.ts';
import type { ToolRouter } from './toolRouter.ts';

export interface HostShapeDeps {
  readonly bus: StreamBus;
  readonly contributions: Contributions;
  readonly gateway: ShellGateway;
  readonly realtime: RealtimeGateway;
  readonly sharedSessions: SharedSessions;
  readonly log: HostLog;
  readonly tools: ToolRouter;
  executeCommand(fullId: string, args: unknown[]): Promise<unknown>;
}

/**
 * The host's side of one plugin's wire (VS Code's MainThread*). Every rule is enforced here, not in the worker:
 * declared ids, network origins, secret kinds, engine access, user files. A plugin that bypasses its runtime gains nothing. Stream
 * subscriptions are added to `streams`, which the caller ends when the worker goes away.
 */
export function createHostShape(manifest: PluginManifest, deps: HostShapeDeps, streams: Subscription): HostShape {
  const refuse = (error: { code: string; message: string }) => {
    deps.log.log(manifest.id, 'warn', error.message);
    return { ok: false as const, error: error as never };
  };
  const toolCalls = new Map<number, AbortController>();
  const gatewayHas = <K extends 'engineInfo' | 'engineFetch' | 'readUserFiles'>(method: K): NonNullable<ShellGateway[K]> => {
    const fn = deps.gateway[method];
    if (!fn) throw new PluginError('E_UNAVAILABLE', `This shell offers plugins no ${method === 'readUserFiles' ? 'user files' : 'engine'}.`);
    return fn.bind(deps.gateway) as NonNullable<ShellGateway[K]>;
  };
  return {
    async $register(kind, id) {
      const error = checkDeclared(manifest, kind, id);
      if (error) return refuse(error);
      deps.contributions.register(manifest.id, kind, id);
      return { ok: true, value: undefined };
    },
    async $unregister(kind, id) {
      deps.contributions.unregister(manifest.id, kind, id);
    },
    async $publish(stream, value) {
      deps.bus.publish(stream, value as never);
    },
    async $subscribe(stream, port) {
      streams.add(pipeToPort(deps.bus.stream(stream), port));
    },
    $executeCommand: (fullId, args) => capture(() => deps.executeCommand(fullId, args)),
    async $mintSecret(kind, session) {
      const error = checkSecretPermission(manifest, kind);
      if (error) return refuse(error);
      return capture(() => deps.gateway.mintClientSecret(manifest.id, kind, session));
    },
    async $fetch(url, init) {
      const error = checkNetworkPermission(manifest, url);
      if (error) return refuse(error);
      return capture(() => deps.gateway.fetch(manifest.id, url, init));
    },
    async $realtimeConnect(options, events, commands) {
      const error = checkSecretPermission(manifest, options.secret.kind);
      if (error) return refuse(error);
      return capture(async () => {
        const connection = await deps.realtime.connect(manifest.id, options);
        if (options.shareAs) deps.sharedSessions.share(options.shareAs, connection);
        streams.add(serveRealtimeConnection(connection, events, commands));
      });
    },
    async $realtimeAttach(name, events, commands) {
      const error = checkSecretPermission(manifest, 'realtime');
      if (error) return refuse(error);
      return capture(() => void streams.add(serveRealtimeConnection(deps.sharedSessions.attach(name), events, commands)));
    },
    async $panelModel(id, model) {
      if (checkDeclared(manifest, 'panels', id)) throw new PluginError('E_NOT_DECLARED', `Panel "${id}" is not declared.`);
      deps.contributions.setPanel(`${manifest.id}.${id}`, model);
    },
    async $log(level, message) {
      deps.log.log(manifest.id, level, message);
    },
    async $engineInfo() {
      const error = checkEnginePermission(manifest);
      if (error) return refuse(error);
      return capture(() => gatewayHas('engineInfo')(manifest.id));
    },
    async $engineFetch(request, port) {
      const error = checkEnginePermission(manifest);
      if (error) {
        port.close();
        return refuse(error);
      }
      streams.add(serveEngineResponse(async (signal) => gatewayHas('engineFetch')(manifest.id, request, signal), port));
      return { ok: true, value: undefined };
    },
    async $listTools() {
      const error = checkToolsPermission(manifest);
      if (error) return refuse(error);
      return { ok: true, value: deps.tools.list() };
    },
    async $invokeTool(name, input, timeoutMs, callId) {
      const error = checkToolsPermission(manifest);
      if (error) return refuse(error);
      const abort = new AbortController();
      toolCalls.set(callId, abort);
      try {
        return await capture(() => deps.tools.invoke(name, input, { timeoutMs, signal: abort.signal }));
      } finally {
        toolCalls.delete(callId);
      }
    },
    async $cancelTool(callId) {
      toolCalls.get(callId)?.abort();
    },
    async $readUserFiles(key) {
      const error = checkUserFilePermission(manifest, key);
      if (error) return refuse(error);
      return capture(() => gatewayHas('readUserFiles')(manifest.id, key));
    },
  };
}
