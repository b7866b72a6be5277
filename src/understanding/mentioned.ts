import { oneButton, sureChange } from './sureChange.js';
import type { Understanding } from './types.js';

/**
 * A change quoted as what someone else typed, ran or wrote: "make X public is what the attacker typed in the ticket",
 * "… was the command in the incident". It is talked about, not asked for.
 */
const MENTIONED = new RegExp(
  String.raw`\b(?:is|was|were)\s+(?:exactly\s+|just\s+)?(?:what|the (?:command|line|text|message|thing|step)s?\b)(?:\s+\S+){0,4}?\s+(?:typed|wrote|written|ran|run|entered|sent|pasted|posted|tried|used|executed|issued)\b|` +
    String.raw`\b(?:is|was|were)\s+the (?:command|line|text|message)s?\s+(?:in|from|of|that|they|he|she|someone)\b`,
  'i',
);

/** "e.g. X", "example: X", "the runbook step is: X": a change shown as a sample or quoted from a document. */
const SHOWN = /^\s*(?:e\.g\.?|i\.e\.?|eg|ie|for (?:example|instance))\s*[:,-]?\s|^\s*(?:examples?|sample|test(?:ing)?|demo)\s*[:,-]|^\s*(?:the |our |this )?(?:runbook|playbook|ticket|doc|docs|wiki|lab|guide|readme|manual|procedure)(?:'s)?(?: step)?(?: \S+){0,2} (?:says?|is|reads|has|lists|shows)\s*:/i;

/** "X would be insane", "X would break prod": a change judged, not asked for (praise, "would be great", still asks). */
const JUDGED = /\b(?:would|could|might|will)(?: \S+)? (?:be (?:\S+ )?(?:insane|crazy|mad|a mistake|mistaken|a bad idea|bad|dangerous|risky|stupid|dumb|a disaster|a nightmare|terrible|awful|wrong|reckless|irresponsible|unwise|a problem|suicidal?)|break|kill|hurt|expose)\b/i;

/** Round 12: a change that is only quoted, shown as a sample or judged is offered as one button, never planned. */
export function mentionedOnly(typed: string, u: Understanding): Understanding {
  if (!sureChange(typed, u) || !(MENTIONED.test(typed) || SHOWN.test(typed) || JUDGED.test(typed))) return u;
  return oneButton(u, `You mentioned \`${u.command}\` without asking for it, so I changed nothing.`, 'If you want that change yourself, pick it: nothing changes until you approve its plan.');
}
