/** ITU-T G.711 μ-law byte → linear PCM16. */
function ulaw(byte: number): number {
  const u = ~byte & 0xff;
  const magnitude = ((((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4)) - 0x84;
  return u & 0x80 ? -magnitude : magnitude;
}

/** ITU-T G.711 A-law byte → linear PCM16. */
function alaw(byte: number): number {
  const a = byte ^ 0x55;
  const exponent = (a & 0x70) >> 4;
  let magnitude = (a & 0x0f) << 4;
  magnitude = exponent === 0 ? magnitude + 8 : (magnitude + 0x108) << (exponent - 1);
  return a & 0x80 ? magnitude : -magnitude;
}

/** 8 kHz G.711 (`audio/pcmu` or `audio/pcma`) → 24 kHz PCM16, by linear interpolation. */
export function g711To24k(bytes: Uint8Array, law: 'pcmu' | 'pcma'): Int16Array {
  const decode = law === 'pcmu' ? ulaw : alaw;
  const out = new Int16Array(bytes.length * 3);
  for (let i = 0; i < bytes.length; i++) {
    const a = decode(bytes[i]);
    const b = i + 1 < bytes.length ? decode(bytes[i + 1]) : a;
    out[i * 3] = a;
    out[i * 3 + 1] = Math.round(a + (b - a) / 3);
    out[i * 3 + 2] = Math.round(a + ((b - a) * 2) / 3);
  }
  return out;
}
