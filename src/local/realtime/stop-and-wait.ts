import type { RTCDataChannel } from 'werift';

interface SctpInternals {
  flightSize: number;
  onSackReceived: () => Promise<void>;
}

/**
 * Sends on a werift data channel, holding each message until the previous one is acknowledged during the first
 * `windowMs` after open. Early in the association Chromium drops a second message sent while the first is still in
 * flight, and werift resends it only on its ~1 s T3 timer (test-harness.md §8.7); waiting for the SACK avoids that.
 */
export class StopAndWaitSender {
  private readonly queue: Array<{ text: string; queuedAt: number }> = [];
  private readonly openedAt = performance.now();
  private readonly sctp: SctpInternals | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** ms from each `send` call to the message reaching the channel. */
  readonly latencies: number[] = [];
  /** Test mode: when each event went out (epoch ms, by event_id), to match against the page's receipt times. */
  sentAt?: Map<string, number>;

  constructor(
    private readonly channel: RTCDataChannel,
    private readonly windowMs: number,
  ) {
    this.sctp = (channel.sctp as unknown as { sctp?: SctpInternals }).sctp;
    if (this.sctp) {
      const original = this.sctp.onSackReceived.bind(this.sctp);
      this.sctp.onSackReceived = async () => {
        await original();
        this.pump();
      };
    }
  }

  send(text: string): void {
    this.queue.push({ text, queuedAt: performance.now() });
    this.pump();
  }

  close(): void {
    clearTimeout(this.timer);
    this.queue.length = 0;
  }

  private holding(): boolean {
    return performance.now() - this.openedAt < this.windowMs && (this.sctp?.flightSize ?? 0) > 0;
  }

  private pump(): void {
    while (this.queue.length > 0 && this.channel.readyState === 'open') {
      if (this.holding()) {
        // A SACK normally wakes us; the timer covers a lost one and the end of the window.
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.pump(), 20);
        return;
      }
      const next = this.queue.shift() as { text: string; queuedAt: number };
      this.channel.send(next.text);
      const now = performance.now();
      if (this.latencies.length < 100_000) this.latencies.push(now - next.queuedAt);
      const eventId = this.sentAt && /"event_id":"([^"]+)"/.exec(next.text)?.[1];
      if (eventId) this.sentAt?.set(eventId, performance.timeOrigin + now);
      if (performance.now() - this.openedAt < this.windowMs) return void (this.timer = setTimeout(() => this.pump(), 20));
    }
  }
}
