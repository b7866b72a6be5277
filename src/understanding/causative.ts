/**
 * Round 14b: a manager's causative order, "get X turned on", "have X taken off the allowlist", "I need X opened back
 * up", "sort out zero trust for X": the thing to do is the participle, said after its object. It is put back in the
 * order our examples use ("enable X", "remove X from the allowlist", "open X back up", "apply zero trust for X").
 *
 * Only at the start of a request (the message, a sentence or a clause, after "please", "kindly", "can you/we",
 * "I need/want", "I would like to"): "did you get X turned on?", "have you enabled X?" and "don't get X disabled"
 * are left as they are (a pronoun, an auxiliary, a negation or a question word in the object stops the rule).
 * Applied by normaliseText before the other phrase lists.
 */

/** Where a request starts: the message, a clause, or a courtesy or wish in front of the order. */
const START = String.raw`(^|[.;:,!?]\s*|\b(?:please|pls|kindly|just|also|and|then|now|so|can (?:you|we|u)|could (?:you|we|u)|would you|will you|i (?:need|want|would like)(?: to)?|we (?:need|want|would like)(?: to)?|i would like to|need to|want to)\s+)`;

/** The participle (with its particle) → the order's verb and the word that follows the object. */
const PARTICIPLES: Array<[string, string, string]> = [
  ['(?:turned|switched|flipped|toggled) on|enabled|activated|switched back on|turned back on', 'enable', ''],
  ['(?:turned|switched|flipped|toggled) off|disabled|deactivated', 'disable', ''],
  ['(?:(?:taken|pulled|dropped|struck) (?:off|out of)|removed from|deleted from|dropped from|taken out of)(?! (?:the )?(?:public|internet|open internet)\\b)', 'remove', ' from'],
  ['reset to|set to|changed to|updated to|narrowed (?:down )?to|cut (?:back|down) to', 'set', ' to'],
  ['allowlisted|whitelisted', 'allowlist', ''],
  ['allowed|permitted', 'allow', ''],
  ['restricted|locked down|locked', 'restrict', ''],
  ['opened (?:back )?up|opened', 'open', ' up'],
  ['made', 'make', ''],
  ['added to|put on', 'add', ' to'],
  ['secured|protected|hardened', 'secure', ''],
];

/** Words that never belong to the object of such an order: a subject, an auxiliary, a negation, a question word. */
const NOT_OBJECT = String.raw`(?:i|you|u|we|they|he|she|someone|somebody|anyone|anybody|everyone|nobody|people|to|be|been|being|is|are|was|were|am|has|have|had|do|does|did|will|would|can|could|should|must|may|might|not|never|no|already|ever|whether|if|what|why|how|when|where|which|who|rid|access|ready|started|going|back|done|sorted|some|any|me|us|them|him|her|like)`;

/** The object: one to eight words, none of them a subject, an auxiliary or a question word. */
const WORD = String.raw`(?!${NOT_OBJECT}\b)[a-z0-9][\w./:-]*`;
const OBJECT = String.raw`((?:${WORD}\s+){0,7}?${WORD})`;

const RULES: Array<[RegExp, string, string]> = PARTICIPLES.map(([said, verb, after]) => [new RegExp(String.raw`${START}(?:(?:i|we) (?:need|want|would like)|get|have|need|want)\s+${OBJECT}\s+(?:${said})\b`, 'g'), verb, after]);

/** "sort out / get sorted / put in place / roll out" zero trust: apply it. */
const ZERO_TRUST_SORTED: Array<[RegExp, string]> = [
  [new RegExp(String.raw`${START}(?:sort out|sort|set up|put in place|roll out|implement|take care of|get)\s+(zero[- ]?trust)\b(?:\s+(?:sorted(?: out)?|done|in place|set up|rolled out|implemented|applied))?`, 'g'), '$1apply $2'],
];

const ADDRESS_LIKE = /\b(?:ip|ips|address|addresses|range|ranges|cidr|cidrs|subnet|laptop|machine|vpn)\b|\d+\.\d+\.\d+/;

export function withCausativeUnfolded(text: string): string {
  let t = text;
  for (const [re, verb, after] of RULES) {
    if (!/\b(?:get|have|need|want|like)\b/.test(t)) break;
    // (an address "allowed" is allowlisted, which the phrase lists already read: "we need our IP allowed on X")
    t = t.replace(re, (match: string, start: string, object: string) => (verb === 'allow' && ADDRESS_LIKE.test(object) ? match : `${start}${verb} ${object}${after}`));
  }
  for (const [re, to] of ZERO_TRUST_SORTED) t = t.replace(re, to);
  return t;
}
