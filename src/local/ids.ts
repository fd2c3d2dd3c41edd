import { randomBytes } from 'node:crypto';

/** OpenAI-style identifier: a type prefix and random hex, e.g. `resp_68af…`. */
export function newId(prefix: string, bytes = 12): string {
  return `${prefix}_${randomBytes(bytes).toString('hex')}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
