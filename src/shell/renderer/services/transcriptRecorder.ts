import type { Subscription } from 'rxjs';
import type { StreamBus } from '../../../host/common/streamBus.ts';
import type { Bridge } from '../../common/bridge.ts';

/** A call id that sorts by time and is safe as a file name. */
function newCallId(now = new Date()): string {
  return `call-${now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * Saves each final transcript segment through the shell as it becomes final, so that a crash loses at most the
 * segment in flight. A failed save is reported once per call, and the next segments are still tried.
 */
export function recordTranscripts(bus: StreamBus, bridge: Bridge, onError: (message: string) => void): Subscription {
  let callId: string | undefined;
  let reported = false;
  const subscription = bus.stream('callState').subscribe((state) => {
    if (state.status === 'starting' && !callId) {
      callId = newCallId();
      reported = false;
    }
    if (state.status === 'ended') callId = undefined;
  });
  subscription.add(
    bus.stream('transcript').subscribe((segment) => {
      if (!segment.final || !callId) return;
      bridge.appendTranscript({ callId, segment }).catch((error: Error) => {
        if (!reported) onError(`Could not save the transcript: ${error.message}`);
        reported = true;
      });
    }),
  );
  return subscription;
}
