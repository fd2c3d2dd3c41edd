import { newId, nowSeconds } from '../ids.ts';
import type { FaultRegistry } from '../faults/registry.ts';
import { applyRealtimeFault } from '../faults/realtime-faults.ts';
import { RealtimeSession, type SessionDeps } from './session.ts';
import { defaultConfig, type SessionConfig, type SessionType } from './session-config.ts';

/** Live realtime sessions, by session id and by WebRTC call id. */
export class RealtimeHub {
  readonly sessions = new Map<string, RealtimeSession>();
  private readonly calls = new Map<string, RealtimeSession>();

  constructor(
    private readonly deps: SessionDeps,
    private readonly faults: FaultRegistry,
  ) {}

  /** A fresh session config with OpenAI's defaults and this server's expiry. */
  defaults(type: SessionType, model = 'gpt-realtime'): SessionConfig {
    return defaultConfig(type, newId('sess', 10), nowSeconds() + Math.round(this.deps.maxDurationMs / 1000), model);
  }

  async start(config: SessionConfig, callId?: string): Promise<RealtimeSession> {
    const fresh = { ...config, id: newId('sess', 10), expires_at: nowSeconds() + Math.round(this.deps.maxDurationMs / 1000) };
    const session = await RealtimeSession.start(fresh, this.deps);
    this.sessions.set(session.id, session);
    if (callId) this.calls.set(callId, session);
    session.onClose = () => {
      this.sessions.delete(session.id);
      if (callId) this.calls.delete(callId);
    };
    for (const fault of this.faults.realtimeFaults()) applyRealtimeFault(session, fault);
    return session;
  }

  byCall(callId: string): RealtimeSession | undefined {
    return this.calls.get(callId);
  }

  closeAll(): void {
    for (const session of [...this.sessions.values()]) session.close();
  }
}
