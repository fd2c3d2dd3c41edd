import type { Subscription } from 'rxjs';
import type { StreamBus } from '../../../host/common/streamBus.ts';
import type { Bridge } from '../../common/bridge.ts';

/** A call id that sorts by time and is safe as a file name. */
function newCallId(now = new Date()): string {
  return `call-${now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${Math.random().toString(36).slice(2, 6)}`;
}

/** The id under which the workbench saves what belongs to a call. */
export interface CallIds {
  /** The call in progress, if any. */
  current(): string | undefined;
  /** The call in progress, or the last one until the next starts (what the user does just after a call is its). */
  latest(): string | undefined;
  readonly subscription: Subscription;
}

export function trackCallIds(bus: StreamBus): CallIds {
  let current: string | undefined;
  let latest: string | undefined;
  const subscription = bus.stream('callState').subscribe((state) => {
    if (state.status === 'starting' && !current) current = latest = newCallId();
    if (state.status === 'ended') current = undefined;
  });
  return { current: () => current, latest: () => latest, subscription };
}

/**
 * Saves each final transcript segment through the shell as it becomes final, so that a crash loses at most the
 * segment in flight. A failed save is reported once per call, and the next segments are still tried.
 */
export function recordTranscripts(bus: StreamBus, bridge: Bridge, calls: CallIds, onError: (message: string) => void): Subscription {
  let reported: string | undefined;
  return bus.stream('transcript').subscribe((segment) => {
    const callId = calls.current();
    if (!segment.final || !callId) return;
    bridge.appendTranscript({ callId, segment }).catch((error: Error) => {
      if (reported !== callId) onError(`Could not save the transcript: ${error.message}`);
      reported = callId;
    });
  });
}
