import { sureChange } from './sureChange.js';
import type { Understanding } from './types.js';

/**
 * Words that take a change back, or change it mid-message: "jk", "never mind", "scratch that", "actually no, wait",
 * "make X public... no, internal", "disable the ranges? no".
 */
const TAKEN_BACK = new RegExp(
  String.raw`\b(?:jk|j/k|just (?:kidding|joking)|kidding|nvm|never ?mind|scratch that|cancel that|forget (?:it|that)|on second thoughts?|hold that thought)\b|` +
    String.raw`\b(?:actually|wait|hmm+),? (?:no|nope|don'?t|do not|not yet|hold off|never ?mind)\b|\b(?:no|nope|nah),? (?:wait|sorry|actually|hold on|i mean)\b|` +
    String.raw`(?:\.\.\.|…|—|–| - )\s*(?:no|nope|nah|wait)\b(?!\s+(?:rush|hurry|worries|problem|pressure|need|stress))|\?\s*(?:(?:lol|haha|lmao|jk)\s+)?(?:no|nope|nah)\s*[.!]*\s*$|` +
    // (round 12: sarcasm, a refusal of one's own, "or actually keep it")
    String.raw`\bwhat could (?:possibly )?go wrong\b|\bsaid no ?one ever\b|\byeah,? right\b|\s/s\s*$|\bbut (?:i|we) (?:refuse|won'?t|will not|am not going to|'?m not going to|are not going to|'?re not going to)\b|` +
    String.raw`\bor (?:actually|rather|maybe|perhaps|better)?,? ?(?:keep|leave|not|don'?t)\b(?! only\b)`,
  'i',
);

/** Whether the message has words that take something back anywhere in it. */
export function saysTakenBack(typed: string): boolean {
  return TAKEN_BACK.test(typed);
}

/** Round 11: a change taken back in the same message is never planned; nothing changes, and the reply says so. */
export function takenBack(typed: string, u: Understanding): Understanding {
  if (!sureChange(typed, u) || !TAKEN_BACK.test(typed)) return u;
  return {
    kind: 'lost',
    reply: `You took \`${u.command}\` back in the same message, so I changed nothing. Send the change you want on its own.`,
    suggestions: [],
    negated: true,
    score: u.score,
  };
}
