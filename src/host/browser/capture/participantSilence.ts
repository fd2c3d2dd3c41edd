import type { CallChannel } from '@sotto/api';

/**
 * −80 dBFS: what a device gives when nothing plays into it. Not exactly zero: Chromium's capture path leaves
 * about half a PCM16 step of noise (RMS 1.4e-5 measured), while even a muted call app's comfort noise is louder.
 */
const DIGITAL_SILENCE = 1e-4;
/** A level the mic reaches when someone speaks near it (−40 dBFS). */
const SPEECH = 0.01;
const FRAMES_PER_SECOND = 50;
/** Speech frames the mic must hear during the participant's silence, so a quiet call raises nothing. */
const MIN_SPEECH_FRAMES = 10;

/**
 * Watches frame levels for the classic routing mistake: the participant channel is digitally silent for a while
 * although the user is talking, which means the call app plays to the speakers, not to the virtual device.
 */
export class ParticipantSilence {
  private silentFrames = 0;
  private speechFrames = 0;
  private alerting = false;

  constructor(
    private readonly seconds: number,
    private readonly onChange: (alerting: boolean) => void,
  ) {}

  level(channel: CallChannel, rms: number): void {
    if (channel === 'you') {
      if (rms >= SPEECH && this.silentFrames > 0) this.speechFrames++;
      return;
    }
    if (rms >= DIGITAL_SILENCE) {
      this.silentFrames = 0;
      this.speechFrames = 0;
      this.set(false);
      return;
    }
    this.silentFrames++;
    if (this.silentFrames >= this.seconds * FRAMES_PER_SECOND && this.speechFrames >= MIN_SPEECH_FRAMES) this.set(true);
  }

  private set(alerting: boolean): void {
    if (alerting === this.alerting) return;
    this.alerting = alerting;
    this.onChange(alerting);
  }
}
