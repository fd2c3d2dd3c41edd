import type { RTCDataChannel } from 'werift';

interface SctpInternals {
  flightSize: number;
  timer3Handle?: NodeJS.Timeout;
  timer3Expired: () => void;
  onSackReceived: () => Promise<void>;
}

/**
 * How early messages get past werift's data-channel bug (test-harness.md §8.7): Chromium loses the first message
 * after `session.created`, and werift resends it only on its T3 timer (≥ 1 s).
 * - `early-retransmit` (default): send at once; if a message sent during the window is still unacknowledged after
 *   `probeMs`, retransmit now instead of on T3. A duplicate is harmless (SCTP drops it by TSN).
 * - `stop-and-wait` (the harness doc's): hold each message until the previous one is acknowledged. Measured here it
 *   does not prevent the loss, and queues everything behind the T3 resend.
 * - `none`: plain sends.
 */
export type DataChannelWorkaround = 'early-retransmit' | 'stop-and-wait' | 'none';

export class DataChannelSender {
  private readonly queue: Array<{ text: string; queuedAt: number }> = [];
  private readonly openedAt = performance.now();
  private readonly sctp: SctpInternals | undefined;
  private timer: NodeJS.Timeout | undefined;
  private probe: NodeJS.Timeout | undefined;
  /** ms from each `send` call to the message reaching the channel. */
  readonly latencies: number[] = [];
  /** Test mode: when each event went out (epoch ms, by event_id), to match against the page's receipt times. */
  sentAt?: Map<string, number>;

  constructor(
    private readonly channel: RTCDataChannel,
    private readonly mode: DataChannelWorkaround,
    private readonly windowMs: number,
    private readonly probeMs = 40,
  ) {
    this.sctp = (channel.sctp as unknown as { sctp?: SctpInternals }).sctp;
    if (this.sctp && mode === 'stop-and-wait') {
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
    clearTimeout(this.probe);
    this.queue.length = 0;
  }

  private inWindow(): boolean {
    return performance.now() - this.openedAt < this.windowMs;
  }

  private pump(): void {
    while (this.queue.length > 0 && this.channel.readyState === 'open') {
      if (this.mode === 'stop-and-wait' && this.inWindow() && (this.sctp?.flightSize ?? 0) > 0) {
        // A SACK normally wakes us; the timer covers the end of the window.
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.pump(), 20);
        return;
      }
      const next = this.queue.shift() as { text: string; queuedAt: number };
      this.channel.send(next.text);
      this.sent(next);
      if (this.mode === 'early-retransmit' && this.inWindow()) this.scheduleProbe();
    }
  }

  /** Until everything sent is acknowledged (a few tries at most), retransmit every `probeMs`. */
  private scheduleProbe(tries = 5): void {
    clearTimeout(this.probe);
    this.probe = setTimeout(() => {
      const sctp = this.sctp;
      if (!sctp || sctp.flightSize === 0 || this.channel.readyState !== 'open') return;
      clearTimeout(sctp.timer3Handle);
      sctp.timer3Expired();
      if (tries > 1) this.scheduleProbe(tries - 1);
    }, this.probeMs);
  }

  private sent(message: { text: string; queuedAt: number }): void {
    const now = performance.now();
    if (this.latencies.length < 100_000) this.latencies.push(now - message.queuedAt);
    const eventId = this.sentAt && /"event_id":"([^"]+)"/.exec(message.text)?.[1];
    if (eventId) this.sentAt?.set(eventId, performance.timeOrigin + now);
  }
}
