/** Pure text clean-up for chat input: Teams mentions, HTML, politeness, punctuation. */

/** A Map: user text is the key, so `&constructor;` must find nothing. */
const ENTITIES = new Map([['&amp;', '&'], ['&lt;', '<'], ['&gt;', '>'], ['&quot;', '"'], ['&#39;', "'"], ['&nbsp;', ' ']]);
const POLITE_PREFIX = /^(?:(?:hey|hi|hello|ok|okay)\s*,?\s+)?(?:palisade\s*,?\s+)?(?:(?:please|pls|plz|kindly)\s+|(?:can|could|would|will) you(?: please)?\s+)+/i;
// The look-behind keeps a bare "thanks" (a command of its own) from being stripped to nothing
const POLITE_SUFFIX = /(?<=\S)\s*(?:,?\s*\b(?:please|pls|plz|thanks|thank you|thx))+\s*$/i;

/** Longest message we read; Teams allows ~28 KB, our grammar never needs more than a few hundred characters. */
export const MAX_COMMAND_LENGTH = 2000;

export function normalize(raw: string): string {
  let t = raw.slice(0, 20_000);
  t = t.replace(/<at\b[^>]*>.*?<\/at>/gis, ' '); // Teams @mentions arrive as <at>Name</at>
  t = t.replace(/<[^>]+>/g, ' ');
  t = t.replace(/&[a-z#0-9]+;/gi, (e) => ENTITIES.get(e.toLowerCase()) ?? ' ');
  t = t.replace(/[\u200b-\u200d\ufeff]/g, '');
  t = t.replace(/[“”]/g, '"').replace(/[‘’]/g, "'");
  t = t.replace(/\s+/g, ' ').trim();
  t = t.replace(/^[/!]+/, ''); // "/status" and "!status" are habits from other bots
  t = t.replace(/[.!?]+$/, '').trim();
  for (let i = 0; i < 3; i++) t = t.replace(POLITE_PREFIX, '').replace(POLITE_SUFFIX, '').trim();
  return t.replace(/[.!?]+$/, '').trim();
}
