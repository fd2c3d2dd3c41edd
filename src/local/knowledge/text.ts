/** Words too common to say anything about which note answers a question. */
const STOP_WORDS = new Set(
  ('a an and are as at be but by can could did do does for from had has have how i if in into is it its me my no not of on or our ' +
    'so than that the their them then there these they this to us was we were what when where which who why will with would you your ' +
    'about any just some tell please hey hi ok okay um uh so well also get got')
    .split(' '),
);

export function contentTerms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => !STOP_WORDS.has(t));
}

/** MiniSearch term processing: lower-case, no stop words. */
export function processTerm(term: string): string | null {
  const t = term.toLowerCase();
  return STOP_WORDS.has(t) ? null : t;
}

export function sentences(text: string): string[] {
  return text
    .replace(/^#+\s.*$/gm, '')
    .split(/(?<=[.!?])\s+|\n{2,}|\n(?=[-*]\s)/)
    .map((s) => s.replace(/^[-*]\s+/, '').replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);
}
