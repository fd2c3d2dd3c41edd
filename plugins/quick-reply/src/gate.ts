/** Why a line was taken as asking something, or undefined when it was not. */
export type AskCue = 'question-mark' | 'wh-question' | 'inversion' | 'request' | 'number-or-date' | 'objection' | 'what-about' | 'tag';

// ASR output rarely has punctuation or capitals, so every cue below works on lower-case words alone.
const FILLERS = /^(?:(?:so|um+|uh+|er|erm|hmm+|okay|ok|alright|and|but|yeah|yes|well|oh|like|hey|right|then|now|sorry|wait|also|\w+ wise|in terms of [\w ]+?(?= (?:what|how|which|who|where|when|is|are|do|does|can)\b))\b[\s,.]*)+/;
const PRONOUN = '(?:i|we|you|they|he|she|it|there|this|that|these|those|the|your|our|my|their|his|her|a|an|any|anyone|anybody|someone|somebody|everyone|people|its)';
const AUX = '(?:do|does|did|is|are|was|were|am|can|could|will|would|should|shall|has|have|had|may|might|must|isn\'t|aren\'t|doesn\'t|don\'t|didn\'t|won\'t|wouldn\'t|can\'t|couldn\'t|shouldn\'t|haven\'t|hasn\'t)';
const WH = '(?:what|what\'s|whats|how|how\'s|who|who\'s|whom|whose|where|where\'s|which|why|when|when\'s)';

/** Lines about the meeting itself, or the speaker thinking aloud: questions, but not for a quick reply. */
const ASIDES = [
  /\b(?:unmute|mute|my screen|hear me|my camera|my mic|microphone|my connection|frozen|lagging)\b/,
  /^(?:what|where) (?:was|were|did) i\b/,
  /^where was i\b/,
  /^what'?s the word\b/,
  /^who knows\b/,
  /^which is (?:why|what|where|how)\b/,
  /^give (?:me|us) (?:a|one) (?:sec|second|minute|moment)\b/,
  // "What surprised me was…": a wh-clause as the subject of a statement.
  /^what \w+ (?:me|us|them|him|her) (?:was|is)\b/,
];
const EXCLAMATIVE = [/^what an? \w+/, /^how (?:nice|cool|great|awesome|amazing|fun|lovely|interesting|funny|weird)\b(?: (?:is|was) (?:that|this))?$/, /^how about that$/];

const CUES: readonly (readonly [AskCue, RegExp])[] = [
  // Fillers are stripped first, so "and if we need more seats later" arrives as a bare "if" clause.
  ['what-about', /^(?:what|how) about\b|^what if\b|^if (?!.*\b(?:then|that would|it would|we can|we could|we'll|i'll)\b)/],
  // A wh-word then a bare subject and verb is a clause ("what we need is…"), not a question ("what do we need").
  ['wh-question', new RegExp(`^(?:(?:by|until|since|from|for|to|in|on|at|with|roughly|about|approximately) )?${WH}\\b(?! (?:i|we|they|he|she|you|it)(?:'d|'re|'m|'ve|'ll|'s)?\\b)(?! (?:an?|the|his|her|our|my|their)\\b)`)],
  // Spoken questions often follow a preamble: "you mentioned hubspot how deep does that go".
  ['wh-question', new RegExp(`\\b(?:what|how(?: (?!(?:i|we|they|you|he|she)\\b)\\w+)?|when|where|which \\w+|who|why) ${AUX} ${PRONOUN}\\b|\\bhow (?:much|many|long|soon)\\b`)],
  ['inversion', new RegExp(`\\b(?:is|are|does|do|can|will) (?:it|that|there|this|they|you)\\b.* or\\b|\\bor$`)],
  ['inversion', new RegExp(`^${AUX} (?:${PRONOUN}\\b|\\w+ (?:\\w+ )?(?:work|include|support|have|need|come|cost))`)],
  [
    'request',
    /\b(?:please|let (?:me|us) know|tell me|walk (?:me|us) through|give (?:me|us)|send (?:me|us|over)|show (?:me|us)|explain|help (?:me|us) understand|remind (?:me|us)|repeat|go over|mind (?:sharing|explaining|showing)|any chance|(?:i'?d|i would|we'?d) (?:like|love) to (?:know|see|hear|understand)|i (?:was|am) wondering|i'?m curious|i need to (?:understand|know)|if you could|it would help to (?:see|know|have)|i'?d appreciate|asked (?:whether|if)|(?:i|we)(?: would|'d)? (?:want|need) (?:you to|to see|to know)|(?:trying|want) to figure out|your thoughts on|do me a favou?r|mind if i ask|(?:i|we)(?:'d| would|'ll| will) need (?:your|the|a|an|to see)|^any(?:thing)? (?:else|other|questions|thoughts|concerns|updates|news|feedback)\b)\b/,
  ],
  ['number-or-date', /\b(?:ballpark|rough (?:number|figure|idea|estimate)|need (?:a|the) (?:rough |total |final )?(?:number|quote|price|estimate|figure|cost|date|go-live date|timeline|breakdown)|(?:is|are|be) how (?:many|much|long|soon))\b/],
  [
    'objection',
    /\b(?:too (?:much (?:for|money)|expensive|pricey|long|short|slow|complicated|risky|big)|seems? (?:expensive|pricey|steep|high|complicated)|more than we (?:pay|spend|budgeted)|more work than|(?:not sure|not convinced|doubt) (?:that |if |whether )?(?:our|your|the|this|it|that|we|they|i)\b|worried about|concerned about|my concern is|the (?:problem|issue) is|doesn'?t (?:really )?work for us|won'?t (?:approve|accept|sign|allow)|don'?t see (?:why|how|the point)|i don'?t think (?:our|your|the|this|it|that|we|they)\b|didn'?t (?:stick|work out)|(?:terrible|awful|poor|bad) (?:support|experience|accuracy)|a (?:bit of a |real )?stretch|push back|not seeing (?:how|why|the)|more than (?:the other|our current|what we)|frustrating|disappointing|unacceptable|annoying)/,
  ],
  ['tag', /^(?:\S+ ){2,}(?:right|correct|is that right|isn'?t it|doesn'?t it|don'?t you|aren'?t you|can'?t you|won'?t it|no|yeah|i assume|i take it|i presume)$/],
];

/**
 * The local question gate: decides from the words alone, in microseconds and without the network, whether a final
 * participant line asks, requests or objects to something the user should answer.
 */
export function askCue(line: string): AskCue | undefined {
  const raw = line.trim().toLowerCase().replace(/[’‘]/g, "'");
  if (!raw) return undefined;
  const text = raw.replace(/[“”"]/g, '').replace(FILLERS, '').replace(/[\s,;:]+/g, ' ').trim();
  const bare = text.replace(/[.!?…]+$/, '').trim();
  if (!bare || ASIDES.some((r) => r.test(bare)) || EXCLAMATIVE.some((r) => r.test(bare))) return undefined;
  if (raw.endsWith('!') && !raw.includes('?')) return undefined;
  for (const [cue, pattern] of CUES) if (pattern.test(bare)) return cue;
  // A short noun phrase after "and" is an elliptical follow-up: "and the reporting piece?".
  if (/^(?:(?:okay|ok|so|um|uh),? )*and (?:for |on |with )?(?:the|your)\b/.test(raw) && bare.split(' ').length <= 4) return 'what-about';
  if (raw.endsWith('?')) return 'question-mark';
  return undefined;
}
