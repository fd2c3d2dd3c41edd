import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import { BehaviorSubject } from 'rxjs';
import { PluginError } from '@sotto/api';
import type { HostShape, PluginInit, PluginShape, Result } from '@sotto/api/rpc';
import { withDeadline } from './deadline.ts';
import type { PluginDescription, PluginStatus } from './pluginDescription.ts';
import type { LaunchedWorker, SupervisionPolicy, WorkerLauncher } from './services.ts';

export interface ConnectionState {
  readonly status: Exclude<PluginStatus, 'invalid' | 'disabled' | 'inactive'> | 'stopped';
  readonly error?: string;
  readonly restarts: number;
}

/**
 * One plugin's worker under supervision: calls have deadlines, a heartbeat spots a hung worker, and a crashed
 * or hung worker has its pending calls rejected and is restarted with backoff until the restart budget is spent.
 */
export class WorkerConnection {
  readonly state$ = new BehaviorSubject<ConnectionState>({ status: 'starting', restarts: 0 });
  private worker: LaunchedWorker | undefined;
  private remote: Remote<PluginShape> | undefined;
  private readonly pending = new Set<(error: Error) => void>();
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private generation = 0;
  private stopped = false;

  constructor(
    private readonly description: PluginDescription,
    private readonly launcher: WorkerLauncher,
    private readonly policy: SupervisionPolicy,
    private readonly init: () => PluginInit,
    private readonly hostShape: () => HostShape,
    private readonly onReset: () => void,
  ) {}

  /** Starts the worker and activates the plugin; resolves when it is active or has failed. */
  async start(): Promise<void> {
    const generation = ++this.generation;
    this.setState({ status: this.state$.value.restarts ? 'restarting' : 'starting' });
    try {
      const worker = await this.launcher.launch(this.description);
      if (this.stopped || generation !== this.generation) return worker.terminate();
      this.worker = worker;
      this.remote = wrap<PluginShape>(worker.endpoint);
      worker.onExit((reason) => this.onFault(generation, `The plugin's worker exited: ${reason}`));
      const result = await this.track<Result<void>>(this.remote.$activate(this.init(), proxy(this.hostShape())), this.policy.activationTimeoutMs, 'Activation');
      if (!result.ok) throw new PluginError(result.error.code, result.error.message);
      if (generation !== this.generation) return;
      this.startHeartbeat(generation);
      this.setState({ status: 'active', error: undefined });
    } catch (error) {
      if (generation !== this.generation) return;
      if ((error as PluginError).code === 'E_CRASHED' || (error as PluginError).code === 'E_TIMEOUT') return this.onFault(generation, (error as Error).message);
      this.teardown();
      this.setState({ status: 'failed', error: `activate() failed: ${(error as Error).message}` });
    }
  }

  /** Calls into the worker with a deadline; rejects at once if the worker dies meanwhile. */
  async call<T>(fn: (remote: Remote<PluginShape>) => Promise<Result<T>>, timeoutMs = this.policy.callTimeoutMs, what = 'The plugin'): Promise<T> {
    if (!this.remote || this.state$.value.status !== 'active') {
      throw new PluginError('E_UNAVAILABLE', `Plugin "${this.description.id}" is ${this.state$.value.status}.`);
    }
    const result = await this.track<Result<T>>(fn(this.remote), timeoutMs, what);
    if (!result.ok) throw new PluginError(result.error.code, result.error.message);
    return result.value;
  }

  /** Fire-and-forget message to the worker (cancellation, settings). */
  notify(fn: (remote: Remote<PluginShape>) => Promise<unknown>): void {
    if (this.remote) void fn(this.remote).catch(() => {});
  }

  /** Kills the worker as a crash would (pending calls fail, a restart follows within the restart budget). */
  kill(reason: string): void {
    this.onFault(this.generation, reason);
  }

  /** Deactivates gracefully (bounded by the call timeout), then terminates the worker. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.generation++;
    const remote = this.remote;
    if (remote && this.state$.value.status === 'active') {
      await withDeadline<Result<void>>(remote.$deactivate(), Math.min(this.policy.callTimeoutMs, 2_000), 'deactivate()').catch(() => {});
    }
    this.teardown();
    this.setState({ status: 'stopped' });
  }

  private track<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
    let rejectOnCrash!: (error: Error) => void;
    const crashed = new Promise<never>((_, reject) => (rejectOnCrash = reject));
    this.pending.add(rejectOnCrash);
    return withDeadline(Promise.race([promise, crashed]), timeoutMs, what).finally(() => this.pending.delete(rejectOnCrash));
  }

  private startHeartbeat(generation: number): void {
    let outstandingSince: number | undefined;
    this.heartbeat = setInterval(() => {
      if (outstandingSince !== undefined) {
        if (Date.now() - outstandingSince >= this.policy.unresponsiveMs) {
          this.onFault(generation, `The plugin stopped responding (no answer for ${this.policy.unresponsiveMs} ms).`);
        }
        return;
      }
      outstandingSince = Date.now();
      this.remote?.$ping().then(() => (outstandingSince = undefined), () => {});
    }, this.policy.heartbeatMs);
    (this.heartbeat as { unref?: () => void }).unref?.();
  }

  private onFault(generation: number, reason: string): void {
    if (generation !== this.generation || this.stopped) return;
    this.generation++;
    this.teardown(new PluginError('E_CRASHED', reason));
    const restarts = this.state$.value.restarts;
    if (restarts >= this.policy.maxRestarts) {
      this.setState({ status: 'failed', error: `${reason} Gave up after ${restarts} restarts.` });
      return;
    }
    this.setState({ status: 'restarting', error: reason, restarts: restarts + 1 });
    const delay = this.policy.restartDelayMs * 2 ** restarts;
    const timer = setTimeout(() => void (!this.stopped && this.start()), delay);
    (timer as { unref?: () => void }).unref?.();
  }

  private teardown(reason = new PluginError('E_CRASHED', 'The plugin was stopped.')): void {
    clearInterval(this.heartbeat);
    for (const reject of this.pending) reject(reason);
    this.pending.clear();
    this.remote?.[releaseProxy]();
    this.remote = undefined;
    this.worker?.terminate();
    this.worker = undefined;
    this.onReset();
  }

  private setState(patch: Partial<ConnectionState>): void {
    this.state$.next({ ...this.state$.value, ...patch });
  }
}
