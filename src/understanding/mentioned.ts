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

/** Round 12: a change that is only quoted is offered as one button, never planned. */
export function mentionedOnly(typed: string, u: Understanding): Understanding {
  if (!sureChange(typed, u) || !MENTIONED.test(typed)) return u;
  return oneButton(u, `You quoted \`${u.command}\` as what was typed or run, so I changed nothing.`, 'If you want that change yourself, pick it: nothing changes until you approve its plan.');
}
