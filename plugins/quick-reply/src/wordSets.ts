// Words that carry no meaning of their own, so two phrasings of one question still look alike.
const FUNCTION_WORDS = new Set(
  ('a an and are as at be but by can could did do does for from had has have how i if in is it its me my of on or our so ' +
    'than that the their them then there these they this to us was we were what when where which who why will with would ' +
    'you your um uh okay ok so well just like yeah right please again also really about any some not no much many')
    .split(' '),
);

/** The content words of a line, lower-cased, with a plural "s" dropped. */
export function contentWords(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.filter((w) => !FUNCTION_WORDS.has(w)).map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w)));
}

/** Jaccard similarity of two word sets: 1 for the same words, 0 for none shared. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared / (a.size + b.size - shared);
}
