import type { Observable } from 'rxjs';
import type { CallChannel } from '../manifest/types.ts';

export interface AudioFormat {
  readonly encoding: 'pcm16';
  readonly sampleRate: number;
  readonly channels: 1;
}

/** Removing the participant's voice leaking from the speakers into the mic: auto (when both sides are captured), on, off. */
export type EchoSuppression = 'auto' | 'on' | 'off';

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
  /** Epoch ms of the call's time zero, so a transcriber that is restarted mid-call keeps the call's clock. */
  readonly callEpochMs?: number;
  /** The echo suppression setting of the call's capture; off asks the transcriber not to filter echo either. */
  readonly echoSuppression?: EchoSuppression;
  /**
   * Set when the first frames replay recorded audio from this epoch ms (a transcriber started again mid-call): a
   * transport that cannot send recorded audio, such as WebRTC, catches up over WebSocket instead.
   */
  readonly catchUpFrom?: number;
  readonly frames$: Observable<AudioFrame>;
}

export interface AudioDeviceInfo {
  readonly deviceId: string;
  readonly label: string;
  readonly kind: 'audioinput';
  readonly isDefault: boolean;
}

/** Where one side of the call comes from: a capture device, or a recording (capture-file). */
export type CaptureInput =
  | { readonly kind: 'device'; readonly deviceId: string }
  /** `channel` picks one channel of a multi-channel file (0 = left); without it all channels are mixed. */
  | { readonly kind: 'file'; readonly url: string; readonly channel?: number };

/** Microphone processing; the virtual device always gets none of it, so the participant's audio stays untouched. */
export interface MicProcessing {
  readonly echoCancellation: boolean;
  readonly noiseSuppression: boolean;
  readonly autoGainControl: boolean;
}

export type CaptureProblemCode = 'virtual-device-missing' | 'permission-denied' | 'device-vanished' | 'participant-silent' | 'capture-failed';

/** Something the user must act on, with what to do about it. */
export interface CaptureProblem {
  readonly code: CaptureProblemCode;
  readonly channel?: 'you' | 'participant';
  readonly message: string;
}
