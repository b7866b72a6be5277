/**
 * Round 14b: a worried or a manager's wish that a thing be closed, said with a "not" that is no refusal:
 *  - "make sure X isn't on a public IP anymore", "ensure X is no longer public": make X internal;
 *  - "make sure nobody outside the VNet can reach X": X internal (outside the network, never "nobody but A");
 *  - after an order that closes ("make X internal", "restrict X", "lock X down"), "it should not be open to the
 *    internet" restates the aim; after an order that turns a thing on, "I don't feel good without it" is a feeling.
 * Both clauses are dropped or read as the order they restate; any other "not" is still a negation.
 * Applied by normaliseText (lower case, contractions expanded) before the phrase lists.
 */

const WISH = String.raw`(?:make sure|ensure|see to it)(?: that)?`;
const NAME = String.raw`((?:the )?[a-z0-9][\w-]*(?: (?:service|svc|app|frontend|site))?)`;

const RULES: Array<[RegExp, string]> = [
  // "make sure X is not (sitting) on a public ip (anymore)", "ensure X is no longer public / exposed to the internet"
  [new RegExp(String.raw`\b${WISH} ${NAME} (?:is|stays|remains) (?:not|no longer) (?:(?:sitting|exposed|reachable|running|listening) )?(?:on (?:a |any )?public (?:ip|ip address|address|load ?balancer|lb|endpoint)|public|exposed|(?:open|exposed|reachable) (?:to|from|on) (?:the )?(?:public )?internet)(?: any ?more| any longer)?\b`, 'g'), 'make $1 internal'],
  // "make sure nobody outside the vnet / our network can reach X"
  [new RegExp(String.raw`\b${WISH} (?:nobody|no one|noone|no-one) (?:from )?outside (?:the|our|of the|of our) (?:vnet|virtual network|network|corporate network|company network|office) (?:can|could|is able to|gets to) (?:reach|access|hit|see|get to|connect to|open) ${NAME}\b`, 'g'), 'make $1 internal'],
];

/** The aim of a closing order, restated with a "not": dropped when such an order comes before it. */
const CLOSING_ORDER = /\b(?:make|move|switch|put|turn)\b[^,.;!?]*\b(?:internal|private)\b|\b(?:restrict|lock (?:\S+ ){0,3}?down|lock down|close)\b/;
const AIM_RESTATED = /\s*[,.;—–-]+\s*(?:since |because |as )?(?:it|this|that|they|the (?:service|app|site|svc))\s+(?:should|must|shall|need to|needs to|ought to|does)\s+not\s+(?:be\s+)?(?:open|public|exposed|reachable|accessible|facing|visible|on)\b(?: (?:to|from|on) (?:the )?(?:public )?(?:internet|outside|world|everyone))?(?: any ?more| any longer)?\s*[.!]*\s*$/;

/** A feeling about the thing being off, after an order that turns it on. */
const TURN_ON_ORDER = /\b(?:enable|activate|turn on|switch on|(?:turn|switch) (?:\S+ ){1,3}?on)\b/;
const FEELING_WITHOUT = /\s*[,.;—–-]+\s*(?:honestly |frankly )?(?:i|we) (?:do not|really do not) (?:feel|sleep|rest) (?:good|safe|comfortable|ok|okay|right|great|happy|well|secure)(?: at all)? without (?:it|that|this|them)\s*[.!]*\s*$/;

/** "pods can't talk to anything they don't need": a "not" that says only the needed flows, never a refusal. */
const ONLY_WHAT_NEEDED = /\b(pods?|workloads?|services?|apps?|containers?|things|nothing else)\s+(?:can not|could not|should not|must not|may not)\s+(?:talk|connect|speak|reach out|send traffic)(?: to)? anything(?: that)? (?:they|it) (?:do not|does not) (?:need|use|require)\b/g;

/** A purpose that nothing be missed or forgotten, after the request: no refusal of it. */
const PURPOSE_NOT_MISSED = /\s*[,;]?\s*\bso (?:that )?(?:i|we|the team|everyone|nobody|no one) (?:do not|does not|will not|never|can not) (?:miss|forget|overlook|lose track of)(?: (?:anything|it|them|a thing|out|something important))?\s*[.!]*\s*$/;

export function withClosingWishRead(text: string): string {
  let t = text;
  if (/\b(?:make sure|ensure|see to it)\b/.test(t)) for (const [re, to] of RULES) t = t.replace(re, to);
  const aim = AIM_RESTATED.exec(t);
  if (aim && CLOSING_ORDER.test(t.slice(0, aim.index)) && !/\bnot\b/.test(t.slice(0, aim.index))) t = t.slice(0, aim.index);
  const feeling = FEELING_WITHOUT.exec(t);
  if (feeling && TURN_ON_ORDER.test(t.slice(0, feeling.index)) && !/\b(?:not|off|disable)\b/.test(t.slice(0, feeling.index))) t = t.slice(0, feeling.index);
  // (locking down "so pods can't talk to anything they don't need": only what they need)
  t = t.replace(ONLY_WHAT_NEEDED, '$1 only talk to what they need');
  // (a purpose that nothing be missed: "…, so I don't miss anything", "so that nobody forgets")
  t = t.replace(PURPOSE_NOT_MISSED, '');
  return t;
}
