import { describe, expect, it } from 'vitest';
import { ParticipantSilence } from '../../../../src/host/browser/capture/participantSilence.ts';

/** Feeds `seconds` of frames (50 per second) to both channels at the given levels. */
function feed(watch: ParticipantSilence, seconds: number, you: number, participant: number): void {
  for (let i = 0; i < seconds * 50; i++) {
    watch.level('you', you);
    watch.level('participant', participant);
  }
}

describe('ParticipantSilence: a silent participant while you speak means the call is not routed', () => {
  it('alerts after the threshold of digital silence with speech on the mic, and clears when sound returns', () => {
    const changes: boolean[] = [];
    const watch = new ParticipantSilence(2, (alerting) => changes.push(alerting));
    feed(watch, 1.9, 0.1, 0.000016);
    expect(changes).toEqual([]);
    feed(watch, 0.2, 0.1, 0);
    expect(changes).toEqual([true]);
    feed(watch, 1, 0.1, 0);
    expect(changes).toEqual([true]);
    feed(watch, 0.02, 0.1, 0.05);
    expect(changes).toEqual([true, false]);
  });

  it('stays quiet when nobody speaks, or when the participant is merely quiet (comfort noise) but not digitally silent', () => {
    const changes: boolean[] = [];
    const watch = new ParticipantSilence(1, (alerting) => changes.push(alerting));
    feed(watch, 5, 0, 0);
    feed(watch, 5, 0.1, 0.0003);
    expect(changes).toEqual([]);
  });
});
