import type { Subscription } from 'rxjs';
import { callClock, gapSegment, type CallChannel, type TranscriptSegment } from '@sotto/api';
import type { StreamBus } from '../streamBus.ts';
import { SoundLog } from './soundLog.ts';
import { TranscriptProgress } from './transcriptProgress.ts';

/**
 * What one call's transcript owes the user when a side is restarted or a device goes: it knows where each side's
 * transcript stopped and when each side sounded, takes back lines that will be heard again, and writes a gap line
 * for audio no one could transcribe, so nothing is dropped silently.
 */
export class CallLedger {
  /** Epoch ms of the call's time zero, once capture has started; devices opened later keep it. */
  epochMs: number | undefined;
  private readonly progress = new TranscriptProgress();
  private readonly sound = new SoundLog();
  /** Sides whose device went away mid-call, since when (epoch ms): shown as a gap when it comes back. */
  private readonly absentSince = new Map<CallChannel, number>();
  private readonly subscription: Subscription;

  constructor(private readonly bus: StreamBus) {
    this.subscription = bus.stream('transcript').subscribe((segment) => this.progress.note(segment));
  }

  noteLevel(channel: CallChannel, rms: number, at: number): void {
    this.sound.note(channel, rms, at);
  }

  /** Takes back the lines in progress on `channel`: whoever transcribes it next hears their audio again. */
  retractUnfinished(channel: CallChannel): TranscriptSegment[] {
    const cut = this.progress.takeUnfinished(channel);
    for (const line of cut) this.bus.publish('transcript', { ...line, text: '', retracted: true });
    return cut;
  }

  /** Epoch ms where a side's untranscribed audio begins (no later than `now`). */
  resumePoint(channel: CallChannel, now: number): number {
    return Math.min(now, (this.epochMs ?? now) + this.progress.resumeFrom(channel) * 1000);
  }

  /** `epochMs` as the call's m:ss. */
  clock(epochMs: number): string {
    return callClock((epochMs - (this.epochMs ?? epochMs)) / 1000);
  }

  /** The side's audio from `fromMs` on is to be transcribed again, but capture holds it only from `heldFrom`. */
  markUnheld(channel: CallChannel, fromMs: number, heldFrom: number): void {
    const lost = fromMs < heldFrom ? this.sound.soundIn(channel, fromMs, heldFrom) : undefined;
    if (lost) this.gap(channel, lost.from, lost.to, 'older than the audio capture keeps');
  }

  /**
   * Sides whose device was switched were restarted: lines they had not finished are taken back and marked as a gap
   * up to the switch, and a side whose device was gone is marked as a gap for as long as it was away.
   */
  devicesSwitched(switched: readonly CallChannel[], captured: (channel: CallChannel) => boolean, switchedAt: number, now: number): void {
    const epoch = this.epochMs ?? switchedAt;
    for (const channel of switched) {
      const cut = this.retractUnfinished(channel);
      const from = Math.min(switchedAt, ...cut.map((line) => epoch + line.start * 1000));
      if (!captured(channel)) this.absentSince.set(channel, from);
      else if (cut.length) this.gap(channel, from, now, 'the audio devices changed');
    }
    for (const [channel, since] of this.absentSince) {
      if (!captured(channel)) continue;
      this.absentSince.delete(channel);
      this.gap(channel, since, now, `${channel === 'you' ? 'your' : "the participant's"} device was disconnected`);
    }
  }

  dispose(): void {
    this.subscription.unsubscribe();
  }

  private gap(channel: CallChannel, fromMs: number, toMs: number, why: string): void {
    const epoch = this.epochMs ?? fromMs;
    const start = Math.max(0, (fromMs - epoch) / 1000);
    const end = Math.max(start, (toMs - epoch) / 1000);
    this.bus.publish('transcript', gapSegment(channel, start, end, `not transcribed: ${why}`));
  }
}
