/** One figure printed by `npm run bench` and written to bench-results.json. */
export interface BenchResult {
  /** Stable id, e.g. "host.rpc-roundtrip-p50". */
  id: string;
  value: number;
  unit: string;
  /** The target, as text for people, e.g. "<= 0.3". */
  target: string;
  ok: boolean;
}

/** A benchmark file under bench/: exports `run`, which measures and returns its figures. */
export interface BenchModule {
  readonly title: string;
  run(): Promise<BenchResult[]>;
}

export function atMost(id: string, value: number, unit: string, limit: number): BenchResult {
  return { id, value: round(value), unit, target: `<= ${limit}`, ok: value <= limit };
}

export function atLeast(id: string, value: number, unit: string, limit: number): BenchResult {
  return { id, value: round(value), unit, target: `>= ${limit}`, ok: value >= limit };
}

/** A figure the issue asks to report without a numeric target. */
export function report(id: string, value: number, unit: string): BenchResult {
  return { id, value: round(value), unit, target: 'report', ok: true };
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
