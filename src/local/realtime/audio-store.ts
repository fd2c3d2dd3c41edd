/** The session's received 24 kHz PCM16, addressed by absolute sample position, trimmed as items are committed. */
export class AudioStore {
  private chunks: Array<{ start: number; pcm: Int16Array }> = [];
  /** Samples received since the session began. */
  total = 0;

  append(pcm: Int16Array): void {
    this.chunks.push({ start: this.total, pcm });
    this.total += pcm.length;
  }

  slice(from: number, to: number): Int16Array {
    const out = new Int16Array(Math.max(0, to - from));
    for (const { start, pcm } of this.chunks) {
      const a = Math.max(from, start);
      const b = Math.min(to, start + pcm.length);
      if (a < b) out.set(pcm.subarray(a - start, b - start), a - from);
    }
    return out;
  }

  dropBefore(sample: number): void {
    this.chunks = this.chunks.filter((c) => c.start + c.pcm.length > sample);
  }
}

export const SAMPLES_PER_MS = 24;

/** Base64 PCM16 little-endian, as `input_audio_buffer.append` carries it. */
export function decodePcm16(base64: string): Int16Array {
  const bytes = Buffer.from(base64, 'base64');
  const even = bytes.length - (bytes.length % 2);
  const pcm = new Int16Array(even / 2);
  for (let i = 0; i < pcm.length; i++) pcm[i] = bytes.readInt16LE(i * 2);
  return pcm;
}
