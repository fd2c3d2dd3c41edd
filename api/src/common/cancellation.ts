import { toDisposable, type Disposable } from './disposable.ts';
import { Emitter, type Event } from './event.ts';

/** Tells a long-running call that its caller no longer wants the result. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
  readonly onCancellationRequested: Event<void>;
}

export const CancellationToken = {
  None: Object.freeze({ isCancellationRequested: false, onCancellationRequested: () => toDisposable(() => {}) }) as CancellationToken,
};

export class CancellationTokenSource implements Disposable {
  private readonly emitter = new Emitter<void>();
  private cancelled = false;
  readonly token: CancellationToken;

  constructor() {
    const isCancelled = () => this.cancelled;
    this.token = {
      get isCancellationRequested() {
        return isCancelled();
      },
      onCancellationRequested: (listener) => {
        if (this.cancelled) {
          queueMicrotask(() => listener());
          return toDisposable(() => {});
        }
        return this.emitter.event(listener);
      },
    };
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.emitter.fire();
    this.emitter.dispose();
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
