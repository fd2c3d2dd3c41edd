import { askCue } from '../src/gate.ts';

export interface LabelledLine {
  readonly text: string;
  readonly ask: boolean;
  readonly kind: string;
  readonly split?: 'holdout' | 'holdout2' | 'holdout3';
}

/** Precision and recall of the gate on labelled lines (the test asserts them, the benchmark reports them). */
export function scoreGate(lines: readonly LabelledLine[]): { precision: number; recall: number; size: number } {
  let tp = 0, fp = 0, fn = 0;
  for (const line of lines) {
    const asked = askCue(line.text) !== undefined;
    if (asked && line.ask) tp++;
    else if (asked) fp++;
    else if (line.ask) fn++;
  }
  return { precision: tp / (tp + fp), recall: tp / (tp + fn), size: lines.length };
}
