import { parse } from '../commands/grammar.js';
import { choicesOf, oppositeChange, sureChange } from './sureChange.js';
import type { Understanding } from './types.js';

/** Words that take a thing away: said with a reading that adds zero trust, the two point opposite ways. */
const TAKES_AWAY = /\b(?:rip|rips|ripped|tear|tears|yank|strip|remove|removing|undo|roll(?:ing)? ?back|revert|get rid|delete|scrap|lift|back out|take (?:it |them |that |those )?(?:out|off|away|down)|get (?:it |them |that )?off|turn (?:it |them |that )?off|switch (?:it |them |that )?off)\b/i;

/**
 * Round 13: "zero trust broke checkout, rip it out of payments" was read as adding zero trust (a wrong write). A
 * reading that adds zero trust beside words that take something away offers both ways, one button each.
 */
export function oppositeWordsAsked(typed: string, u: Understanding): Understanding {
  if (!sureChange(typed, u)) return u;
  const p = parse(u.command);
  if (!p.ok || p.command.kind !== 'zeroTrust' || !TAKES_AWAY.test(typed)) return u;
  const options = choicesOf([oppositeChange(p.command), u.command]);
  return { kind: 'ask', question: 'Add zero trust, or take it away?', detail: 'Your words take something away, and the change I read adds. Nothing changes until you pick one and approve its plan.', options, intent: u.intent, score: u.score };
}
