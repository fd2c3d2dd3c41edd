import { BehaviorSubject, Subscription, combineLatest, map, type Observable } from 'rxjs';
import { inject, injectable } from 'tsyringe';
import { transfer } from 'comlink';
import { PluginError, type SettingChange } from '@sotto/api';
import { declaredIds, type RegistrationKind, effectiveSettings, API_VERSION } from '@sotto/api/manifest';
import { Contributions } from './contributions.ts';
import { createHostShape } from './hostShape.ts';
import type { PluginDescription, PluginState } from './pluginDescription.ts';
import { StreamBus } from './streamBus.ts';
import { SharedSessions } from './sharedSessions.ts';
import { tokens, type HostLog, type HostSettings, type RealtimeGateway, type ShellGateway, type SupervisionPolicy, type WorkerLauncher } from './services.ts';
import { WorkerConnection } from './workerConnection.ts';
import { ToolRouter } from './toolRouter.ts';

export interface InvokeOptions {
  readonly timeoutMs?: number;
  /** Transferables that travel with the call (audio ports, buffers). */
  readonly transfer?: Transferable[];
}

/**
 * Runs the enabled plugins, each in its own supervised worker, and routes calls to their contributions.
 * It knows nothing of the shell: storage, secrets and network arrive as services.
 */
@injectable()
export class PluginHost {
  readonly bus = new StreamBus();
  readonly contributions = new Contributions();
  private readonly sharedSessions = new SharedSessions();
  private readonly connections = new Map<string, WorkerConnection>();
  private readonly starting = new Map<string, Promise<void>>();
  private readonly connectionStates$ = new BehaviorSubject<ReadonlyMap<string, WorkerConnection['state$']['value']>>(new Map());
  private readonly enabled$ = new BehaviorSubject<ReadonlyMap<string, boolean>>(new Map());
  private readonly subscriptions = new Subscription();
  private nextCallId = 1;

  readonly plugins$: Observable<readonly PluginState[]>;
  /** Assistant tools of the enabled plugins, validated and run with a deadline. */
  readonly tools: ToolRouter;

  constructor(
    @inject(tokens.Catalog) private readonly catalog: readonly PluginDescription[],
    @inject(tokens.WorkerLauncher) private readonly launcher: WorkerLauncher,
    @inject(tokens.HostSettings) private readonly settings: HostSettings,
    @inject(tokens.ShellGateway) private readonly gateway: ShellGateway,
    @inject(tokens.HostLog) private readonly log: HostLog,
    @inject(tokens.SupervisionPolicy) private readonly policy: SupervisionPolicy,
    @inject(tokens.RealtimeGateway) private readonly realtime: RealtimeGateway,
  ) {
    this.enabled$.next(new Map(catalog.map((d) => [d.id, this.defaultEnabled(d)])));
    this.tools = new ToolRouter(catalog, (id) => this.isEnabled(id), (pluginId, name, input, options) => this.invoke(pluginId, 'assistantTools', name, 'invoke', [input], options));
    this.plugins$ = combineLatest([this.enabled$, this.connectionStates$]).pipe(map(([enabled, states]) => this.catalog.map((d) => this.stateOf(d, enabled, states))));
    this.subscriptions.add(this.settings.changes$.subscribe((change) => this.forwardSetting(change.pluginId, { key: change.key, value: change.value })));
  }

  get descriptions(): readonly PluginDescription[] {
    return this.catalog;
  }

  /** Activates the enabled plugins that ask to start with the workbench. */
  async start(): Promise<void> {
    await this.activateByEvent('onStartup');
  }

  /** Activates every enabled plugin listening for `event` (`*` listens for all). */
  async activateByEvent(event: string): Promise<void> {
    const wanted = this.catalog.filter((d) => d.manifest?.activationEvents?.some((e) => e === event || e === '*'));
    await Promise.all(wanted.filter((d) => this.isEnabled(d.id)).map((d) => this.ensureActive(d.id).catch(() => {})));
  }

  isEnabled(id: string): boolean {
    return this.enabled$.value.get(id) ?? false;
  }

  async setEnabled(id: string, enabled: boolean): Promise<void> {
    const description = this.describe(id);
    await this.settings.setEnabled(id, enabled);
    this.enabled$.next(new Map(this.enabled$.value).set(id, enabled));
    if (!enabled) return this.stopPlugin(id);
    if (description.manifest?.activationEvents?.some((e) => e === 'onStartup' || e === '*')) await this.ensureActive(id);
  }

  /** Starts the plugin's worker if it is not running; resolves once it is active (or throws why not). */
  async ensureActive(id: string): Promise<void> {
    const description = this.describe(id);
    if (description.errors.length) throw new PluginError('E_UNAVAILABLE', `Plugin "${id}" is invalid: ${description.errors[0]}`);
    if (!this.isEnabled(id)) throw new PluginError('E_UNAVAILABLE', `Plugin "${id}" is disabled.`);
    let connection = this.connections.get(id);
    if (!connection) {
      connection = this.createConnection(description);
      this.connections.set(id, connection);
      this.starting.set(id, connection.start().finally(() => this.starting.delete(id)));
    }
    // Concurrent callers wait for the same start instead of finding the plugin half-started.
    await this.starting.get(id);
    const state = connection.state$.value;
    if (state.status !== 'active') throw new PluginError('E_UNAVAILABLE', `Plugin "${id}" is ${state.status}${state.error ? `: ${state.error}` : ''}.`);
  }

  /** Restarts a running plugin's worker the hard way, as if it had crashed: what users do with a misbehaving plugin. */
  restart(id: string, reason = 'restarted by the user'): void {
    const connection = this.connections.get(id);
    if (!connection) throw new PluginError('E_UNAVAILABLE', `Plugin "${id}" is not running.`);
    connection.kill(reason);
  }

  /** Runs a command by full id `<pluginId>.<commandId>`, activating its plugin on demand. */
  async executeCommand<T = unknown>(fullId: string, ...args: unknown[]): Promise<T> {
    const owner = this.catalog.find((d) => d.manifest && declaredIds(d.manifest, 'commands').some((c) => `${d.id}.${c}` === fullId));
    if (!owner) throw new PluginError('E_NOT_FOUND', `No plugin declares the command "${fullId}".`);
    return this.invoke<T>(owner.id, 'commands', fullId.slice(owner.id.length + 1), 'run', args);
  }

  /** Calls a method of a plugin's registered provider, with a deadline and cancellation by call id. */
  async invoke<T>(pluginId: string, kind: RegistrationKind, id: string, method: string, args: unknown[], options: InvokeOptions & { signal?: AbortSignal } = {}): Promise<T> {
    await this.ensureActive(pluginId);
    const connection = this.connections.get(pluginId)!;
    const callId = this.nextCallId++;
    const cancel = () => connection.notify((remote) => remote.$cancel(callId));
    options.signal?.addEventListener('abort', cancel, { once: true });
    try {
      const wireArgs = options.transfer ? transfer(args, options.transfer) : args;
      return await connection.call<T>((remote) => remote.$invoke(kind, id, method, wireArgs, callId) as never, options.timeoutMs, `${kind} "${pluginId}.${id}"`);
    } catch (error) {
      if ((error as PluginError).code === 'E_TIMEOUT') cancel();
      throw error;
    } finally {
      options.signal?.removeEventListener('abort', cancel);
    }
  }

  async dispose(): Promise<void> {
    this.subscriptions.unsubscribe();
    await Promise.all([...this.connections.keys()].map((id) => this.stopPlugin(id)));
  }

  private createConnection(description: PluginDescription): WorkerConnection {
    const manifest = description.manifest!;
    let streams = new Subscription();
    const connection = new WorkerConnection(
      description,
      this.launcher,
      this.policy,
      () => ({ manifest, apiVersion: API_VERSION, settings: effectiveSettings(manifest, this.settings.values(manifest.id)) }),
      () =>
        createHostShape(
          manifest,
          { bus: this.bus, contributions: this.contributions, gateway: this.gateway, realtime: this.realtime, sharedSessions: this.sharedSessions, log: this.log, tools: this.tools, executeCommand: (fullId, args) => this.executeCommand(fullId, ...args) },
          streams,
        ),
      () => {
        streams.unsubscribe();
        streams = new Subscription();
        this.contributions.clearPlugin(manifest.id);
      },
    );
    this.subscriptions.add(connection.state$.subscribe((state) => this.connectionStates$.next(new Map(this.connectionStates$.value).set(description.id, state))));
    return connection;
  }

  private async stopPlugin(id: string): Promise<void> {
    const connection = this.connections.get(id);
    if (!connection) return;
    this.connections.delete(id);
    await connection.stop();
    const states = new Map(this.connectionStates$.value);
    states.delete(id);
    this.connectionStates$.next(states);
  }

  private forwardSetting(pluginId: string, change: SettingChange): void {
    this.connections.get(pluginId)?.notify((remote) => remote.$settingsChanged([change]));
  }

  private describe(id: string): PluginDescription {
    const description = this.catalog.find((d) => d.id === id);
    if (!description) throw new PluginError('E_NOT_FOUND', `No plugin "${id}" is installed.`);
    return description;
  }

  private defaultEnabled(description: PluginDescription): boolean {
    return this.settings.isEnabled(description.id) ?? (description.builtin && description.manifest?.enabledByDefault !== false);
  }

  private stateOf(description: PluginDescription, enabled: ReadonlyMap<string, boolean>, states: ReadonlyMap<string, WorkerConnection['state$']['value']>): PluginState {
    const isEnabled = enabled.get(description.id) ?? false;
    if (description.errors.length) return { description, enabled: isEnabled, status: 'invalid', error: description.errors.join('\n'), restarts: 0 };
    const state = states.get(description.id);
    if (!isEnabled) return { description, enabled: isEnabled, status: 'disabled', restarts: 0 };
    if (!state || state.status === 'stopped') return { description, enabled: isEnabled, status: 'inactive', restarts: 0 };
    return { description, enabled: isEnabled, status: state.status, error: state.error, restarts: state.restarts };
  }
}
