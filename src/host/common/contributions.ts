import { BehaviorSubject } from 'rxjs';
import type { PanelModel } from '@sotto/api';

/** Live state contributed by running plugins, keyed by full id `<pluginId>.<localId>`. */
export class Contributions {
  readonly panels$ = new BehaviorSubject<ReadonlyMap<string, PanelModel>>(new Map());
  readonly registered$ = new BehaviorSubject<ReadonlySet<string>>(new Set());

  register(pluginId: string, kind: string, id: string): void {
    this.registered$.next(new Set(this.registered$.value).add(`${kind}:${pluginId}.${id}`));
  }

  unregister(pluginId: string, kind: string, id: string): void {
    const next = new Set(this.registered$.value);
    next.delete(`${kind}:${pluginId}.${id}`);
    this.registered$.next(next);
    if (kind === 'panels') this.setPanel(`${pluginId}.${id}`, undefined);
  }

  setPanel(fullId: string, model: PanelModel | undefined): void {
    const next = new Map(this.panels$.value);
    if (model) next.set(fullId, model);
    else next.delete(fullId);
    this.panels$.next(next);
  }

  /** Forgets everything a plugin contributed, when it stops or its worker dies. */
  clearPlugin(pluginId: string): void {
    const prefix = `${pluginId}.`;
    this.registered$.next(new Set([...this.registered$.value].filter((key) => !key.split(':')[1].startsWith(prefix))));
    this.panels$.next(new Map([...this.panels$.value].filter(([key]) => !key.startsWith(prefix))));
  }
}
