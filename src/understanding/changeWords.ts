/**
 * Round 11b: changes asked in plain words. Phrasings of a change, and the purpose or occasion said around it, folded
 * before the rest of normalising (lower-cased text, contractions expanded). A purpose ("so I can check the release",
 * "while I test", "for the demo") tells why; it never weighs as the request, and never takes a value with it.
 */
/** "stop the daily security summary in this chat / anymore" (also once other phrases have made "I don't want anymore X" a stop). */
const STOP_THE_DIGEST_HERE = /\b(stop|disable|cancel|pause|mute) (the |these |those |all |our |any )?(?:(?:security|posture|daily|weekly|scheduled|automatic) )+(?:digests?|summar(?:y|ies))(?: (?:messages|posts|emails))?(?:(?: any ?more)?(?: (?:in|to|from|for) (?:this|the) (?:chat|channel|conversation|team)| here)|(?= any ?more\b))/g;

/** Words of an entry added to the API server's ranges (a time said for it is never dropped). */
const NAMES_THE_RANGES = /allowlist|whitelist|\bmy (?:ip|address)\b|authori[sz]ed|\bip ranges\b|api ?server/;
/** Round 12b: the ranges switched off ("turn the ip allowlist off for the drill") add no entry kept by time. */
const SWITCHES_THEM_OFF = /\b(?:turn|switch|shut)\b[^.;!?]*\boff\b|\bdisable\b/;
const ADDS_AN_ENTRY = { test: (text: string) => NAMES_THE_RANGES.test(text) && !SWITCHES_THEM_OFF.test(text) };

type Phrase = [RegExp, string | ((match: string, ...groups: string[]) => string)];

export const CHANGE_PHRASES: Phrase[] = [
  // "so I can get to the cluster for 2 hours", "so every customer can use it again": why (the duration after it stays;
  // "so only X can reach it" is the request itself)
  [/[,;]?\s*\bso(?: that)? (?:i|me|my team|every(?:one|body| customer| user)|all (?:the )?(?:customers|users)|customers|users|the (?:\S+ )?team) (?:can|could|may|will be able to|am able to)\b(?! only\b)(?:(?! (?:for|until|till|on|in)\b)[^.;!?,\d])*/g, ' '],
  // "while I test", "while we debug it": why, up to a value that may follow
  [/[,;]?\s*\bwhile (?:i|we) (?:am |are )?(?:test|testing|debug|debugging|try|trying|check|checking|work|working|look|looking)\b(?:(?! (?:for|until|till|on|in)\b)[^.;!?,\d])*/g, ' '],
  // "for the demo", "for the DR drill tonight", "for the campaign launch tomorrow": the occasion (never "for the next day",
  // nor a cluster, "for the workshop cluster", nor a heading before a colon; kept beside an entry added to the API server's
  // ranges, which is kept by time: "for the demo" is not forever)
  [/\bfor (?:the|our|a|an|this|tomorrow's|today's|tonight's) (?!next\b|coming\b|following\b|rest\b)(?:[a-z-]+ ){0,4}?(?:demo|drill|launch|lab|test|tests|testing|release|meeting|pen ?test|pentest|presentation|migration|rollout|exercise)(?: part of the lab| (?:tonight|tomorrow|today|later))?\b(?! cluster\b)(?!\s*:)/g, (m: string, ...rest: unknown[]) => (ADDS_AN_ENTRY.test(String(rest[rest.length - 1])) ? m : ' ')],
  // "this sprint", "by Friday", "before Monday": a deadline for the work, not a value of the command
  [/\b(?:this sprint|(?:by|before) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|end of (?:the )?(?:day|week)|eod|eow|the weekend))\b/g, ' '],
  // ", vendor needs it open for the demo", ", it's blocking the pipeline": the reason after the order
  [/[,;]\s*(?:the |our |a |an )?(?:vendor|contractors?|customer|client|partner|team|qa team|ci|pipeline|runners?|it|its|it is|this|that|they)(?: is| are)? (?:needs? it|needs? them|blocking|breaking|broke|can not connect)\b[^.;!?]*/g, ' '],
  // "shut off the ip ranges": switch them off ("shut down" a Service is not ours to read)
  [/\bshut (?:it |them |that |this )?off\b/g, 'disable'],
  // "pull the zero-trust policies out of X", "rip the default deny out of Y": remove them from it
  [/\b(?:pull|rip|yank|take|get) ((?:the |all |any |its |their )?(?:zero[- ]?trust|default[- ]?deny|deny[- ]all|network)(?: polic(?:y|ies)| rules?| setup| lockdown)?) out of\b/g, 'remove $1 from'],
  // "…, rip it out of payments", "tear them off X": taken away, whatever "it" is (never the thing added)
  [/\b(?:pull|rip|yank|tear|take|get|strip) (it|them|that|those|this|these) (?:out|off|away|back out) (?:of|from)\b/g, 'remove $1 from'],
  [/\b(?:pull|rip|yank|tear|strip) (it|them|that|those|this|these) (?:out|off|away)\b/g, 'remove $1'],
  // "so only stuff inside our network can use it": internal
  [/\bso(?: that)? only (?:stuff|things|apps|pods|services|workloads|traffic|people|users|machines) (?:inside|in|on|within|from) (?:our|the) (?:own )?(?:network|vnet|cluster|company)(?: can (?:use|reach|access|see|get to|call) (?:it|them))?\b/g, 'internal'],
  // "the restriction of IP", "the limit on IP": the IP limit, said the other way round
  [/\b(restrictions?|limits?|filters?) (?:of|on|by) (?:the )?ip(?: address(?:es)?)?\b/g, 'ip $1'],
  // "I need to curl / reach the api server from my laptop": my address on its allowlist
  [/\b(?:i|we) (?:need|want|have) to (?:curl|hit|call|connect to|talk to|get to|use kubectl against) (?:the )?(?:api server|apiserver|control plane|api)(?: of (\S+))?(?: from (?:my|our) (?:laptop|workstation|machine|desk|pc|computer|home|home office))?/g, (_: string, cluster?: string) => (cluster ? `allowlist my ip on ${cluster}` : 'allowlist my ip')],
  // "I need my own IP allowed on X": my address on X's allowlist
  [/\b(?:i|we) (?:need|want|would like) (?:my|our) (?:own |current |public )*(?:ip|address|ip address) (?:allowed|allowlisted|whitelisted|added)\b/g, 'allowlist my ip'],
  // "oops, …", "ugh …": an interjection before the request is no word of it
  [/^(?:oops|whoops|oh|ah|ugh|argh|sigh|damn|dang|darn|meh)\b[\s,!.]*(?=\S)/g, ''],
  // "Marketing needs X public again": a department that needs a change is who asks; what it needs is the request (not asked as a question)
  [/^(?![^?]*\?)(?:the )?(?:marketing|sales|finance|legal|hr|product|design|engineering|support|compliance|management|leadership|business|mobile|web|frontend|backend|data)(?: team| folks| people| department| dept)? (?:needs|need|wants|want|would like) (?=\S+ (?:public|internal|restricted|unrestricted)\b)/g, 'we need '],
  // "the pen test is done, so …", "we are done testing X from home, …": what has ended is why, the request follows
  // (never a condition: "if / when / once the test is over, …" holds the change back)
  [/^(?:we are|i am) (?:done|finished) (?:with )?(?:[a-z-]+ing\b)?[^,;.!?\d]*[,;.]\s*(?:so |and )?(?=\S)/g, ''],
  [/^(?:the |our |my )?(?:(?!(?:if|when|whenever|once|unless|until|till|after|before|in|as)\b)[a-z-]+ ){0,3}?(?:is|are|was|were) (?:done|over|finished|complete|completed)(?: now)?\s*[,;.]?\s*(?:so |and )?(?=\S)/g, ''],
  // "take the ip limit off X": its source ranges removed
  [/\btake (?:the |its )?(ip limits?|ip restrictions?|source ranges?|source range restrictions?|restrictions?|limits?) off (?:of )?(\S+)/g, 'remove the $1 from $2'],
  // "the source range restriction on X is blocking the QA team, can we remove it": "it" is what blocks; the rest is why
  [/^(?:(?:the |our |my )?[a-z]+(?: team)? (?:says|said|reports|reported|mentioned|tells (?:me|us)|told (?:me|us)) (?:that )?)?((?:the |our |this |that )?(?:[\w./-]+ ){0,5}?[\w./-]+) (?:is|are) (?:blocking|breaking|stopping|locking out) [^,;.!?]*[,;.!?]\s*(?:so |and )?(please |pls )?((?:can|could|would) (?:we|you|u) )?(?:please |just )?(?:(remove|drop|lift|roll back|undo|disable|delete|turn off|switch off) (?:it|them|that)|roll (?:it|them|that) back)\b/g, (_: string, what: string, please = '', asks = '', verb = 'roll back') => `${please}${asks}${verb} ${what}`],
  // "so the morning crew sees this", "so the team knows": who is told, and why; never the request
  [/[,;]?\s*\bso(?: that)? (?:the |our |my )?(?:[a-z-]+ ){0,2}?(?:crew|team|folks|people|everyone|devs|engineers|on-?call|shift|managers?|leads?) (?:can |will |could )?(?:see|sees|know|knows|get|gets|read|reads|notice|notices|have|has)\b[^.;!?,]*/g, ' '],
  // "I don't want to receive the summary anymore": stop it
  [/\b(?:i|we) (?:do not|no longer) (?:want|need|wish|like) to (?:receive|get|see|have) (?:the |these |those |this |any |all )?(.+?)(?: (?:any ?more|any longer))\b/g, 'stop the $1'],
  // "drop a digest in here": post one (dropping a digest is no removal)
  [/\bdrop (?:us |me )?(a|an|the) ((?:fresh |new |quick |security |posture )?(?:digest|report|summary))\b/g, 'post $1 $2'],
  // "stop the security summary in this chat": the digest here, stopped (what kind of digest, and where, is one thing)
  [STOP_THE_DIGEST_HERE, 'stop $2digest here'],
  // formal register: "I'd be grateful if you could X", "Might you X": please X
  [/^(?:i|we) would be (?:very |most |really |so )?(?:grateful|thankful|obliged|glad|happy|delighted) if (?:you (?:could|would|can|will|might) (?:kindly |please )?)?/g, 'please '],
  [/^might (?:you|u) (?:kindly |please )?/g, 'could you '],
  // "… if X could be moved onto an internal load balancer": X made internal
  [/\b(\S+) (?:could|can|would|might) be (?:moved|put|placed|switched|migrated) (?:on|onto|to|behind) (?:an? |the )?internal (?:load ?balancer|lb)\b/g, 'make $1 internal'],
  // "add a policy so A can get to B", "open a path so that A can reach B": allow A to B
  [/\b(?:add|create|put in|set up|open) (?:a |an |the )?(?:network )?(?:policy|rule|exception|allow rule|path|route|way|hole) (?:so(?: that)?|to let|that lets|letting|for) (\S+(?: in (?:the )?\S+(?: namespace)?)?) (?:can |to |may )?(?:get to|reach|talk to|connect to|call|access|hit|send traffic to)\b/g, 'allow $1 to reach'],
  // "…, demo in 10": when the occasion is, said after the request, is why
  [/[,;]\s*(?:the |our )?(?:demo|meeting|call|release|launch|standup|review|presentation)(?: is| starts)? in \d+(?: ?(?:min(?:ute)?s?|hours?|h|m))?\b/g, ' '],
  // "lock X down to Y until the pen test is over": an event with no time is why (never for the API server: a timed entry is kept by time)
  [/\s*\buntil (?:the |our )?(?:[a-z-]+ ){0,3}?(?:is|are) (?:over|done|finished|complete|completed)\b/g, (m: string, ...rest: unknown[]) => (ADDS_AN_ENTRY.test(String(rest[rest.length - 1])) ? m : ' ')],
  // "get zero trust rolled out to X": zero trust on X
  [/\b(?:get|have) (zero[- ]?trust|default[- ]?deny|a default[- ]?deny)(?: polic(?:y|ies))? (?:rolled out|applied|enabled|turned on|set up|put in place) (?:to|on|in|for|across) /g, 'apply $1 to '],
  // "restrict X so (that) only Y can enter / may connect to it": restrict X to Y
  [/\b(restrict|limit|lock down) (?:the )?(?:service |svc )?(\S+)((?: (?:on|in) \S+)*) so(?: that)? only (?:the )?(?:network |range |address |ip |subnet )?(\S+) (?:can|may|is able to|are able to) (?:enter|connect|access|get in|get to|use|call)(?: (?:to )?it)?\b/g, '$1 $2$3 to $4'],
  // "so the pods only talk to what they really need": deny by default
  [/\bso(?: that)? (?:the |our |its )?(?:pods|workloads|apps|services|containers) only (?:talk to|reach|call|connect to|get to) what (?:they|it) (?:really |actually |genuinely |strictly )?(?:need|needs|use|uses)\b/g, 'defaultdeny'],
  // "(might you) permit A to connect to B": allow it (an order, also after a polite opening)
  [/\bpermit (\S+) to (?=(?:reach|call|talk|connect|access|hit|send)\b)/g, 'allow $1 to '],
  // non-native "pass the service X in internal / to public": make it so
  [/\bpass (?:the )?(?:service |svc )?(\S+) (?:in|to|into|as) (internal|public|private)\b/g, 'make $1 $2'],
  // "X should come out of / has to come off the ranges": removed from them
  [/\b(?:should|must|has to|have to|needs? to|can) (?:come|go|be taken) (?:out of|off(?: of)?)\b/g, 'remove from'],
  // ", it's the old office": why an entry goes, never the request (a "please" before it closed the request)
  [/[,;]?\s*(?:\b(?:pls|please|plz)\s+)?\b(?:it is|its|it was|that is|thats|this is|they are) (?:the |an? |our )?(?:old|former|previous|legacy|retired|decommissioned|obsolete|unused|dead)\b[^.;!?]*/g, ' please'],
  // "open the api server back up (on X)": its ranges switched off; ", the API must be open again" restates that wish
  [/\bopen (?:the )?(?:api ?server|control plane)((?: (?:of|on) \S+)?) (?:back up|up again|again|back)\b/g, 'disable the authorized ranges$1'],
  [/[,;]\s*(?:the )?(?:api|api ?server|control plane) (?:must|should|has to|needs to) be (?:open|reachable|accessible) (?:again|to everyone|for everyone)\b[^.;!?]*/g, ' '],
  // "<an address> …, and they need to get to the api server of X": that address on X's allowlist ("it" with no address
  // before it is asked about)
  [/\b(?:they|he|she|the (?:vendor|contractor|partner|consultant|auditor)s?) (?:need|needs|want|wants|have|has) to (?:get to|reach|access|hit|call|connect to|talk to|use kubectl against) (?:the )?(?:api ?server|control plane)(?: (?:of|on) (\S+))?/g, (_: string, cluster?: string) => (cluster ? `allowlist it on ${cluster}` : 'allowlist it')],
];

/** Round 11b: folded after the other phrases (they read the words those have already made one: `authorizedranges`). */
export const CHANGE_PHRASES_LATE: Phrase[] = [
  // "change the apiserver authorizedranges on X to just Y", "replace them with only Y": only Y is left, so they are set
  [/\b(?:change|update|modify|narrow|reduce|cut|limit|trim|replace) (?:down )?(?:the |our )?(?:apiserver |cluster |control plane )?(?:authorizedranges|allowlist|ip ranges)((?: \S+){0,4}?) (?:to|with) (?:only|just)\b/g, 'set ip ranges$1 to'],
  [/\b(?:the |our )?(?:apiserver |cluster )?(?:authorizedranges|allowlist|ip ranges) (?:replaced|swapped|overwritten) (?:with|by) (?:only |just )?/g, 'set ip ranges to '],
  // "set the prod ranges to X": the ranges of that cluster
  [/\bset the ([\w-]+) ranges to\b/g, 'set ip ranges on $1 to'],
  // "I'm done with this", "sick of it": a sigh after the request is no word of it
  [/[.;,!]?\s*\b(?:i am|we are) (?:so )?(?:done|sick|tired|fed up) (?:with|of) (?:this|it|that|them)\b[.!]*/g, ' '],
  [STOP_THE_DIGEST_HERE, 'stop $2digest here'],
  // "kill / drop the ip allowlist" with no address said: no entry left is the ranges switched off
  [/\b(?:remove|clear|delete|drop|wipe|disable) (?:the |our |its )?(?:whole |entire )?ip allowlist\b/g, (m: string, ...rest: unknown[]) => (/\d+\.\d+\.\d+|\bmy ip\b|\bfrom\b/.test(String(rest[rest.length - 1])) ? m : 'disable authorizedranges')],
  // "moved to a deny-by-default network posture": deny by default
  [/\b(?:moved|switched|changed|put|brought|migrated) (?:to|on|onto|into|over to) (?:a |an |the )?defaultdeny(?: network)?(?: posture| model| setup| policy| baseline| stance)?\b/g, 'defaultdeny'],
];
