import { PluginError } from '@sotto/api';
import type { HostRealtimeConnection } from '@sotto/api/rpc';

/** Realtime sessions that plugins shared by name, so other plugins can attach to them. */
export class SharedSessions {
  private readonly sessions = new Map<string, HostRealtimeConnection>();

  /** Registers a session under `name` until it closes; a newer session under the same name replaces it. */
  share(name: string, connection: HostRealtimeConnection): HostRealtimeConnection {
    this.sessions.set(name, connection);
    const forget = () => this.sessions.get(name) === connection && this.sessions.delete(name);
    connection.state$.subscribe({ next: (state) => (state.status === 'closed' || state.status === 'failed') && forget(), complete: forget });
    return connection;
  }

  /** A view of a shared session whose close only detaches. */
  attach(name: string): HostRealtimeConnection {
    const connection = this.sessions.get(name);
    if (!connection) throw new PluginError('E_NOT_FOUND', `No Realtime session is shared as "${name}" (is a call running?).`);
    return { events$: connection.events$, state$: connection.state$, send: (event) => connection.send(event), close: () => {} };
  }
}
