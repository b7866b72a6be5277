import { normalize as cleanChat } from '../commands/normalize.js';
import { own } from '../text/own.js';

/** Text → lower-case tokens: contractions expanded, punctuation dropped, addresses/ports/times/names kept whole. */

const CONTRACTIONS: Array<[RegExp, string]> = [
  [/\bcan'?t\b/g, 'can not'],
  [/\bwon'?t\b/g, 'will not'],
  [/\b(do|does|did|is|are|was|were|should|would|could|has|have|must)n'?t\b/g, '$1 not'],
  [/\bain'?t\b/g, 'is not'],
  [/\b(what|who|where|how|that|there|it|here)'s\b/g, '$1 is'],
  [/\blet's\b/g, 'let us'],
  [/\bi'm\b/g, 'i am'],
  [/'re\b/g, ' are'],
  [/'ve\b/g, ' have'],
  [/'ll\b/g, ' will'],
  [/\b(i|we|you|they|he|she)'d\b/g, '$1 would'],
  // a possessive says whose, not what: "the production cluster's authorized ips" → "the production cluster authorized ips"
  [/\b([a-z0-9-]+)'s\b/g, '$1'],
  [/\b([a-z0-9-]+s)'(?=\s|$)/g, '$1'],
  [/\b(whats|wats)\b/g, 'what is'],
  [/\bwhos\b/g, 'who is'],
  [/\bthats\b/g, 'that is'],
  [/\bhows\b/g, 'how is'],
  [/\bwat\b/g, 'what'],
  [/\bu\b/g, 'you'],
  [/\bur\b/g, 'your'],
  [/\b(?:rn|asap|atm)\b/g, 'now'],
  [/\bthx\b/g, 'thanks'],
];

/** Multi-word phrases folded into one vocabulary word before tokenising (synonyms). */
const PHRASES: Array<[RegExp, string | ((match: string, ...groups: string[]) => string)]> = [
  // British spellings meet the American ones the examples use ("authorised" → "authorized")
  [/\b(authori|summari|organi|recogni|priori|minimi|customi|optimi|normali|standardi|categori|analy|visuali)s(e|ed|es|ing|ation|ations)\b/g, '$1z$2'],
  [/\b(?:hallo|hullo|helo|howdy|heya|hiya|hey ?ya|greetings|servus|moin|hola|bonjour|ciao)\b/g, 'hello'],
  // terse chat: shell-like abbreviations and arrows
  [/\brm\b/g, 'remove'],
  [/^ls\b/g, 'list'],
  [/\bmk\b/g, 'make'],
  [/\bdel\b/g, 'delete'],
  [/\s(?:->|=>|→|-->)\s/g, ' to '],
  [/(^|\s)\+(?=\d)/g, '$1add '],
  [/\b(\w+)[- ]wise\b/g, '$1'],
  [/\b(?:be|is|are|was|were) able to\b/g, 'can'],
  // terse toggles: "defender off for workshop", "digests on"
  [/^(defender|digests?|reports?|zero ?trust|allowlist|authori[sz]ed ranges|ip ranges) (off|on)\b/g, (_: string, what: string, dir: string) => `${dir === 'off' ? 'disable' : 'enable'} ${what}`],
  [/\b(?:latest|newest|most recent)\b/g, 'last'],
  // "check if X is public": the question itself ("whether X is public"), not the posture check
  [/\b(?:check|see|verify|find out|tell me|confirm|know) (?:if|whether)\b/g, 'whether'],
  // "how has the score changed / improved": a score over time is its trend, not the audit of what changed
  [/\b((?:score|posture|security|rating|coverage|grade)s?(?: (?:of|on|for|in|across) (?:the |our )?\S+)?) (?:has |have )?(?:changed|change|evolved|evolve|moved|developed|shifted|improved|improve|worsened|dropped|gone up|gone down|gotten (?:better|worse)|got (?:better|worse))\b/g, '$1 trend'],
  // "security problems in the images": findings in images are their vulnerabilities, not the posture
  [/\b(?:security )?(?:problems?|issues?|findings?|holes?|flaws?|weakness(?:es)?|risks?|bugs?)(?= (?:in|of|with|on|inside|affecting) (?:the |our |any |my |all )?(?:container |docker |deployed |running )?images?\b)/g, 'vulnerability'],
  // a state wished away: "not public anymore" / "no longer public" → internal, and the other way round
  [/\b(?:is |be )?(?:not|no longer) (?:public|exposed|internet[- ]facing)(?: any ?more)?\b/g, 'internal'],
  [/\b(?:is |be )?(?:not|no longer) (?:internal|private)(?: any ?more)?\b/g, 'public'],
  [/\b(?:only )?inside (?:the |our )?(?:vnet|virtual network|private network)\b/g, 'internal'],
  // "change the ranges to just our office": only that, not one more
  [/\b(?:to|for) just\b/g, 'to only'],
  [/\bget rid of\b/g, 'remove'],
  [/\btake ((?:\S+ ){0,4}?\S+) (?:off|away)(?=\s*(?:$|[,.;!?]|again|please|now))/g, 'remove $1'],
  [/\btake (?:off|away)\b/g, 'remove'],
  [/\broll ?back\b/g, 'undo'],
  [/\b(?:erase|purge|strip)\b/g, 'remove'],
  // "block everyone except X" / "anyone but X": only X
  [/\b(?:block|deny|stop) (?:anyone|anybody|everyone|everybody|everything|all traffic|all sources) (?:except|but|other than|apart from) /g, 'only allow '],
  [/\b(?:anyone|anybody|everyone|everybody|all) (?:except|but|other than|apart from) /g, 'only '],
  // "deny all traffic by default", "block the rest": a default-deny policy
  [/\b(?:deny|block|drop) (?:all|every|any)(?: other)? (?:traffic|connections?)(?: by default)?\b/g, 'defaultdeny'],
  [/\b(?:block|deny|drop) (?:the rest|everything else|all the rest|all else)\b/g, 'defaultdeny'],
  // who did it: "who touched/modified/edited X" asks what changed
  [/\b(?:touched|modified|edited|altered|tampered with|messed with|fiddled with)\b/g, 'changed'],
  // round 4: a question about a past change is the audit ("why did someone remove X", "who did that?")
  [/\b(?:why|when|who) (?:did|has|have|had) (?:someone|somebody|anyone|anybody|you|they|he|she|we|people) (?:\S+ ){0,2}?(?:remove|add|change|disable|enable|delete|make|turn|switch|open|restrict|apply|allowlist|set|drop|put)\w*\b/g, 'who changed'],
  [/\bwho (?:did|made|applied|requested|ordered|approved) (?:that|this|it|those|these)\b/g, 'who changed'],
  // approvals waiting: "nobody approved yet", "the approval queue", "awaiting sign-off"
  [/\b(?:nobody|no one|noone|not yet|none) (?:has |have )?(?:approved|signed off)(?: yet)?\b/g, 'pending approval'],
  [/\b(?:not|never) (?:been |yet )?approved(?: yet)?\b/g, 'pending approval'],
  [/\bapproval queue\b/g, 'pending approval'],
  [/\b(?:awaiting|waiting for|needing|needs|need) (?:an? )?(?:second |another |2nd )?(?:approval|approver|sign-?off)\b/g, 'pending approval'],
  // "don't want to receive/get X anymore": stop sending it
  [/\b(?:do not|does not|no longer) (?:want|wish|need) to (?:receive|get|see) /g, 'stop '],
  [/\b(?:un-?(?:white|allow)[- ]?list(?:ed)?|disallow(?:ed)?|de-?authori[sz]e)\b/g, 'unallowlist'],
  [/\bwhi?te?[- ]?li?st(ed|ing|s)?\b/g, 'allowlist'],
  [/\bwl\b/g, 'allowlist'],
  [/\ballow[- ]list(ed|ing|s)?\b/g, 'allowlist'],
  [/\bsafe[- ]?list(ed|ing|s)?\b/g, 'allowlist'],
  [/\ballowlist(ed|ing|s)\b/g, 'allowlist'],
  [/\bauthori[sz]ed (ip )?(address )?ranges?\b/g, 'authorizedranges'],
  [/\b(api[- ]?server|control[- ]?plane|kube[- ]?api|kubernetes api|k8s api|master endpoint|api endpoint)s?\b/g, 'apiserver'],
  // "the kubernetes control plane", "the cluster api server": one thing
  [/\b(?:kubernetes|kube|k8s|cluster|aks) apiserver\b/g, 'apiserver'],
  [/\bnetwork[- ]?polic(y|ies)\b/g, 'networkpolicy'],
  [/\bnet ?pols?\b/g, 'networkpolicy'],
  [/\b(?:network|traffic|firewall) rules?\b(?= (?:between|for|of|in|on) (?:the )?(?:pods?|workloads?|namespaces?|apps?|services?)\b| in\b)/g, 'networkpolicy'],
  [/\bload[- ]?balancers?\b/g, 'loadbalancer'],
  [/\blbs?\b/g, 'loadbalancer'],
  [/\bzero[- ]?trust\b/g, 'zerotrust'],
  [/\bzt\b/g, 'zerotrust'],
  [/\block[- ]?down\b/g, 'lockdown'],
  [/\block (\S+) down\b/g, 'lockdown $1'],
  [/\bdefault[- ]?deny\b/g, 'defaultdeny'],
  [/\bsvcs?\b/g, 'service'],
  [/\bvulns?\b/g, 'vulnerability'],
  [/\bcves?\b/g, 'vulnerability'],
  [/\bvulnerabilit(y|ies)\b/g, 'vulnerability'],
  [/\bip[- ]?addr(ess)?(es)?\b/g, 'ip'],
  [/\bips\b/g, 'ip'],
  [/\bk8s\b/g, 'kubernetes'],
  [/\baudit[- ]?log\b/g, 'audit'],
  [/\bsign[- ]?offs?\b/g, 'approval'],
  [/\bset ?up\b/g, 'setup'],
  [/\bover time\b/g, 'overtime'],
  // "turn on X" / "switch X off" / "activate": one word for each direction
  [/\b(?:turn|switch|flip|toggl)ed on\b/g, 'enabled'],
  [/\b(?:turn|switch|flip|toggl)ed off\b/g, 'disabled'],
  [/\b(?:turn|switch|flip|toggle)s? on\b/g, 'enable'],
  [/\b(?:turn|switch|flip|toggle)s? off\b/g, 'disable'],
  [/\blocked[- ]down\b/g, 'restricted'],
  [/\b(?:ta|thank u|thanx|thnx|tks)\b/g, 'thanks'],
  // the switch word comes first: in "turn X off on the Y subscription" the "on" is where, not the direction
  [/\b(?:turn|switch|flip) ((?:(?!(?:on|off)\b)\S+ ){0,3}?(?!(?:on|off)\b)\S+) off\b/g, 'disable $1'],
  [/\b(?:turn|switch|flip) ((?:(?!(?:on|off)\b)\S+ ){0,3}?(?!(?:on|off)\b)\S+) on\b(?! \S*(?:cluster|aks|prod|workshop))/g, 'enable $1'],
  // "on the Retail sub(scription)": the grammar's subscription scope
  [/\b(?:on|in|for|across) (?:the |our )?([a-z0-9][\w.-]*) (?:sub|subscription)\b/g, 'in $1'],
  [/\bdeactivate\b/g, 'disable'],
  [/\b(?:kill|nuke|yank|zap|wipe|rip out|rip)\b/g, 'remove'],
  [/\bflip\b/g, 'switch'],
  [/\b(?:anybody|everybody|everyone|the world|all sources|any source)\b/g, 'anyone'],
  [/\bactivate\b/g, 'enable'],
  // round 3: what a sentence wishes, said around the command words
  // "for tomorrow's demo we need X …": the occasion is context; the request starts at "we need"
  [/^(?:for|before|ahead of|after|during|because of|due to|in time for) [^,.;]{1,60}?,? (?=(?:we|i) (?:need|want|would like|have to|must|should)\b)/g, ''],
  // "the vendor / our CI runners need(s) …": who needs it is context; what they need is the request
  [/^(?:the |our |my |a |an |some )?(?:new |external |outside )?(?:vendor|contractor|partner|customer|client|auditor|consultant|developer|dev|team|colleague|intern|tester|qa|support|ops|sre|manager|boss|user|engineer|admin|ci|pipeline|runner|build agent|agent)s?(?: (?:team|runners?|agents?))?((?: (?:at|from|on|with) \S+)?) (?:needs|need|wants|want|requires|require|must have|should have|should get)\b/g, '$1'],
  // "X shouldn't be able to reach Y anymore": a reach wished away is a removal, not a "not" about the request
  [/\b(?:should|must|may) (?:not|no longer) (?:can |be allowed to )?(?:reach|access|connect to|talk to|get to|hit)\b/g, 'remove access to'],
  // "… so the team can review it before the meeting": the purpose is context (but "so that only X can reach it" is not)
  [/\b(?:so|so that) (?:the team|we|they|everyone|anyone|people|he|she|the (?:auditors?|managers?|customers?|vendors?|reviewers?))\b(?! only)[^.;!?]*/g, ' '],
  // "the allowed ips / addresses": the allowlist
  [/\ballowed (?:ip|ips|addresses|ranges|list|networks|sources)\b/g, 'allowlist'],
  // "no public ip for X" / "without a public address": the wish is internal (an opposite word in it is no rival)
  [/\b(?:no|without (?:a|any)) (?:public|external|internet[- ]facing) (?:ip|address|endpoint|exposure|access|loadbalancer|entry)s?\b/g, 'internal'],
  [/\binternal only\b|\bonly internal(?:ly)?\b/g, 'internal'],
  // "we don't need them (any more)": the reason for a removal, not a "not" about it
  [/\b(?:we|i) (?:do not|does not) need (?:them|it|those|these|that|this)(?: any ?more)?\b/g, ' '],
  // round 5: chat spelling and plain-word synonyms ("lookin", "solely", "permitted")
  [/\b(look|do|go|work|check|run|get|try)in\b/g, '$1ing'],
  [/\b(?:solely|exclusively|purely)\b/g, 'only'],
  [/\bconsist (?:only )?of\b/g, 'be'],
  [/\bpermitted\b/g, 'allowed'],
  // a written date is a date ("the 1st of June 2025", "June 1st, 2025" → 2025-06-01)
  [/\b(?:the )?(\d{1,2})(?:st|nd|rd|th)? (?:of )?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*,? (\d{4})\b/g, (_: string, d: string, m: string, y: string) => isoDate(y, m, d)],
  [/\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* (?:the )?(\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b/g, (_: string, m: string, d: string, y: string) => isoDate(y, m, d)],
  // "I want to see X", "I'd appreciate a list of X": show X
  [/\b(?:i|we) (?:want|would like|need|would love|wish) to see\b/g, 'show'],
  [/\b(?:i|we) would (?:really )?appreciate (?:a|an|the) (?:list|overview|summary|view|rundown|report) of\b/g, 'list'],
  // "… to see what it looks like", "to see how it works": a purpose, not a request of its own
  [/\bto see (?:what|how) (?:it|that|this|they|those) (?:looks?|looking|works?)(?: like)?\b/g, ' '],
  // "stop receiving / getting them": stop them
  [/\bstop (?:receiving|getting|seeing|sending)\b/g, 'stop'],
  // "are we improving?", "is it getting better": the score over time
  [/\b(?:are|is) (?:we|things|it|our (?:\S+ )?(?:score|posture|security)) (?:improving|getting (?:better|worse)|trending (?:up|down|better|worse))\b/g, 'is our score trend'],
  // "the image(s) / exposure score changed": that area's trend (what the score-change rule above made of it)
  [/\b(?:container )?(images?|exposure|networkpolicy|apiserver) (?:security )?(?:score|posture|rating|coverage)s? trend\b/g, (_: string, area: string) => `trend ${area.startsWith('image') ? 'images' : area}`],
  // "the API server public or private(-link only)?", "a private API or a public one?": whether the cluster is private
  [/\b(?:public(?:ly)?(?: reachable| exposed| accessible)?(?: api| apiserver| endpoint| one)?,? or (?:only )?(?:through )?(?:a |an )?private(?:[- ]link| endpoint| one)*(?: only)?|private(?:[- ]link)?(?: api| apiserver| endpoint| one)?(?: only)? or (?:a |an )?public(?: one| api| apiserver| endpoint)?)\b/g, (m: string, ...rest: unknown[]) => (/\b(?:api|apiserver|cluster|control plane)\b|\baks-/.test(String(rest[rest.length - 1])) ? 'private cluster' : m)],
  // a leading occasion before a request ("following the audit, …"): context (never one that names a value)
  [/^(?:following|after|given|because of|due to|for|before|ahead of) (?:the |our |a |an |this |that |my |tomorrow |today )[^,.;\d-]{1,40}, (?=(?:i|we|could|can|would|will|please|kindly)\b)/g, ''],
  // round 5: more plain phrasings of things we know
  [/\b(?:with |that have |having )?(?:an? )?(?:available fix(?:es)?|fix(?:es)? available)\b/g, 'fixable'],
  [/\blet (?:me|us)(?: know)?(?= whether\b)|\blet (?:me|us) know\b/g, 'tell me'],
  [/\bcmds?\b/g, 'commands'],
  [/\b(?:in place|in effect|enforced)\b/g, 'applied'],
  [/\b(is|are|be) active\b/g, '$1 enabled'],
  [/\b(?:waiting|sitting|pending) (?:on|for) (?:an? |the )?(?:approver|approval|sign-?off|reviewer)s?\b/g, 'pending approval'],
  [/\b(?:i|we) would (?:love|like) (?:a|an) (?:quick |short |brief )?(?:summary|overview|rundown|update|picture) of\b/g, 'show'],
  [/\bwhere (?:we|things) stand\b/g, 'posture'],
  // a reason about noise ("too noisy", "way too many") is no request of its own
  [/\b(?:(?:it is|they are|that is|its) )?(?:way |far |a bit |much )?too (?:noisy|spammy|annoying|chatty|frequent|loud|much|many)\b/g, ' '],
  // "I don't want anymore the X": stop the X
  [/\b(?:i|we) (?:do not|no longer) want (?:any ?more|any longer) /g, 'stop '],
  // "X is active or not?": a yes/no question, not a "not"
  [/\bor not\b(?=\s*(?:$|[?.,;]|in\b|on\b|for\b))/g, ' '],
  // chat spelling: "4" between words is "for" ("turn on defender 4 workshop"), never before a unit of time
  [/(?<=[a-z] )4(?= (?:the |my |our |all )?[a-z])(?! (?:s|secs?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)\b)/g, 'for'],
  // round 5: non-native order and framings ("the cluster of workshop", "thank you for X, but …")
  [/\bthe (cluster|namespace) (?:of|called|named) (\S+)/g, 'the $2 $1'],
  [/^(?:thanks?|thank you|many thanks)(?: (?:so|very) much)? for ([^,.;]*),? but /g, '$1, '],
  [/^(?:thanks?|thank you|many thanks)(?: (?:so|very) much)?,? but /g, ''],
  [/\bwhat (?:kind|kinds|sort|sorts|type|types) of (?:things|stuff|questions|requests|commands)\b/g, 'what commands'],
  [/\bfor (?:all )?(?:the |my |our )?(?:next|following|coming|upcoming|future) (?:commands|questions|requests|messages)\b/g, 'from now on'],
  // "X can't reach Y (anymore), can you …": a problem someone has, not an instruction (never after "make sure")
  [/(^|.)(\b(?:can not|could not|is not able to|are not able to|fails? to) )(?=(?:reach|call|talk|connect|access|get to|resolve|hit)\b)/g, (m: string, ...g: string[]) => (/\b(?:make sure|ensure|so that|such that|verify|check|guarantee)\b[^,.;]*$/.test(String(g[3]).slice(0, Number(g[2]) + g[0].length)) ? m : `${g[0]}fails to `)],
  // "nothing can talk except what is necessary", "only the needed traffic": deny by default
  [/\b(?:nothing|no traffic|no pods?|no one|nobody|no workload)(?: else)? (?:can|should|may|is allowed to) (?:talk|communicate|connect|flow|get in|reach anything)(?: \S+){0,3}? (?:except|but|other than|apart from|unless)\b[^,.;]*/g, 'defaultdeny'],
  [/\bonly (?:the )?(?:needed|necessary|required|expected|essential) (?:traffic|connections|flows)(?: (?:goes|go|gets|get|is|are) (?:through|allowed|let through))?\b/g, 'defaultdeny'],
  // "the on-call engineer's address, 192.0.2.77": a description right before an address is not a word to read
  [/\b(?:the|our|my|their|his|her) (?:(?!only\b|just\b)[a-z'-]+ ){0,3}(?:address|ip|network|range|subnet|cidr),? (?=(?:\d{1,3}\.){3}\d{1,3})/g, ''],
  // round 5: an occasion at the start ("for the audit,", "ahead of the pen test,", "while we finish X,") is context
  [/^(?:for|before|after|ahead of|following|during|because of|due to|in time for) (?:the|our|an?|this|next|upcoming|tomorrow|today)(?: [a-z']+){0,2}? (?:audit|review|pen ?test|pentest|demo|meeting|call|migration|release|launch|incident|outage|presentation|engagement|board|committee|check)s?,? /g, ''],
  [/^while (?:we|i|they|the team) [^,.;\d]{1,50}, /g, ''],
  [/^(?:just )?to double[- ]check(?: (?:before|for|ahead of) [^:,]{1,40})?[:,] /g, ''],
  // "our auditors keep asking whether …": who asks is context, the question follows
  [/^(?:the |our |my )?\S+ (?:keep|keeps|kept|are|is|have been|has been) asking (?=whether|if)/g, ''],
  // "the allowlist to be X", "… to consist of X": the whole list is set
  [/\b(allowlist|authorizedranges|ip ranges)((?: \S+){0,3}?) to be (?:only |just )?(?=(?:\d{1,3}\.){3}\d{1,3})/g, 'set $1$2 to '],
  // "the permitted API addresses": the API server's allowlist
  [/\ballowed (?:api|apiserver|control plane|cluster) (?:ip|ips|addresses|ranges|networks|sources)\b/g, 'apiserver allowlist'],
  // "visible from the internet", "what are we exposing": exposed
  [/\bvisible (?:from|on|to) (?:the )?(?:public )?internet\b/g, 'reachable from the internet'],
  [/\bwhat (?:are )?we (?:are )?(?:currently )?exposing\b/g, 'what is exposed'],
  // "keep it on our private network only": internal
  [/\b(?:keep|put|move|place) (it|them|\S+) (?:on|in|onto|into) (?:our |the )?(?:private|internal) network(?: only)?\b/g, 'make $1 internal'],
  // "keeping an eye on", "remind me": watching, tell me
  [/\b(?:keep|keeps|keeping) an eye on\b/g, 'watching'],
  [/\bremind (?:me|us)\b/g, 'tell me'],
  // "a record of everything that's been changed": what changed; "I need it for X" is a reason
  [/\b(?:a|the) (?:record|log|history|list) of (?:everything|all|what)(?: that)?(?: is| has| have)?(?: been)? changed\b/g, 'what changed'],
  [/\b(?:i|we) need (?:it|this|that|them) for\b[^.?!]*/g, ' '],
  // "limit who can hit X to …": limit X to …
  [/\blimit who (?:can|may|is able to) (?:hit|reach|access|open|use|connect to|get to) /g, 'limit '],
  // "how is the private cluster looking / doing": its posture
  [/\bhow is (the |our |my )?(\S+(?: cluster)?) (?:looking|doing)\b/g, 'how is the security of $1$2'],
  // round 5: more wishes said as states or questions
  [/\bcancel (?:the |my |that |this )?(?:change |pending )?requests?\b/g, 'pending approval'],
  [/\b(?:has|have|gets?|with) (?:only )?(?:a |an )?(?:private|internal) ip(?: address)?(?: only)?\b/g, 'internal'],
  [/\bonly (?:i|me) (?:can|could|may|am able to) (?:open|reach|access|use|see|hit|get to)\b/g, 'only my ip can reach'],
  [/^(?:can|could) (\S+) be (limit|restrict|lock|open|expos)ed\b/g, '$2 $1'],
  [/^(?:can|could) (\S+) be made\b/g, 'make $1'],
  // round 5: the default cluster said other ways ("default to X", "take X as my default one", "switch ctx to X")
  [/\b(?:from now on |from now )?(?:please )?(?:default|defaults) to (?=\S)/g, 'use cluster '],
  [/\b(?:take|set|make|use|have|keep) (\S+) as (?:my|our|the|this channel|the channel)? ?default(?: one| cluster| context)?\b/g, 'use cluster $1'],
  [/\bset (?:the |my |our )?default(?: cluster| context)?(?: (?:for|of|in) (?:this|the|our) (?:channel|chat|team|conversation))? to\b/g, 'use cluster'],
  [/\b(?:switch|change|move|set)(?: the| my)? (?:ctx|context|kube-?context|kubectx)(?: over)? to\b/g, 'use cluster'],
  // "deny-by-default", "deny by default posture": a default-deny policy (not the namespace "default")
  [/\bdeny[- ]by[- ]default\b/g, 'defaultdeny'],
  // "place X on an internal load balancer": put it there
  [/\bplace (?=\S+ (?:on|in|into|behind|onto)\b)/g, 'put '],
  // round 5: who asked for it is context ("I've been asked by audit to …", "the auditors asked us to …")
  [/\b(?:i|we) (?:have been|had been|was|were|am|are|got|get|have|had) (?:asked|told|required|requested|tasked)(?: by (?:the |our |my )?\S+(?: team)?)? to\b/g, ''],
  [/^(?:the |our |my )?\S+(?: team)? (?:asked|told|want|wants|asks|requested|required|needs|need) (?:us|me) to\b/g, ''],
  // "confirm / find out who …": the question that follows is what is asked
  [/\b(?:confirm|verify|find out|double[- ]check|understand|figure out|establish) (?=(?:who|what|which|how|where)\b)/g, ''],
  // "pull that up", "bring it up": show it
  [/\b(?:pull|bring|dig) (?:that|it|this|them|those) (?:up|out)\b|\b(?:pull|bring|dig) (?:up|out)\b/g, 'show it'],
  // round 5: a reason stated with "not" is no "not" about the request ("the range is not needed any more, remove it")
  [/\b(?:is|are|was|were) (?:not|no) (?:more |longer )?(?:needed|necessary|required|in use|used)(?: any ?more| any longer)?\b/g, ' '],
  // "X doesn't need the ip limit anymore": the thing it no longer needs is wished away
  // (only beside a request: said alone it is a wish, and a wish is asked about)
  [/\b(?:does|do) not need (?:the |its |their |any |an? )?((?:\S+ ){0,2}?\S+) (?:any ?more|any longer)\b(?=.*\b(?:please|(?:could|can|would|will) you)\b)/g, 'remove $1'],
  // "X shouldn't be on the allowlist anymore": off it
  [/\b(?:should|must) (?:not|no longer) be (?:on|in|part of) ((?:\S+ ){0,3}?\S+?)(?: any ?more| any longer)?(?=\s*(?:[,.;!?]|could|can|please)\s*(?:.*\b(?:please|(?:could|can|would|will) you)\b))/g, 'remove from $1'],
  // "I can't run kubectl from home, can you …": a problem someone has is no instruction not to do something
  [/\b(?:i|we) (?:can not|could not|am not able to|are not able to) (?=run|reach|connect|access|get to|log ?in|use|ssh|hit|call|talk|pull|deploy|work)/g, 'i fail to '],
  // "the ip restrictions on the api server / the cluster": its authorized ranges (on a Service they are its source ranges)
  [/\bip (?:restrictions?|filter(?:ing|s)?|limits?)\b(?= (?:on|of|for|from) (?:the )?(?:apiserver|cluster|aks-\S+|prod|production|workshop|cilium)\b|\s*$)/g, 'authorizedranges'],
  // "remove every authorized range", "clear all of the ip ranges": no range left is the ranges switched off
  [/\b(?:remove|clear|delete|drop|empty|disable|wipe) (?:all|every|each|any)(?: one)?(?: of)?(?: the)? (?:authorizedranges|authorized range|ip ranges?|allowlist(?: entries| ranges)?|ranges? (?:on|of|from) (?:the )?(?:allowlist|apiserver))\b/g, 'disable authorizedranges'],
  // "remove the authorized ranges" with no address said: all of them, so the ranges switched off
  [/\b(?:remove|clear|delete|drop|wipe) (?:the |our |its )?(?:apiserver )?(?:authorizedranges|ip ranges)\b/g, (m: string, ...rest: unknown[]) => (/\d+\.\d+\.\d+|\bmy ip\b/.test(String(rest[rest.length - 1])) ? m : 'disable authorizedranges')],
  // "change the authorized ranges to only X": only X is left, so the ranges are set, not added to
  [/\b(?:change|update|modify|narrow|reduce|cut|limit|trim) (?:down )?(?:the |our )?(authorizedranges|allowlist|ip ranges)((?: \S+){0,4}?) to only\b/g, 'set $1$2 to'],
  // a scheduled summary, recap or report is the digest ("stop the security summary", "daily reports")
  [/\b(stop|pause|mute|cancel|unsubscribe from|disable|end)((?: (?:the|all|these|those|this|our|my|any))?(?: (?:security|daily|weekly|posture|scheduled|regular|automatic))*) (?:summar(?:y|ies)|recaps?|reports?|round-?ups?|newsletters?)\b/g, '$1$2 digest'],
  [/\b(daily|weekly|nightly|scheduled|regular|recurring|morning|monthly|automatic)((?: (?:security|posture))?) (?:summar(?:y|ies)|recaps?|reports?|round-?ups?)\b/g, '$1$2 digest'],
  // "to our office network, 203.0.113.0/24": a description of the address that follows is not a word to read
  [/(?<=\b(?:to|only) )(?:our|the|my|their|a|an)(?: [a-z'-]+){0,3}? (?:network|subnet|block|cidr|egress|vpn|office|proxy|gateway|nat|runners?)(?: range)?\s*,?\s*(?=(?:\d{1,3}\.){3}\d{1,3})/g, ''],
  // round 5: an IP limit that is not the API server's (that one became its authorized ranges above) is a Service's
  [/\bip (?:limits?|restrictions?|filters?)\b/g, 'source ranges'],
];

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isoDate(year: string, month: string, day: string): string {
  const m = MONTHS.indexOf(month.slice(0, 3)) + 1;
  return `${year}-${String(m).padStart(2, '0')}-${day.padStart(2, '0')}`;
}

const FILLER = new Set([
  'please', 'pls', 'plz', 'kindly', 'just', 'quickly', 'go', 'ahead', 'palisade', 'bot', 'ok', 'okay', 'so', 'um', 'uh', 'hmm',
  'the', 'a', 'an', 'some', 'actually', 'really', 'currently', 'right', 'also', 'maybe', 'mate', 'folks', 'guys', 'already', 'still',
]);

/**
 * Courtesy that wraps a request without changing it: "when you have a moment", "if possible", "thank you",
 * "would you be so kind as to", "could you arrange that". Dropped before the words are scored.
 */
const COURTESY: RegExp[] = [
  /\b(?:when|whenever|if) (?:you|u) (?:have|get|find) (?:a|some)? ?(?:moment|minute|sec|second|chance|time)\b/g,
  /\b(?:when|if|whenever) (?:it is )?(?:convenient|possible|you can)\b/g,
  /\bat your (?:earliest )?convenience\b/g,
  /\b(?:if|when) (?:that is|it is) (?:ok|okay|fine|alright|possible)\b/g,
  /\b(?:would|will|could) (?:you|u) be so kind (?:as )?to\b/g,
  /\bbe so kind (?:as )?to\b/g,
  /\b(?:could|can|would|will) (?:you|u|we) (?:please )?(?:arrange|handle|sort out|take care of|do) (?:that|this|it)(?: for (?:me|us))?\b/g,
  // (the chat cleaner has already dropped "could you": "arrange that on X" is the same courtesy)
  /^(?:please )?(?:arrange|handle|sort out|take care of|organi[sz]e) (?:that|this|it)(?: for (?:me|us))?\b/g,
  /(?<=\S.*[.!?,;]\s*)(?:many |a lot of )?thanks?(?: (?:you|u))?(?: (?:very|so) much)?(?: in advance)?[.!\s]*$/g,
  /\b(?:i would|i'?d|we would) (?:really )?appreciate (?:it|that|your help)\b/g,
  /\b(?:(?:just )?a quick (?:summary|overview|look|check)) would be (?:great|nice|good|helpful|perfect)\b/g,
  /\bit would be (?:great|nice|good|helpful|perfect|wonderful|lovely|ideal|fantastic|brilliant|awesome) (?:to|if (?:you could|we could)?)\b/g,
  /\bwould be (?:great|nice|good|helpful|perfect|appreciated)\b/g,
  // "the workshop says / the guide recommends (that) X": who suggested it is context, X is the request
  /^(?:the |our |my )?\S+ (?:says|said|recommends|recommended|suggests|suggested) (?:that |we |to )?/g,
  /\bif (?:you|u) (?:do not|don'?t) mind\b/g,
  /\bfor me\b(?=\s*$)/g,
];

/** Leading request forms: "could you please", "I'd like to", "can you", "help me". */
const REQUEST_PREFIX = /^(?:(?:can|could|would|will|shall) (?:you|u|we)(?: please)?|(?:might|may) (?:we|i)(?: please)?|would it be possible to|is there a way to|i (?:want|need|would like|wish|am trying|was hoping) to|i would like you to|we (?:need|want|should) to|we need|i want you to|help me|let us|lets|is it possible to|are you able to|i need you to|try to|be a dear and|time to)\s+/;

/** "How do I …", "what's the command to …": a question about how something is done, followed by the thing itself. */
const HOW_TO = /^(?:how (?:do|can|could|would|should|shall|must|may) (?:i|we|one|you|u|someone|people)(?: go about| actually)?|how to|what is the (?:command|way|syntax|right way|best way|procedure|process) (?:to|for)|which command (?:do (?:i|we) (?:use|run|type) to|to|for|makes|will)|what do (?:i|we) (?:type|say|run|write|use) to|where do (?:i|we) (?:go|start) to)\s+/;

/** Words that start a question or a look-up: reads, never requests for a change. */
const QUESTION_START = new Set([
  'is', 'are', 'can', 'does', 'do', 'did', 'what', 'which', 'who', 'whom', 'how', 'any', 'anything', 'where', 'when', 'why', 'has', 'have', 'was', 'were',
  'list', 'show', 'display', 'describe', 'explain', 'check', 'find', 'view', 'verify', 'tell', 'whether', 'would', 'could',
]);

export interface Normalised {
  text: string;
  tokens: string[];
  question: boolean;
  /** Plainly asks for something to be done ("please …", "could you …", "I need to …"). */
  request: boolean;
  negated: boolean;
  /** Asks how something is done ("how do I restrict X?"): the rest of the message is read as the thing itself. */
  howTo: boolean;
  /** Imagines a change rather than asking for it ("what would happen if …", "if we made X internal, would …"). */
  hypothetical: boolean;
  /** Orders a change that waits on a condition ("if the test fails, then make X internal"): offered, never planned. */
  conditional: boolean;
}

/**
 * Conditional or imagined framing: "what happens/would happen if", "what if", "suppose", "hypothetically",
 * "in theory", and "if we/I … would/will/could …" (a condition followed by a question about its outcome).
 * ("if you could …" and "if you don't mind" are courtesy, dropped before this is looked for.)
 */
const HYPOTHETICAL = /\bwhat (?:would|will|could|might|should) (?:happen|break|change|go wrong)\b|\bwhat (?:happens|breaks|changes) (?:if|when|once)\b|\bwhat if\b|\b(?:suppose|supposing|hypothetically|imagine|theoretically|in theory)\b|\bif (?:we|i|someone|somebody|anyone|they|you)\b(?! (?:could|would|can|will|may|might|please|have a|get a|do not mind)\b)[^.?!;]*?\b(?:would|will|could|might)\b/;
/** "if we make X internal, can customers still reach it?": a change in an if-clause followed by a question about its effect. */
const CONDITIONAL_CHANGE_QUESTION = /\bif (?:we|i|someone|somebody|anyone|they|you)\s+(?:\S+\s+)?(?:make|made|disable|disabled|remove|removed|turn|turned|set|enable|enabled|allow|allowed|restrict|restricted|open|opened|close|closed|lock|locked|delete|deleted|switch|switched|drop|dropped|add|added|apply|applied|zero-trust|allowlist|allowlisted)\b[^.;]*?\b(?:can|could|does|do|is|are|will|would|might|should|still)\b/;

/**
 * A clause that sets a condition before the order: "if the test fails, …", "in case … then …", "unless …", "after
 * the demo, …". Courtesy ("if possible", "when you have a moment") is dropped before this is looked for.
 */
const CONDITIONAL_ORDER = /(?:^|[.;!?:]\s*)(?:if|only if|in case|unless|as soon as)\s(?!(?:you|u)\s(?:can|could|would|will|may|might|please|do not mind|want|wish|like|prefer|agree)\b)(?!(?:it is|that is|this is) (?:not )?(?:too much|ok|okay|fine|alright|possible)\b)[^.;!?,]*?(?:,|\sthen\s)/;

const NEGATION = /\b(?:not|never|no longer|nope|nevermind|never mind)\b/;

export function normaliseText(raw: string): Normalised {
  let t = cleanChat(raw).toLowerCase();
  const endsWithQuestion = /\?\s*$/.test(raw.trim());
  t = t.replace(/[‘’`´]/g, "'").replace(/[“”]/g, '"');
  for (const [re, to] of CONTRACTIONS) t = t.replace(re, to);
  t = t.replace(/\b(dont|doesnt|isnt|arent|shouldnt|wouldnt|couldnt|didnt|wasnt|havent|hasnt|cant)\b/g, (w) => `${w.slice(0, -2).replace(/^ca$/, 'can')} not`);
  for (const [re, to] of PHRASES) t = typeof to === 'string' ? t.replace(re, to) : t.replace(re, to);
  for (const re of COURTESY) t = t.replace(re, ' ');
  const conditional = CONDITIONAL_ORDER.test(t.replace(/\s+/g, ' ').trim());
  // keep quoted cron expressions whole; drop other punctuation that is never part of a token
  const quoted: string[] = [];
  t = t.replace(/"([^"]*)"/g, (_, q: string) => `__q${quoted.push(q.trim()) - 1}__`);
  t = t.replace(/[,;!?()[\]{}<>'*|~=—–]/g, ' ').replace(/\s+/g, ' ').trim();
  let tokens = t.split(' ').map((w) => w.replace(/^[.:-]+|[.:-]+$/g, '')).filter(Boolean);
  tokens = tokens.map((w) => w.replace(/^__q(\d+)__$/, (_, i: string) => `"${quoted[Number(i)]}"`));
  let joined = tokens.join(' ');
  // "hey, what's …": a greeting in front of a request is only politeness
  joined = joined.replace(/^(?:hey|hi|hello|yo|hiya|morning|good (?:morning|afternoon|evening))(?: there)?(?: palisade)?\s+(?=\S+\s+\S)/, '');
  // "how do I lock down X? can you just do it for me?": asked to be done, not explained
  const doItForMe = /\b(?:(?:can|could|would|will) you (?:please )?(?:just )?do (?:it|that|this)|(?:please )?(?:just )?do (?:it|that|this) for (?:me|us))\b/.test(joined);
  if (doItForMe) joined = joined.replace(/[.?!]?\s*\b(?:(?:can|could|would|will) you (?:please )?(?:just )?do (?:it|that|this)(?: for (?:me|us))?|(?:please )?(?:just )?do (?:it|that|this) for (?:me|us))\b.*$/, '').trim();
  const howTo = HOW_TO.test(joined) && !doItForMe;
  if (HOW_TO.test(joined)) joined = joined.replace(HOW_TO, '');
  const before = joined;
  for (let i = 0; i < 3; i++) joined = joined.replace(REQUEST_PREFIX, '');
  const negated = NEGATION.test(joined);
  tokens = joined.split(' ').filter(Boolean);
  // "could you make it internal?" is a request; "is it internal?" and "show me …" are questions
  const request = howTo || doItForMe || before !== joined || /\b(?:can|could|would|will) (?:you|u)\b|\b(?:please|pls|plz|kindly)\b/.test(raw.toLowerCase());
  const imperativeNot = /^(?:do|does|did)$/.test(tokens[0] ?? '') && tokens[1] === 'not';
  // "how do I check whether X is public" is still a question about X; "how do I make X public" is not
  // ("do zero trust for X" is an order; "do we have …", "do the pods …" ask)
  const imperativeDo = tokens[0] === 'do' && !/^(?:i|we|you|u|they|it|he|she|the|our|my|any|all|these|those|this|that|pods?|services?|workloads?|namespaces?|clusters?)$/.test(tokens[1] ?? '');
  const asks = QUESTION_START.has(tokens[0] ?? '') && !imperativeNot && !imperativeDo;
  const question = howTo ? asks : asks || (endsWithQuestion && !request);
  const hypothetical = HYPOTHETICAL.test(t) || (endsWithQuestion && CONDITIONAL_CHANGE_QUESTION.test(t));
  return { text: joined, tokens, question: question || hypothetical, request, negated, howTo, hypothetical, conditional: conditional && !hypothetical };
}

export function isFiller(word: string): boolean {
  return FILLER.has(word);
}

/** A light stemmer: the same on examples and messages, so "restricting", "restricted" and "restrict" meet. */
const LEMMAS: Record<string, string> = { applied: 'apply', using: 'use', used: 'use', knows: 'know', made: 'make', got: 'get', gave: 'give', took: 'take', ran: 'run', running: 'run', sent: 'send', did: 'do', does: 'do', has: 'have', had: 'have' };

/**
 * A light stemmer, the same on examples and messages: plurals and "-ing" meet their verb ("restricting" →
 * "restrict"), but "-ed" is kept, because "is it exposed/enabled/restricted" asks about a state while
 * "expose/enable/restrict" asks for a change.
 */
export function stem(word: string): string {
  const lemma = own(LEMMAS, word);
  if (lemma) return lemma;
  if (word.length <= 3 || /[^a-z]/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ing') && word.length > 6) return word.slice(0, -3).replace(/([^aeiou])\1$/, '$1');
  if (word.endsWith('ly') && word.length > 6) return word.slice(0, -2);
  if (word.endsWith('es') && /(?:ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Optimal string alignment distance: a swapped pair of letters counts once ("ratigns"). Above 2 it stops counting. */
export function typoDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > 2) return 3;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > 2) return 3;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[n], 3);
}

/** How many typos a word of this length may carry and still be recognised. */
export function typoBudget(word: string): number {
  return word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0;
}
