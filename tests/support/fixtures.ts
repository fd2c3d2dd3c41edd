import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { firstValueFrom, filter, type Observable } from 'rxjs';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const fixturePluginsDir = path.join(repoRoot, 'tests/fixtures/plugins');
export const builtinPluginsDir = path.join(repoRoot, 'plugins');

/** A fresh scratch folder under the OS temp dir. */
export function scratchDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `sotto-${prefix}-`));
}

/** Resolves with the first value matching `predicate`, or rejects after `ms`. */
export function waitFor<T>(source: Observable<T>, predicate: (value: T) => boolean, ms = 10_000, what = 'condition'): Promise<T> {
  return Promise.race([
    firstValueFrom(source.pipe(filter(predicate))),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms)),
  ]);
}

/** An API key of the shape Sotto accepts ("sk-", 20+ characters) that is plainly not a real one. */
export const placeholderKey = (name: 'valid' | 'revoked'): string => `sk-placeholder-${name}-not-a-real-key`;
