import { oneButton, sureChange } from './sureChange.js';
import type { Understanding } from './types.js';

/** When a change is wanted: a time still to come ("tonight", "in 2 hours", "at 18:00", "starting tomorrow"). */
const LATER = new RegExp(
  String.raw`\b(?:tomorrow|tonight|later(?! than)(?: on| today| this \w+)?|next (?:week|month|time|sprint|(?:mon|tues|wednes|thurs|fri|satur|sun)day)|this (?:evening|afternoon|weekend)|` +
    String.raw`in (?:\d+|an?|one|two|three|a few|a couple of|half an) ?(?:m|min|mins|minutes?|h|hrs?|hours?|d|days?|w|weeks?)|at (?:\d{1,2}(?::\d{2})?\s*(?:am|pm)?|midnight|noon)|` +
    String.raw`(?:on|this|next) (?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:starting|from) (?:tomorrow|tonight|next|monday|tuesday|wednesday|thursday|friday)|end of (?:the )?day|eod|after (?:lunch|hours|work|the weekend))\b`,
  'i',
);

/** Words before a time that make it an end or a length, not a start: "until tomorrow", "for the next hour". */
const ENDS = /\b(?:until|till|til|through|thru|by|for|before|expires?|expiring|valid|lasting)\s+(?:the\s+)?(?:next\s+)?$/i;

/** Words after a time that make it the time of something else: "tomorrow's demo", "tonight for the release". */
const OF_ANOTHER = /^(?:'s|’s|\s+(?:demo|meeting|release|launch|call|review|audit|pen ?test|standup|deploy(?:ment)?|window|maintenance))\b/i;

/** An occasion said just before the time: "a demo tomorrow", "the release tonight". */
const EVENT_BEFORE = /\b(?:demo|meeting|release|launch|call|review|audit|test|standup|deploy(?:ment)?|window|maintenance|outage|cutover|migration|event|presentation|workshop|class|session)s?\s+$/i;

/**
 * Round 11: a change is planned now, so one wanted later ("disable the ranges on prod in 2 hours", "make X public
 * tonight") is offered as one button to press when it is time, never planned now.
 */
export function laterAsked(typed: string, u: Understanding): Understanding {
  if (!sureChange(typed, u)) return u;
  const m = LATER.exec(typed);
  const before = typed.slice(0, m?.index ?? 0);
  if (!m || ENDS.test(before) || EVENT_BEFORE.test(before) || OF_ANOTHER.test(typed.slice(m.index + m[0].length))) return u;
  if (!timesTheChange(typed, m.index, m[0].length)) return u;
  return oneButton(u, `\`${u.command}\` ${m[0].toLowerCase()}?`, 'I make changes only when asked, not at a later time, so I changed nothing. Pick this when it is time; you still approve the plan.');
}

/** Where one clause ends: punctuation, or a word that starts another ("so", "because", "then"). */
const CLAUSE_END = /[;!?—–]+|[.,:](?=\s|$)|\s(?:so|because|since|as|then|and then|but)\s/gi;

/** A verb of a change Palisade makes. */
const CHANGE_VERB = /\b(?:disable|enable|make|turn|switch|add|allowlist|whitelist|remove|restrict|unrestrict|open|lock|zero[- ]?trust|allow|revoke|set|drop|delete|put|expose|hide|block|grant|lift|pull|take|move|apply|roll)\b/i;

/** A time said of something that is, starts or happens ("the demo is in 10 min"), not of the change. */
const STATE_BEFORE = /\b(?:is|are|was|were|starts?|begins?|ends?|happens?|be|go|goes|going|working|presenting|connect(?:ing)?|launch(?:es|ing)?)\s+(?:\w+\s+)?$/i;

/** The time is said of the change: in the clause that orders it ("in 2 hours, disable X": a time alone joins the next). */
function timesTheChange(typed: string, at: number, length: number): boolean {
  const ends = [...typed.matchAll(CLAUSE_END)].map((e) => [e.index!, e.index! + e[0].length]);
  const start = Math.max(0, ...ends.filter(([, end]) => end <= at).map(([, end]) => end));
  const next = ends.find(([from]) => from >= at + length);
  let clause = typed.slice(start, next ? next[0] : undefined);
  // (a clause that is the time alone, "later today,", is the time of the next one)
  if (next && clause.replace(typed.slice(at, at + length), '').trim().split(/\s+/).filter(Boolean).length < 2) {
    const after = ends.find(([from]) => from > next[1]);
    clause = typed.slice(start, after ? after[0] : undefined);
  }
  return CHANGE_VERB.test(clause) && !STATE_BEFORE.test(typed.slice(start, at));
}
