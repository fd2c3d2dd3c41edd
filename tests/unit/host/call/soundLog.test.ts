import { describe, expect, it } from 'vitest';
import { SoundLog } from '../../../../src/host/common/call/soundLog.ts';

const T0 = 1_800_000_000_000;

/** Levels every 20 ms from `fromS` to `toS` (seconds into the call), loud where `loud` says. */
function play(log: SoundLog, fromS: number, toS: number, loud: (s: number) => boolean, channel: 'you' | 'participant' = 'you'): void {
  for (let ms = fromS * 1000; ms < toS * 1000; ms += 20) log.note(channel, loud(ms / 1000) ? 0.2 : 0.001, T0 + ms);
}

describe('SoundLog: where untranscribed audio could have held speech', () => {
  it('finds nothing in a stretch that was silent throughout', () => {
    const log = new SoundLog();
    play(log, 0, 90, (s) => s >= 10 && s < 12);
    expect(log.soundIn('you', T0 + 20_000, T0 + 80_000)).toBeUndefined();
  });

  it('narrows a stretch to where the side sounded', () => {
    const log = new SoundLog();
    play(log, 0, 90, (s) => (s >= 30 && s < 33) || (s >= 50 && s < 52));
    expect(log.soundIn('you', T0 + 20_000, T0 + 80_000)).toEqual({ from: T0 + 30_000, to: T0 + 52_000 });
    expect(log.soundIn('you', T0 + 31_000, T0 + 40_000)).toEqual({ from: T0 + 31_000, to: T0 + 33_000 });
  });

  it('joins words a short pause apart, and keeps each side apart', () => {
    const log = new SoundLog();
    play(log, 0, 20, (s) => (s >= 2 && s < 3) || (s >= 3.5 && s < 4.5), 'participant');
    play(log, 0, 20, () => false);
    expect(log.soundIn('participant', T0, T0 + 20_000)).toEqual({ from: T0 + 2_000, to: T0 + 4_500 });
    expect(log.soundIn('you', T0, T0 + 20_000)).toBeUndefined();
  });

  it('takes what it no longer keeps, or never heard, to have sounded', () => {
    const log = new SoundLog();
    expect(log.soundIn('you', T0, T0 + 5_000)).toEqual({ from: T0, to: T0 + 5_000 });
    play(log, 0, 700, () => false);
    expect(log.soundIn('you', T0 + 10_000, T0 + 700_000)).toEqual({ from: T0 + 10_000, to: T0 + 700_000 });
    expect(log.soundIn('you', T0 + 200_000, T0 + 700_000)).toBeUndefined();
  });
});
