import type { Observable } from 'rxjs';
import type { CallChannel } from '../manifest/types.ts';

export interface AudioFormat {
  readonly encoding: 'pcm16';
  readonly sampleRate: number;
  readonly channels: 1;
}

/** The format every capture source delivers: 24 kHz mono PCM16 in 20 ms frames, as the Realtime API expects. */
export const REALTIME_AUDIO_FORMAT: AudioFormat = { encoding: 'pcm16', sampleRate: 24_000, channels: 1 };

export interface AudioFrame {
  readonly seq: number;
  /** Little-endian PCM16 samples; transferred, not copied, across threads. */
  readonly pcm: ArrayBuffer;
  /** Root mean square level of the frame, 0..1. */
  readonly rms: number;
  /** Epoch milliseconds when the first sample of the frame was captured. */
  readonly capturedAt: number;
}

export interface AudioInput {
  readonly channel: CallChannel;
  readonly format: AudioFormat;
  readonly frames$: Observable<AudioFrame>;
}

export interface AudioDeviceInfo {
  readonly deviceId: string;
  readonly label: string;
  readonly kind: 'audioinput';
  readonly isDefault: boolean;
}
