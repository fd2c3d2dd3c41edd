import { newId } from '../ids.ts';
import type { RealtimeSession } from '../realtime/session.ts';
import type { RealtimeFault } from './plan.ts';

/** Arms one realtime fault on a session: now, after `afterMs`, or right before `beforeEvent` first goes out. */
export function applyRealtimeFault(session: RealtimeSession, fault: RealtimeFault): void {
  const { outbox } = session;
  const act = () => {
    switch (fault.action) {
      case 'drop_peer_connection':
      case 'drop_data_channel':
        for (const t of outbox.transports) t.drop?.(fault.action === 'drop_peer_connection' ? 'peer_connection' : 'data_channel');
        return;
      case 'delay_events':
        outbox.delay(fault.delayMs ?? 1000);
        return;
      case 'stall_events':
        outbox.stall();
        return;
      case 'expire_session':
        session.expire();
        return;
      case 'send_malformed_event':
        outbox.sendRaw('{"type":"response.output_text.delta","delta":');
        return;
      case 'send_unknown_event':
        outbox.sendRaw(JSON.stringify({ event_id: newId('event', 10), type: 'session.capabilities.updated', capabilities: ['future'] }));
        return;
      case 'delay_next_transcription':
        session.completionDelays.push(fault.delayMs ?? 1000);
        return;
      case 'fail_next_response':
        session.failNextResponse();
        return;
    }
  };
  if (fault.beforeEvent) outbox.before(fault.beforeEvent, act);
  else if (fault.afterMs) session.later(fault.afterMs, act);
  else act();
}
