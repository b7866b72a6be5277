/** Emoji that say "no": read as the word, so "❌ make X public" is never an order. */
const NO_EMOJI = /[❌🚫⛔👎✖]\uFE0F?/gu;
/** Other emoji and pictographs carry tone, never a command's word. */
const EMOJI = /(?:\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\uFE0F|\u200D)+/gu;
/** Emoticons standing alone: ":)", ";-)", ":D", "xD", "^^". */
const EMOTICON = /(?:^|\s)(?:[:;=8][-']?[)(\][dDpP/\\|oO*]+|xD+|\^\^|<3)(?=\s|$)/g;
/** Chat interjections: "lol", "haha", "omg", "tbh", "btw", "fyi", "smh". */
const INTERJECTION = /\b(?:lol+|lmf?ao+|rofl|ha(?:ha)+h?|he(?:he)+|omg|omfg|ugh+|meh|tbh|imo|imho|btw|fyi|smh|welp|yikes|oof|yay+)\b/gi;
/** "do you even see", "is X even on": "even" as a shrug, not a word of the request ("even if" keeps its sense). */
const SHRUG_EVEN = /\beven\b(?!\s+(?:if|though|when|after|before|with|without|more|less|for|the|a|one|number))/gi;
/** "heyyy", "sooo", "hiii": a letter held at the end of a word. */
const HELD_LETTER = /\b([a-z]+?)([a-z])\2{2,}\b/gi;

/**
 * Chat noise removed before a message is read: emoji (the ones that say "no" become "not"), emoticons, interjections,
 * a shrugging "even", and letters held at the end of a word.
 */
export function withoutChatNoise(text: string): string {
  return text
    .replace(NO_EMOJI, ' not ')
    .replace(EMOJI, ' ')
    .replace(EMOTICON, ' ')
    .replace(INTERJECTION, ' ')
    .replace(SHRUG_EVEN, ' ')
    .replace(HELD_LETTER, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}
