import { OpusDecoder } from 'opus-decoder';

/** Opus RTP payloads → 24 kHz mono PCM16, the Realtime API's input format. Keeps the CPU time it spends. */
export class OpusToPcm24k {
  private readonly decoder = new OpusDecoder({ channels: 1, sampleRate: 24000 });
  readonly ready = this.decoder.ready;
  /** Milliseconds of CPU spent decoding, and of audio decoded. */
  decodeMs = 0;
  audioMs = 0;

  decode(payload: Uint8Array): Int16Array {
    const started = performance.now();
    const { channelData, samplesDecoded } = this.decoder.decodeFrame(payload);
    const floats = channelData[0];
    const pcm = new Int16Array(samplesDecoded);
    for (let i = 0; i < samplesDecoded; i++) pcm[i] = Math.max(-32768, Math.min(32767, Math.round(floats[i] * 32768)));
    this.decodeMs += performance.now() - started;
    this.audioMs += samplesDecoded / 24;
    return pcm;
  }

  free(): void {
    this.decoder.free();
  }
}
