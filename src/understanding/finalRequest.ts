import { tagEntities } from './entities.js';
import { normaliseText } from './normalise.js';
import type { Snapshot, Understanding } from './types.js';
import { oneButton, sureChange } from './sureChange.js';
import { saysTakenBack } from './retracted.js';

/**
 * Round 13b: where the request sits in a message. Some messages carry exactly one request at their end, after words
 * that set it apart from what comes before:
 * - a retraction: "remove A from the allowlist? no wait, ADD it", "actually no. put X back to public";
 * - a choice against something: "I'd rather we didn't disable X, could you just show me them?", "we talked about Y but
 *   decided against it; just show me Z";
 * - background, then the consequence: "…, which it shouldn't be yet, so please make X internal";
 * - a handover note: "QA done -> lift the ranges on X", "TODO check who can reach the API on C".
 * That last part is read on its own ("it"/"them" stand for the one target, or the one topic, of the words before; the
 * one cluster named before is its cluster when it names none). It stands for the message only when it reads as exactly
 * one request; anything else keeps the message's own reading (an ask or "I don't know").
 */
type Why = 'retraction' | 'choice' | 'consequence' | 'lastOrder' | 'handover' | 'note' | 'reason';
interface Split {
  before: string;
  final: string;
  why: Why;
}

/** A retraction, then the request: the last one counts ("no wait", "actually no", "scratch that", "on second thought"). */
const RETRACTION = /(?:^|[\s,.;:?!]|\.\.\.|…)(?:no+,? wait|wait,? no+|actually,? no+|no+,? actually|nope,? actually|scratch that|strike that|cancel that|ignore that|disregard (?:that|the above|my last)|forget (?:it|that)|never ?mind|nvm|on second thoughts?)\b[\s,.;:!—–-]+/gi;
/** Words that still take back, or hold off: no request follows. */
const STILL_BACK = /^(?:wait|hold (?:on|off|up)|stop|don'?t|do not|no+|nope|nah|not (?:yet|now)|cancel|sorry|leave it|forget it|keep it)\b/i;
/** Words that turn down a change before the request ("decided against it", "I'd rather we didn't …", "instead of …"). */
const TURNED_DOWN = /\b(?:decided against|(?:would|'d|’d) rather (?:we |i |you |they )?(?:didn'?t|did not|not|never)|rather not|(?:do not|don'?t) want to|instead of|ruled (?:it|that) out)\b/i;
/** The chosen request: a clause that starts with "just", "instead", "only", "simply" (after "could you", "please"). */
const CHOSEN = /(?:^|[,;.:!?—–]\s*|\s(?:but|and)\s+)((?:(?:could|can|would|will) (?:you|u) |please |pls )?(?:just|instead|only|simply|rather)\b(?:[^,;.!?]|[.](?=\S))*[.!?]*)\s*$/i;
/** Background, then what follows from it: "…, so please make X internal" ("so that", "so far", "so much" are not). */
const CONSEQUENCE = /[,;.]\s*(?:and |but )?(?:so|hence|therefore|thus|which is why|that'?s why),?\s+(?!that\b|far\b|much\b|many\b|long\b|yes\b|no\b|what\b|it|i |we |they |he |she |the |this |that )/gi;
/** What happened, then the order in its own clause: "X was made internal by mistake, switch it back to public". */
const TOLD_THEN_ASKED = /^(.*\b(?:was|were|got|has been|have been|had been)\s+(?:\w+ed|made|set|put|left|taken|moved|switched|broken)\b[^,;.!?]*)[,;.]\s+((?:please |pls |now |so )?(?:switch|put|make|set|turn|move|flip|change|revert|restore|bring|add|remove|allow|restrict|unrestrict|disable|enable|open|close|lock)\b(?:[^,;.!?]|[.](?=\S))*[.!]*)\s*$/i;
const STATE_NAMED = /\b(?:public|internal|private|external|restricted|unrestricted|open to|closed|enabled|disabled)\b|\d/i;
/** Sentences of background, then a sentence that is an order: "…can't reach X anymore, apparently my address must be on some list? add it for 4 hours". */
const LAST_ORDER = /^(.{12,}?[.?!;])\s+((?:please |pls |so |then |just )?(?:add|make|remove|allow|allowlist|restrict|unrestrict|disable|enable|turn|switch|put|lock|open|apply|drop|pull|lift|take|send|show|list|check|set|reset|change|replace|update|move|give|tell)\b(?:[^.?!]|[.?!](?=\S))*[.!]*)\s*$/i;
/** Background that doubts the request itself ("not sure", "maybe", "I think") leaves the doubt with it. */
const HEDGED = /\b(?:not sure|unsure|maybe|perhaps|i think|i guess|probably|might|not certain|no idea|should (?:i|we)|shall (?:i|we)|(?:can'?t|cannot) decide|undecided|torn)\b/i;
/** A reason said after the request, to the end of the message ("since" only when it is no time: "since last week"). */
const REASON = /[,;]?\s+(?:because|cause|'cause|cuz|given that|seeing (?:that|as)|since (?!(?:last|yesterday|this|today|the (?:start|beginning|last|weekend)|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d))\b)(?:[^.;!?]|[.](?=\S))*[.!]*\s*$/i;
/** A handover: something done, an arrow, the next step ("QA done -> lift …", "window over → pull …"). */
const HANDOVER = /^(.{1,60}?\b(?:done|over|finished|complete|completed|passed|approved|merged|ended|closed|signed off|fixed|resolved))\s*(?:->|=>|→|⇒)\s*(.+)$/i;
/** The same with a comma, when what is done is said in a few words: "demo's done, open X back up". */
const HANDOVER_SAID = /^((?:\S+\s+){0,3}?\S*\b(?:done|over|finished|complete|completed|passed|approved|merged|ended|closed|signed off|fixed|resolved))\s*[,;:]\s+(.+)$/i;
/** A note's label before the next step: "TODO check …", "next: …", "action item: …". */
const NOTE = /^\s*(?:todo|to-do|to do|next(?: step)?|action(?: item)?|follow[- ]?up)\s*[:\-–—]?\s+(?=\S)/i;

/** A trailing aside that says why or for how long in words: "(needed after lockdown)", ", temp, for the migration tool". */
const WHY_ASIDE = /\s*(?:\((?:needed|required|for|because|due to|since|after|so|per|temp|temporary|as)\b[^()]{0,60}\)|,\s*(?:temp|temporary|temporarily),?\s*(?:for|because|during|while|until)\b[^,;.!?]{0,40})\s*[.!]*\s*$/i;

function splitOf(typed: string): Split | undefined {
  const marks = [...typed.matchAll(RETRACTION)];
  const last = marks[marks.length - 1];
  if (last) {
    const final = typed.slice(last.index + last[0].length).trim();
    // (what follows must be a request, not more of the retraction: "… actually no, wait", "… no wait, don't")
    if (/[a-z]{2}/i.test(final) && !STILL_BACK.test(final)) return { before: typed.slice(0, last.index), final, why: 'retraction' };
  }
  const chosen = TURNED_DOWN.test(typed) ? CHOSEN.exec(typed) : null;
  if (chosen && TURNED_DOWN.test(typed.slice(0, chosen.index))) return { before: typed.slice(0, chosen.index), final: chosen[1], why: 'choice' };
  // (the request first, then why: "make X internal, because the link leaked and it shouldn't be public yet")
  const reason = REASON.exec(typed);
  if (reason && /[a-z]{2}/i.test(typed.slice(0, reason.index))) return { before: reason[0], final: typed.slice(0, reason.index), why: 'reason' };
  const so = [...typed.matchAll(CONSEQUENCE)].pop();
  if (so) return { before: typed.slice(0, so.index), final: typed.slice(so.index + so[0].length), why: 'consequence' };
  const told = TOLD_THEN_ASKED.exec(typed);
  // (only when the order names where it goes: "switch it back" alone undoes what happened, and that stays a one-button ask)
  if (told && STATE_NAMED.test(told[2])) return { before: told[1], final: told[2], why: 'consequence' };
  const ordered = LAST_ORDER.exec(typed);
  if (ordered) return { before: ordered[1], final: ordered[2], why: 'lastOrder' };
  const handed = HANDOVER.exec(typed) ?? HANDOVER_SAID.exec(typed);
  if (handed) return { before: handed[1], final: handed[2], why: 'handover' };
  // (a trailing note of why, with no value and no "not" in it: "… (needed after lockdown)", "…, temp, for the migration")
  const why = WHY_ASIDE.exec(typed);
  if (why && !/\d|\b(?:not|never|no|don'?t|unless|if|until|once|when|after|before|later|tomorrow|tonight|next|\w+day|week|month)\b|n't\b/i.test(why[0].replace(/^\s*\(\s*needed after\b/i, '(needed'))) return { before: why[0], final: typed.slice(0, why.index), why: 'handover' };
  const note = NOTE.exec(typed);
  if (note) return { before: '', final: typed.slice(note[0].length), why: 'note' };
  return undefined;
}

/** Words that stand for what the words before named ("ADD it", "show me them", "lock it down"). */
const PRONOUN = /\b(?:it|them|that|those|these)\b(?!['’]s)/i;
/** Topics "them" or "it" can stand for when no target is named before. */
const TOPIC = /\b(?:the )?(?:(?:authori[sz]ed (?:ip )?|api |ip )?ranges|allow ?list|api server|zero[- ]trust(?: polic(?:y|ies))?|defender(?: for containers)?|network polic(?:y|ies)|digests?)\b/i;

function finalText(split: Split, snap: Snapshot, vocabulary: ReadonlySet<string>): string | undefined {
  const n = normaliseText(split.before);
  const entities = tagEntities(n.tokens, snap, vocabulary).entities;
  const targets = [...new Set(entities.filter((e) => ['NAME', 'NS', 'ADDR', 'MYIP'].includes(e.type)).map((e) => e.value))];
  const clusters = [...new Set(entities.filter((e) => e.type === 'CLUSTER').map((e) => e.value))];
  let text = split.final.trim();
  // ("…should be exactly A + B, reset them to that": "to that" is the addresses named before)
  const addresses = entities.filter((e) => e.type === 'ADDR').map((e) => e.value);
  if (addresses.length && /\bto (?:that|those|these|this)\b/i.test(text)) {
    text = text.replace(/\bto (?:that|those|these|this)\b/i, `to ${[...new Set(addresses)].join(', ')}`);
    targets.splice(0, targets.length, ...targets.filter((t) => !addresses.includes(t)));
  }
  const pronoun = PRONOUN.exec(text);
  // (a pronoun after a word, never the first word: "that's …", "it is …" start a sentence of their own)
  if (pronoun && pronoun.index > 0) {
    const topic = TOPIC.exec(split.before)?.[0];
    let stands = targets.length === 1 ? targets[0] : targets.length === 0 && topic ? topic : undefined;
    if (!stands) return undefined;
    // (a retraction's "it" is the same thing in the same place: "remove A from the allowlist? no wait, ADD it")
    if (split.why === 'retraction' && targets.length === 1 && topic && !TOPIC.test(text)) stands = `${stands} ${topic.replace(/^the /i, '')}`;
    text = `${text.slice(0, pronoun.index)}${stands}${text.slice(pronoun.index + pronoun[0].length)}`;
  }
  // ("ADD it. prod": a cluster said on its own after the request is where it goes)
  const alone = /[.,;]\s+([a-z][\w-]*)\s*[.!]*$/i.exec(text);
  if (alone && tagEntities(normaliseText(alone[1]).tokens, snap, vocabulary).entities.some((e) => e.type === 'CLUSTER')) text = `${text.slice(0, alone.index)} on ${alone[1]}`;
  // ("… for ratingsapp; just show me the policies there": "there" is the one namespace, or the one cluster, before)
  const namespaces = [...new Set(entities.filter((e) => e.type === 'NS').map((e) => e.value))];
  if (/\b(?:in |on )?there\s*[.!?]*$/i.test(text) && (namespaces.length === 1 || clusters.length === 1))
    text = text.replace(/\s*\b(?:in |on )?there(\s*[.!?]*)$/i, namespaces.length === 1 ? ` in ${namespaces[0]}$1` : '$1');
  const own = tagEntities(normaliseText(text).tokens, snap, vocabulary).entities;
  if (clusters.length > 1 && !own.some((e) => e.type === 'CLUSTER')) return undefined;
  if (clusters.length === 1 && !own.some((e) => e.type === 'CLUSTER')) text = text.replace(/\s*([.!?]*)\s*$/, ` on ${clusters[0]}$1`);
  return text;
}

export function finalRequestRead(typed: string, u: Understanding, snap: Snapshot, vocabulary: ReadonlySet<string>, readPart: (text: string) => Understanding): Understanding {
  if (typeof typed !== 'string') return u;
  const split = splitOf(typed);
  if (!split) return u;
  // (words that take something back, when what follows is no request, leave nothing to read: "X, because … actually no, don't")
  if (split.why !== 'retraction' && (saysTakenBack(typed) || [...typed.matchAll(RETRACTION)].length)) return u;
  // (a sure reading of the whole message stands, but for a retraction: what was taken back is no part of the request)
  // (nor a read of a handover's status, "demo's done" is no question about what was done)
  if (u.kind === 'sure' && split.why !== 'retraction' && !(split.why === 'handover' && !sureChange(typed, u))) return u;
  // (background that imagines, sets a condition or asks something is no background: the message asks about it)
  const before = normaliseText(split.before);
  if ((split.why === 'consequence' || split.why === 'lastOrder' || split.why === 'reason') && (before.hypothetical || before.conditional || (before.question && split.why === 'consequence') || before.advice || HEDGED.test(split.before))) return u;
  // (a handover's status names nothing of ours: "summarize aks-green: …" is no status)
  if (split.why === 'handover' && tagEntities(before.tokens, snap, vocabulary).entities.some((e) => ['CLUSTER', 'NAME', 'NS', 'ADDR'].includes(e.type))) return u;
  // (a bare "no" or "don't" before the order may be about it: "Please don't. Make X internal" keeps its own reading)
  if (split.why === 'lastOrder' && before.negated && before.tokens.length <= 3) return u;
  const text = finalText(split, snap, vocabulary);
  if (text === undefined || text.trim() === typed.trim()) return u;
  const again = readPart(text);
  // (a note's change may be meant for later, "TODO make X internal": offered as one button, never planned)
  if (split.why === 'note' && sureChange(typed, again)) return oneButton(again, `Do you want \`${again.command}\` now?`, 'That reads as a note of a step to do; pick it to see the plan, you still approve it.');
  if (again.kind === 'sure') return again;
  // (a handover's next step said as a one-button ask is still better than "I don't know")
  if (split.why === 'handover' && (u.kind === 'sure' || (u.kind === 'lost' && !u.negated)) && again.kind === 'ask' && again.options.length) return again;
  return u;
}
