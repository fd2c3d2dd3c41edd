import type { CallChannel } from '@sotto/api';

/** A frame this loud may hold speech (RMS of PCM16 scaled to 0..1; the transcriber's own threshold for quiet). */
const SOUND_RMS = 0.01;
/** Sound this close to the previous stretch extends it: a pause between words is not silence worth a record. */
const JOIN_MS = 1_000;
/** How long stretches are kept; anything older is taken to have sounded. */
const KEEP_MS = 10 * 60_000;
/** A level stands for a frame of this long. */
const FRAME_MS = 20;

/**
 * When each side of the call was sounding, from the levels capture reports. Audio that no one could transcribe is
 * marked as a gap only where it held sound: a side that was silent lost nothing, and a gap line there would alarm
 * the user for nothing.
 */
export class SoundLog {
  private readonly stretches = new Map<CallChannel, Array<{ from: number; to: number }>>();
  private readonly firstHeard = new Map<CallChannel, number>();

  /** One frame's level on `channel`, captured at `at` (epoch ms). */
  note(channel: CallChannel, rms: number, at: number): void {
    if (!this.firstHeard.has(channel)) this.firstHeard.set(channel, at);
    if (rms < SOUND_RMS) return;
    let stretches = this.stretches.get(channel);
    if (!stretches) this.stretches.set(channel, (stretches = []));
    const last = stretches.at(-1);
    if (last && at - last.to <= JOIN_MS) last.to = at + FRAME_MS;
    else stretches.push({ from: at, to: at + FRAME_MS });
    while (stretches.length && stretches[0].to < at - KEEP_MS) stretches.shift();
  }

  /**
   * The part of `from`…`to` (epoch ms) in which `channel` sounded, or undefined when it was silent throughout (or not
   * captured yet). With nothing heard on it at all, or `from` older than what is kept, all of it.
   */
  soundIn(channel: CallChannel, from: number, to: number): { from: number; to: number } | undefined {
    const first = this.firstHeard.get(channel);
    if (first === undefined || from < to - KEEP_MS) return { from, to };
    const inside = (this.stretches.get(channel) ?? []).filter((s) => s.from < to && s.to > from);
    if (!inside.length) return undefined;
    return { from: Math.max(from, inside[0].from), to: Math.min(to, inside.at(-1)!.to) };
  }
}
