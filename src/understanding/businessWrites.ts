/**
 * Round 12b: changes asked in business words, or inside a longer message. Each rule folds a family of words, or one
 * construction, into the words the examples already use; none names a Service, a cluster or an address. Folded
 * before the other phrases (lower-cased text, contractions expanded), like round 11b's `CHANGE_PHRASES`.
 */
type Phrase = [RegExp, string | ((match: string, ...groups: string[]) => string)];

export const BUSINESS_WRITE_PHRASES: Phrase[] = [
  // "the prod cluster's management endpoint", "the cluster management plane": the API server, in a manager's words
  [/\b(?:(?:kubernetes|k8s|cluster|aks) )?management (?:endpoint|plane|api)s?\b/g, 'api server'],
  // "whatever IP I'm on right now", "the address I am using at the moment": my address
  [/\b(?:whatever|whichever|the) (?:public )?(?:ip|ip address|address) (?:i am|im|i'm) (?:on|using|at|behind|coming from|connecting from)(?: (?:right now|now|currently|at the moment|today))?\b/g, 'my ip'],
  // "grant them / the partner / that range access to the api server": that entry on its allowlist
  [/\b(?:grant|give) (them|him|her|it|this|that|those|these|(?:the|that|this|our) (?:range|network|subnet|office|partner|vendor|contractor|address|block)) (?:temporary |temp |short-term )?access (?:to|on) (?=(?:the )?(?:\S+ ){0,2}api server\b)/g, 'allowlist $1 on '],
  // "for like an hour", "for roughly 2 hours": the length, hedged
  [/\bfor (?:like|about|around|roughly|approximately|approx|maybe|say) (?=(?:an?|one|\d+|a couple of|a few) )/g, 'for '],
  // "the ratings application's namespace, ratingsapp": the namespace by its name, said after what it holds
  [/\b(?:the )?(?:[a-z-]+ ){0,2}(?:application|app|team|product|service)(?:'s|s)? namespace,? (?=[a-z0-9][a-z0-9-]*\s*(?:[.;!?]|$))/g, 'namespace '],
  // "(I know it needs a second approver)", "(I think)": an aside in brackets is no word of the request
  [/\s*\((?:i|we) (?:know|think|believe|guess|assume|understand|realise|realize|hope)\b[^()]*\)/g, ' '],
  // "; it is no longer an approved network", ", that one isn't needed anymore": why an entry goes, not a "no"
  [/[,;]\s*(?:because |since |as )?(?:it|that|this|they|that one|this one|that range|this range|the range) (?:is|are|was|were) (?:no longer|not (?:an? |our )?(?:approved|needed|used|valid|in use|required)\b)[^.;!?]*/g, ' '],
  // "the API server on X doesn't need the ip allowlist anymore, turn the ranges off": why, said before the request
  // (what it is said of, "on X", stays: it names the target)
  [/\b(?:does|do) not need (?:the |its |an? |any )?(?:ip )?(?:allowlist|whitelist|authori[sz]ed (?:ip )?ranges|ip ranges|restrictions?|limits?) (?:any ?more|any longer)(?=\s*[,;.]\s*(?:so |and )?(?:please |pls )?(?:turn|switch|disable|remove|drop|shut|clear|lift)\b)/g, ''],
  // "stop limiting who can reach the prod control plane": the API server's ranges switched off
  [/\b(?:stop|quit|no longer) (?:limiting|restricting|filtering|controlling) (?:who|what|which (?:ips?|addresses|networks)) (?:can|may) (?:reach|access|get to|connect to|talk to|use|hit) (?:the |our )?(?:(\S+) )?(api server|control plane|apiserver)\b/g, (_: string, cluster?: string) => (cluster ? `disable the authorized ranges on ${cluster}` : 'disable the authorized ranges')],
  // "we no longer need to restrict who can reach the X API server, please open it up": the same, said as a need gone
  // (only with the request after it: the need alone states a fact)
  [/\b(?:we|i) (?:no longer|do not) need to (?:limit|restrict|filter|control) (?:who|what|which (?:ips?|addresses|networks)) (?:can|may) (?:reach|access|get to|connect to|talk to|use|hit) (?:the |our )?(?:(\S+) )?(?:api server|control plane|apiserver)(?: (?:of|on) (\S+))?\s*[,;.]\s*(?:so )?(?:please |pls )?(?:open it(?: back)? up|turn (?:it|them) off|switch (?:it|them) off|remove (?:it|them)|disable (?:it|them))\b/g, (_: string, a?: string, b?: string) => ((a ?? b) ? `please disable the authorized ranges on ${a ?? b}` : 'please disable the authorized ranges')],
  // "… and open it up again" after the ranges are switched off says the same thing again
  [/(\bdisable the authorized ranges(?: on \S+)?) and open (?:it|them) (?:up )?(?:again|back up)\b/g, '$1'],
  // "the strictest (possible) traffic rules", "strict network rules": deny by default, i.e. zero trust
  [/\b(?:the )?(?:strictest|strict|tightest|tight|locked-?down)(?: possible)? (?:traffic|network|pod-to-pod|networking) (?:rules|policies|policy|controls|setup)\b/g, 'zero trust'],
  // "pull the zero-trust policies back out of X", "take them back off": out of it, "back" says only that it was there
  [/\b(pull|take|rip|yank|get) ((?:the |all |any |its |their )?(?:zero[- ]?trust|default[- ]?deny|deny[- ]all|network)(?: polic(?:y|ies)| rules?| setup| lockdown)?) back (out of|off)\b/g, '$1 $2 $3'],
  // "infra lead approved turning the authorized ranges off (entirely)": the approved change is what is asked (never
  // after "not", nor in a condition: "once the lead approved …" still holds the change back)
  [/(?<!\b(?:not|never|once|if|when|whenever|until|unless|after|before|soon as)\b[^.;!?]*)\b(?:approved|signed off on|agreed to|okayed|green-?lit) (?:turning|switching) (.+?) off(?: entirely| completely| altogether)?\b/g, 'please turn $1 off'],
  // "aks-prod should accept API traffic only from X": the API server's traffic, in a manager's words
  [/\baccept (?:api|kubernetes api|kubectl|management|control plane|admin) (?:traffic|connections|calls|access) (?=(?:only )?from\b)/g, 'accept api server traffic '],
  // "bring the ratings website back onto the public internet": public again
  [/\b(?:bring|move|get|put) ((?:the )?[a-z0-9-]+(?: [a-z0-9-]+){0,2}?) back (?:on|onto|to|into) the (?:public )?internet\b/g, 'make $1 public'],
  // "nothing in X can talk to anything except what it needs": deny by default, said as the outcome
  [/\b(?:make sure |ensure |so that |so )?nothing (?:(?:in|inside|within) (\S+) )?(?:can|may|should|is able to) (?:talk|connect|speak)(?: to anything| to anyone)? (?:except|but|other than|apart from) (?:what|whatever|the things?) (?:is |are |it |they )?(?:necessary|needed|required|needs|need)\b/g, (_: string, where?: string) => (where ? `apply defaultdeny in ${where}` : 'defaultdeny')],
  // "enable / roll out / remove network segmentation (isolation)": zero trust in an architect's words (ordered: "how is the
  // network segmentation on X?" asks for the network policies)
  [/\b(apply|enable|roll(?:ed)? out|add|set up|implement|introduce|enforce|remove|drop|undo|delete|turn on|switch on|put in place)((?: (?:the|a|an|some|our|full|strict|default[- ]?deny))*) network (?:segmentation|isolation|micro-?segmentation)\b/g, '$1$2 zero trust'],
  // "Microsoft's container threat protection": Defender for Containers in plain words
  [/\b(?:microsoft(?:'s)? |azure(?:'s)? )?(?:container|containers|kubernetes|k8s) threat (?:protection|detection)(?: plan)?\b/g, 'defender for containers'],
  // "X should no longer be reachable from the internet; move it to an internal load balancer": the wish, then the order
  [/\b(\S+(?: (?:website|site|app|service))?) (?:should|must) (?:no longer|not) be (?:reachable|accessible|exposed|visible|public|open) (?:from|on|to) the (?:public )?internet\s*[;,.]\s*(?:so )?(?:please )?(?:move|put|switch|make) (?:it|them) (?:to|onto|on|behind|into)? ?(?:an? |the )?internal(?: load ?balancer| lb)?\b/g, 'make $1 internal'],
  // "un-restrict", "de-restrict": one word
  [/\b(?:un|de)-restrict/g, 'unrestrict'],
  // "only our head office (A) should be able to open X": X restricted to A
  [/(?<!\bso |\bso that |\bthat )\b(?:only|(?:nobody|no one|none)(?: else)? (?:but|except|other than|apart from)) (?:(?:our|the|my) )?(?:[a-z-]+ ){0,3}?\(?(\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?)\)? (?:should|must|is allowed to|are allowed to) (?:be able to |can )?(?:open|reach|access|use|see|get to|connect to|hit) (?!(?:the )?(?:api server|apiserver|control plane|cluster|api)\b)(?:the )?([^,.;!?]+?)(?=\s*(?:[,.;!?]|$))/g, 'restrict $2 to $1'],
  // "roll out zero trust for X": apply it
  [/\b(?:roll|rolled|rolling) out (?=(?:the |a |an )?(?:zero[- ]?trust|default[- ]?deny)\b)/g, 'apply '],
  // "For compliance, …", "Per CHG-2231, …", "As agreed in the CAB, …": the mandate before the request is context (a lab's
  // or a runbook's step is labStep.ts's)
  [/^(?:for (?:compliance|security|audit|regulatory|governance|hardening)(?: reasons| purposes)?|(?:as )?per (?!(?:the )?(?:lab|step|tutorial|runbook|workshop)\b)(?:the |our )?(?:[a-z0-9-]+ ){0,3}?[a-z0-9-]+|as (?:agreed|discussed|decided) (?:in|with|at|during) (?:the |our )?(?:[a-z0-9-]+ ){0,3}?[a-z0-9-]+|in line with (?:the |our )?(?:[a-z0-9-]+ ){0,3}?[a-z0-9-]+)\s*[,:]\s+/g, ''],
  // "disable / turn off public access to X": X internal
  [/\b(?:disable|turn off|switch off|remove|block|shut off|cut off|revoke) (?:all )?(?:public|internet|external) access (?:to|for|on) (?:the )?/g, 'make internal '],
  // "the production API endpoint (should) only accept(s) connections from X": its ranges set to X
  [/\b(?:ensure|make sure) (?:that )?(?:the )?((?:\S+ )?)(?:api server|apiserver|control plane|api endpoint|kubernetes api) (?:only accepts|accepts only|should only accept|only allows) (?:connections|traffic|requests|calls|access) (?:only )?from\b/g, (_: string, where: string) => (where.trim() ? `set ip ranges on ${where.trim()} to` : 'set ip ranges to')],
  // ", the customers cannot enter", ", QA can't reach it": the complaint after the request is why, never a "not"
  [/[,;.]\s*(?:(?:the|our|my) )?(?:customers?|users?|clients?|people|qa|testers?|partners?|contractors?|devs?|developers?|we|they|mobile team|[a-z]+ team)(?: team)? (?:cannot|can not|can't|are unable to|is unable to|could not|couldn't) (?:enter|reach (?:it|them)|get in|connect|access (?:it|them)|open (?:it|them)|use (?:it|them)|see (?:it|them)|log in)\b[^.;!?]*/g, ' '],
  // "make X internal, it is not for public / my lead said it shouldn't be public": the same wish said again
  [/(?<=\binternal\b.*?)[,;.?]\s*(?:(?:my |the |our )?[a-z]+ (?:said|says|thinks) )?(?:it|that|this|the service|the app|the site) (?:is not|isn't|shouldn't be|should not be|must not be|need not be) (?:for (?:the )?)?public(?:ly (?:reachable|accessible|facing))?\b/g, ' '],
  // "the ratings website must be restricted to X": the requirement is the request
  [/\b((?:the )?[a-z0-9-]+(?: (?:website|site|app|service))?) (?:must|should|has to|needs to) be (?:restricted|limited|locked down) to\b/g, 'restrict $1 to'],
  // "I was told to ask you to X": X asked for
  [/\b(?:i|we) (?:was|were|have been|got) (?:told|asked) to (?:ask|get) (?:you|the bot|palisade) to\b/g, 'please'],
  // "pop / stick my ip on the prod allowlist": add it
  [/\b(?:pop|stick|chuck|slap|bung|shove) (\S+(?: \S+)?) (?:on|onto|in|into|to) (?=(?:the |our )?(?:\S+ )?(?:allowlist|whitelist|allow-list|authori[sz]ed|api))/g, 'add $1 to '],
  // "the CI runner at A can't reach the prod API, please allow it": A on that API server's allowlist
  [/\b(?:cannot|can not|can't|is unable to|are unable to) (?:reach|connect to|get to|talk to|hit) (?:the )?((?:\S+ )?)(?:api server|apiserver|control plane|kubernetes api|api)\b([^.;!?]*?)[,;.]\s*(?:so )?(please |pls |can you |could you )(?:allow|add|allowlist|whitelist|let in) (it|them|that address|that ip)\b/g, (_: string, where: string, rest: string, ask: string, it: string) => `needs access${rest}, ${ask}allowlist ${it} on the ${where}api server`],
  // "I need that A is not anymore in the allowlist": A removed from it (a need said as a request; "A should not be on
  // the allowlist" alone stays a wish that is asked about, and "A is not in it anymore, right?" a fact to confirm)
  [/\b(?:i|we) (?:need|want|would like)(?: that)? (\S*\d\S*) (?:is|be|to be) (?:not|no) (?:any ?more |any longer |longer )?(?:in|on|part of) ((?:the |its |our )?(?:\S+ )?(?:allowlist|whitelist|authori[sz]ed (?:ip )?(?:ranges|ips|addresses)|ip ranges)(?: (?:of|on|for) \S+)?)(?: (?:any ?more|any longer))?/g, 'remove $1 from $2'],
  // "is it possible to X?", "would it be possible to X?": a polite request
  [/^(?:is (?:it )?possible|would it be possible|could it be possible) (?:for you )?to (?=\S)/g, 'could you '],
  // "make the namespace X (more) secure with zero trust": apply it there
  [/\bmake (?:the )?(?:namespace )?(\S+)(?: namespace)? (?:more )?secure(?:d)? (?:with|using|by applying|via|through) (zero[- ]?trust|default[- ]?deny)\b/g, 'apply $2 to $1'],
  // "the following entry must be removed from the ranges of X: A": A removed from them (or added to them)
  [/\bthe following (?:entry|entries|range|ranges|address|addresses|ip|ips|cidrs?) (?:must|should|needs to|need to|has to|have to) be (removed|deleted|revoked|added) (from|to) ([^:]+?):\s*([^.;!?]+(?:\.\d[^.;!?]*)*)/g, (_: string, verb: string, dir: string, where: string, what: string) => `${/^add/.test(verb) ? 'add' : 'remove'} ${what.trim()} ${dir} ${where}`],
  // "give my colleague at A access to the X cluster": A on X's allowlist (an address said: a Service given access is a flow)
  [/\b(?:give|grant) (?:my |our |the |a )?(?:[a-z-]+ )?(?:colleague|contractor|vendor|partner|auditor|consultant|teammate|engineer|developer|tester)s? (?:at|on|from|with|using) (\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?) (?:temporary |temp )?access (?:to|on) (?:the )?((?:\S+ )?)(?:cluster|api server|apiserver|control plane)\b/g, 'allowlist $1 on the $2api server'],
  // "open / restrict X to everyone except A", "allow everything but A": all but A, which no command does (never "only A",
  // its opposite: round 2's "block everyone except A" keeps its meaning); said with "not", so nothing is planned
  [/\b((?:restrict|limit|open|allow|expose|let|permit)\b[^.;!?]*?)\b(?:everyone|everybody|anyone|anybody|everything|all|the world|the internet|any ip|all ips|all addresses)(?: else)? (?:but|except|other than|apart from|besides|save) /g, '$1not '],
  // "remove all entries but A from the X allowlist": only A is kept, so the ranges are set to A (never "remove A", its opposite)
  [/\b(?:remove|delete|drop|clear|wipe|purge) (?:all|every|everything|all of|the other|the others)(?: the)?(?: (?:entries|entry|ranges|range|addresses|ips|cidrs))? (?:but|except|other than|apart from|besides|save) ([\d./:, a-f]+?(?: and [\d./:a-f]+)?) (?:from|on|in) ((?:the |our )?(?:\S+? )?(?:api server |apiserver |cluster )?(?:allowlist|whitelist|authori[sz]ed (?:ip )?ranges|ip ranges)(?: (?:of|on|for) \S+)?)/g, (_: string, keep: string, where: string) => {
    const cluster = /(?:of|on|for) (\S+)$/.exec(where)?.[1] ?? /^(?:the |our )?(?!api\b|apiserver\b|cluster\b|allowlist\b|whitelist\b|authori[sz]ed\b|ip\b)(\S+?)(?:'s)? /.exec(where)?.[1];
    return `set ip ranges${cluster ? ` on ${cluster}` : ''} to ${keep.trim()}`;
  }],
  // "put the restriction back on X", "turn the zero trust back on for X": the state applied again (never "put X back",
  // which opens it: a wrong write before)
  [/\b(?:put|bring|turn|switch|set|add) (?:the |its |their )?(?:ip |source |source ip )?(restrictions?|limits?|lockdown|zero[- ]?trust|default[- ]?deny)(?: polic(?:y|ies))? back on(?: (?:for|to))? /g, (_: string, what: string) => (/^(?:restrict|limit)/.test(what) ? 'restrict ' : 'apply zero trust to ')],
  // "only I / my laptop should be able to open X": X restricted to my address (never the API server: its own rules;
  // "only my ip should …" is left to the rules that had it)
  [/(?<!\bso |\bso that |\bthat )\bonly (?:i|me|my (?:laptop|machine|workstation|computer)) (?:should|must|am allowed to|is allowed to) (?:be able to |can )?(?:open|reach|access|use|see|get to|connect to|hit) (?!(?:the )?(?:api server|apiserver|control plane|cluster|api)\b)(?:the )?([^,.;!?]+?)(?=\s*(?:[,.;!?]|$))/g, 'restrict $1 to my ip'],
];
