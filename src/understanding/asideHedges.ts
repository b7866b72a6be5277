/**
 * Round 12b: asides that hedge a request without doubting it, read off the typed text before anything else (the
 * question mark they carry would otherwise make the request a question). Each rule keeps every value of the request;
 * a doubt about the change itself ("not sure if we should …", "should we …?") is never an aside.
 */
const ASIDES: Array<[RegExp, string | ((match: string, ...groups: string[]) => string)]> = [
  // "Remediation for finding CP-01: add X to …", "Action item: remove …", "INC-4411: …": a ticket's heading before the
  // order is no word of it (only a heading of that kind: "dry run: …", "the store namespace: …" say something)
  [/^(?=[^:]*\b(?:remediation|action|task|todo|finding|ticket|incident|jira|chg|req|[a-z]*-?\d+)\b)(?![^:]*\b(?:not|never|no|if|when|once|until|unless|dry|run|test|preview|draft|idea|proposal|question|plan|later|maybe|step|lab|tutorial|runbook|namespace|cluster|ns)\b)(?:[a-z0-9-]+ ){0,5}?[a-z0-9-]+:\s+(?=(?:please )?(?:add|remove|allowlist|whitelist|restrict|unrestrict|make|disable|enable|apply|set|allow|turn|switch|revoke|lock)\b)/i, ''],
  // "for the workday, like 8 hours": the length said after the occasion (one clause, not two)
  [/\bfor (?:the|my|a|this|our) (?:work ?day|day|shift|afternoon|morning|evening|session|weekend)\s*,?\s*(?:like|about|around|roughly|so|say|approx\.?|approximately|i\.e\.?|ie|which is)\s+(?=(?:\d+|an?|one) )/gi, 'for '],
  // "the authorised IP ranges are redundant; please disable them": what is obsolete is what "them" stands for (one
  // clause, so a message's other sentences stay context)
  [/\b(?:the |our |its )?((?:authori[sz]ed |allowed )?(?:ip |api ?server |control plane )?(?:ranges|allowlist|whitelist))(?: (?:on|of|for) (\S+))? (?:are|is) (?:now )?(?:redundant|obsolete|unnecessary|superfluous|not needed|no longer needed)\s*[;,.]\s*(?:so )?(please |pls )?(?:(?:can|could) (?:you|we) )?(disable|remove|drop|turn off|switch off|clear) (?:them|it)\b/gi, (_: string, what: string, cluster: string | undefined, please = '', verb: string) => `${please}${verb} the ${what}${cluster ? ` on ${cluster}` : ''}`],
  // "someone restricted it, can you open it back up?": undo the restriction (one
  // clause's words, said across clauses)
  [/(?<=\brestrict(?:ed|ion|ions)\b[^?]*?)\bopen (it|them) (?:back up|up again)\b/gi, 'unrestrict $1'],
  // "Audit finding 12: X is public. Restrict it to A.": a heading with a ticket's number is dropped whatever follows
  [/^(?:audit |security |pen ?test )?(?:finding|ticket|incident|jira|chg|req|inc|task|action item|cr)\s*#?\s*[a-z]*-?\d+\s*:\s+/i, ''],
  // "…, I think that's the right term?", "(if that's the right word)": a doubt about the wording, not the change
  [/\s*[,;(-]?\s*(?:i think |i believe |i guess |hopefully |if )?(?:that is|that's|thats|is that|it is|it's|its) (?:the )?(?:right|correct|proper) (?:term|word|name|wording|terminology)\)?\s*\?*\s*$/i, ''],
  // "…? not sure if I need the /32 bit": a doubt about a detail of the value, after the request
  [/\s*[.?!,;]?\s*(?:i'm |i am |im )?not sure (?:if|whether) (?:i|we) (?:need|have to (?:add|use|write)) (?:the |a )?\S+ (?:bit|part|suffix|mask|notation)\s*[.?!]*\s*$/i, ''],
  // "I think I need to replace the ranges with just X? the old ones are wrong": the need said with a rising voice is
  // the request ("should we …?" still asks for advice)
  [/^(?:i think |i guess |i believe |apparently )?(?:i|we) (?:need|have) to ((?:replace|set|change|add|remove|update|allowlist|whitelist|disable|enable|restrict|unrestrict|apply|make)\b[^?]*)\?/i, 'please $1.'],
  // "someone said I need my IP allowlisted? can you do that …": what was heard, asked back, then asked for
  [/\b(?:someone|somebody|they|people|my (?:lead|manager|teammate|colleague|boss)|a colleague) (?:said|says|told me|mentioned) (?:that )?((?:i|we) (?:need|have to|must) [^?.!]+?)\?\s+(?=(?:so |ok |then )?(?:can|could|would) you (?:please )?(?:just )?(?:do|set up|sort) (?:that|it|this)\b)/i, '$1, '],
  // "someone mentioned 'zero trust' for X, can you set that up?": the suggestion passed on is what is asked
  [/^(?:someone|somebody|my (?:lead|manager|teammate|colleague|boss)|a colleague|the [a-z]+ team) (?:mentioned|suggested|recommended|proposed) ['"]?([a-z][a-z -]*?)['"]? (for|on) ([^,;?]+?),? (?:so )?(?:can|could|would) you (?:please )?(?:set (?:that|it|this) up|do (?:that|it|this)|apply (?:that|it|this)|turn (?:that|it|this) on)\s*\?*\s*$/i, 'please $1 $2 $3'],
];

export function withoutAsides(text: string): string {
  return ASIDES.reduce((t, [re, to]) => (typeof to === 'string' ? t.replace(re, to) : t.replace(re, to)), text);
}
