import type { CallChannel } from '@sotto/api';

/** Below one PCM16 step: what a device outputs when nothing is routed to it. */
const DIGITAL_SILENCE = 1 / 32768;
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
