import type { Observable } from 'rxjs';
import type { AudioDeviceInfo, CallChannel, CaptureInput, CaptureProblem, CaptureSelection } from '@sotto/api';

/** How far back capture keeps each side's audio, for a transcriber that starts again mid-call. */
export const CAPTURE_REPLAY_MS = 30_000;

/** One side of the call while it is being captured. */
export interface CapturedChannel {
  readonly channel: CallChannel;
  /** Device label or file name, for the user. */
  readonly label: string;
  /** The live track, which WebRTC sessions attach; absent where there is no browser (headless). */
  readonly track?: MediaStreamTrack;
  /**
   * A new port carrying this channel's audio as 24 kHz mono PCM16 frames of 20 ms, in the stream-port protocol
   * (`{n: AudioFrame}` … `{c: true}`), with each frame's buffer transferred. With `since` (epoch ms), the frames
   * captured since then come first, as far as the last CAPTURE_REPLAY_MS go back.
   */
  openFramePort(since?: number): MessagePort;
  /** Epoch ms of the oldest audio `openFramePort(since)` can still give, the side's previous device's included (after a switch). */
  replayableFrom(): number;
  /** Level of each frame (RMS, 0..1), for the meters. */
  readonly level$: Observable<number>;
}

export interface CaptureSession {
  /** Epoch ms where this capture's clock starts: the call's time zero, on which frames are stamped. */
  readonly startedAt: number;
  /** Now, on the capture's clock (a recording played faster than real time runs ahead of the wall clock). */
  now(): number;
  readonly channels: ReadonlyMap<CallChannel, CapturedChannel>;
  /** Problems that arise while capturing (a device vanished, the participant is silent), current list. */
  readonly problems$: Observable<readonly CaptureProblem[]>;
  /**
   * Switches one side to `input`, or stops capturing it (`undefined`), leaving the other side running. Resolves false,
   * having changed nothing, when this capture cannot switch that side alone. Captures without it are reopened whole.
   */
  replaceSide?(channel: CallChannel, input: CaptureInput | undefined): Promise<boolean>;
  close(): void;
}

/** Owns audio capture for the host: devices and files in, PCM frames and tracks out. */
export interface CaptureService {
  listDevices(): Promise<AudioDeviceInfo[]>;
  /** Fires when devices are plugged in or removed. */
  readonly devicesChanged$: Observable<void>;
  open(selection: CaptureSelection): Promise<CaptureSession>;
}
