/**
 * Round 14b: idioms of English learned after another language, and of a worried voice, said the way our examples say
 * them. Each is a class of phrasing, none names a value:
 *  - "take/choose X as standard cluster" (German "Standard"): X as the default cluster;
 *  - "kindly share / share me the posture of X" (Indian English "share" = give): show it ("share it with the team",
 *    "share the digest" are left to the digest);
 *  - a removing order that ends with "again" ("remove the policies again", "disable it again": German "wieder", back):
 *    the order alone (an opening order's "again" is left: "make X public again" is an example's shape);
 *  - "are we even running / using defender?": whether Defender is on (never the images that are running);
 *  - "is our exposure / posture getting better or worse?": its trend;
 *  - "hi, is this the security bot?", "are you palisade?": a greeting.
 * Applied by normaliseText (lower case, contractions expanded) with the other phrase lists.
 */
export const LEARNED_ENGLISH: Array<[RegExp, string | ((match: string, ...groups: string[]) => string)]> = [
  [/\b(?:take|choose|pick|set|select) ([a-z0-9][\w-]*) as (?:the |my |our )?(?:standard|default) cluster\b/g, 'use $1 as the default cluster'],
  [/\bstandard cluster\b/g, 'default cluster'],
  [/\b(kindly|please|pls) share (?:with )?(?:me |us )?(?=(?:the |our )?(?!(?:\S+ )?(?:digest|report|summary)\b))/g, '$1 show '],
  [/^((?:please |kindly |pls )?(?:remove|disable|undo|revert|drop|take|pull|delete)\b[^,;!?]*?)\s+again\s*[.!]*\s*$/g, '$1'],
  [/\b(are|is) (we|you|it|this cluster|the cluster|[a-z0-9][\w-]*) (?:even |actually |really )?(?:running|using|protected by|covered by) defender\b/g, (_: string, _verb: string, who: string) => (/^(?:we|you|it|this cluster|the cluster)$/.test(who) ? 'is defender enabled' : `is defender enabled on ${who}`)],
  [/\b(?:is|are) (?:our|the|my) (exposure|posture|security posture|security|findings?|vulnerabilit(?:y|ies)) (?:getting|trending|going|moving) (?:better|worse|up|down)(?: or (?:better|worse|up|down))?\b/g, 'show the $1 trend'],
  [/^(?:(?:hi|hello|hey|hiya)(?: there)?\s*[,!.]*\s*)?(?:is this|are you|am i (?:talking|speaking) to)(?: the| a)? (?:(?:security|palisade|aks|cluster|network) )?(?:bot|palisade|assistant|helper)\s*[?.!]*\s*$/g, 'hello'],
];
