import type { CrmRecord } from './records.ts';

const words = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}@.\s-]/gu, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^[.-]+|[.-]+$/g, ''))
    .filter(Boolean);

/** Finds records by query (tool) and by mention in speech (panel). Matching is on whole words, case-insensitive. */
export class CrmIndex {
  constructor(readonly records: readonly CrmRecord[]) {}

  find(query: string): CrmRecord[] {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const exact = this.records.filter((r) => r.email.toLowerCase() === q || r.name.toLowerCase() === q || r.company.toLowerCase() === q);
    if (exact.length) return exact;
    const terms = words(q);
    return this.records.filter((r) => {
      const hay = words(`${r.name} ${r.company} ${r.email}`);
      return terms.every((t) => hay.includes(t));
    });
  }

  /** The record whose name, company or email the text mentions, preferring a person over a company. */
  mentionedIn(text: string): CrmRecord | undefined {
    const spoken = ` ${words(text).join(' ')} `;
    const said = (phrase: string) => phrase.length > 1 && spoken.includes(` ${words(phrase).join(' ')} `);
    return this.records.find((r) => said(r.name) || said(r.email)) ?? this.records.find((r) => said(r.company));
  }
}
