/**
 * Round 11a: how people ask for a READ in their own words, folded into the words our examples use. Each rule is a
 * class of phrasing (a construction or a family of words), never one sentence; none of them can name a change.
 * Applied by normaliseText after its own phrase list (lower-case text, punctuation still there).
 */
export const READ_PHRASES: Array<[RegExp, string]> = [
  // a fix said with a qualifier or as a noun ("with a known fix", "a vendor fix available", "for which a correction
  // exists"): the fixable filter
  [/\b(?:with|having|(?:that|which) (?:have|has)|have|has) (?:an? )?(?:(?:known|vendor|upstream|official|published|available|released) )+(?:fix|patch|correction|remediation|solution)(?:es|s)?(?: (?:available|out|published|released))?\b/g, 'fixable'],
  [/\b(?:with|having|(?:that|which) (?:have|has)|have|has) (?:an? )?(?:known|vendor|upstream|official|published) fixable\b/g, 'fixable'],
  [/\bfor which (?:an? |the )?(?:fix|patch|correction|remediation|solution|fixed version|newer version)(?:es|s)? (?:exists?|is available|are available|is out|has been released)\b/g, 'fixable'],
  // a level said as a rating ("rated critical", "classified as high"): the severity filter
  [/\b(?:rated|classified|classed|scored|marked) (?:as )?(critical|high|medium|low)\b/g, '$1 severity'],
  // fixed by a version bump ("can I get rid of … just by bumping packages", "resolved by upgrading"): fixable
  [/\b(?:(?:can|could) (?:i|we|you) (?:remove|resolve|fix|close|eliminate|patch)(?: (?:them|these|those|it))?|(?:fixed|resolved|fixable|closed|solved)) (?:just |simply |only )?by (?:bumping|upgrading|updating|patching|a (?:package |version )?(?:bump|upgrade|update))\b(?: (?:the |a |its |their |our )?(?:packages?|versions?|dependenc(?:y|ies)|librar(?:y|ies)|base images?))?/g, 'fixable'],
  // "what can this bot / Palisade do (for app teams)?", "which things you know to do?": what Palisade does
  [/\b(?:what|which things) (?:else )?(?:can|could) (?:you|this bot|the bot|palisade|this thing) (?:actually |really |even |exactly )?do\b(?: for (?:an? |the |our |my |us|me)?[a-z ]{0,40}?)?(?=\s*(?:[?.!]|$))/g, 'list your commands'],
  [/\bwhich things (?:can )?(?:you|palisade) (?:know (?:how )?to|can|are able to) do\b/g, 'list your commands'],
  // a newcomer's or a briefing's reason beside the question ("sorry, it's my first day", "I want to brief the new
  // hires"): context, never a word of the request
  [/[.,;]?\s*(?:sorry,? )?(?:it is|this is|today is) my first (?:day|week|time)(?: here| on (?:the|this) team| using (?:this|it|you))?\b/g, ''],
  [/[.,;]?\s*i (?:want|need|have) to (?:brief|onboard|update|inform|present (?:it )?to|explain it to|show it to) (?:the |our |my |some )?(?:new )?(?:hires|joiners|starters|team|colleagues|people|management|managers|board|leadership|execs?)\b/g, ''],
  // whether the internet can reach something, asked with the internet as the one who acts ("can the outside world hit
  // X", "can X be reached from the internet", "can X accept connections from the internet"): that reach question
  [/\bcan (?:the )?outside world,? (?:(?:hit|reach|get to|connect to|access|talk to) )?/g, 'can the internet reach '],
  [/\bcan (?:the |my |our )?([a-z0-9][a-z0-9-]*)(?: (?:workload|pod|service|svc|app|deployment|database|db))? ((?:(?:on|in) \S+ )?)be (?:reached|accessed|hit|connected to|called) from (?:(?:the )?(?:public |open |outside )?internet|(?:the )?outside(?: world)?(?! (?:of |the )?(?:cluster|namespace|vnet|network|subnet|pod)))\b/g, 'can the internet reach $1 $2'],
  [/\bcan (?:the |my |our )?([a-z0-9][a-z0-9-]*)(?: (?:workload|pod|service|svc|app|deployment|database|db))? ((?:(?:on|in) \S+ )?)(?:receive|accept|get|take) (?:any )?(?:incoming |inbound )?(?:connections|traffic|requests|calls) from (?:(?:the )?(?:public |open |outside )?internet|(?:the )?outside(?: world)?(?! (?:of |the )?(?:cluster|namespace|vnet|network|subnet|pod)))\b/g, 'can the internet reach $1 $2'],
  [/\b(?!(?:it|this|that|nothing|anything|something|everything|what|which|who|there)\b)([a-z0-9][a-z0-9-]*) can be (?:reached|accessed|hit) from (?:(?:the )?(?:public |open |outside )?internet|(?:the )?outside(?: world)?(?! (?:of |the )?(?:cluster|namespace|vnet|network|subnet|pod)))\b/g, 'can the internet reach $1'],
  [/\b(?:nothing|anything|anyone|anybody|no one|nobody|someone|somebody) (?:on|from) (?:the )?(?:public |open )?internet (?:can|could) (?:reach|hit|get to|access|connect to)\b/g, 'can the internet reach'],
  // round 14a: "what's showing to the whole internet": shown to the internet is reachable from it
  [/\b(?:showing|shown|showing up|on show) (?:to|on) (?:the )?(?:whole |entire |public |open )?(?:internet|world)\b/g, 'reachable from the internet'],
  // round 14a: "what changed around my app yesterday": the audit, whatever the changes were around
  [/\b(what (?:has |have )?(?:changed|been changed)) (?:around|about|near|with|for|to|in) (?:my|our|the) (?:app|apps|application|applications|stuff|things|setup|service|services|workloads?)\b/g, '$1'],
  // round 14a: "how's prod", "how is the workshop cluster doing": how a cluster is, asked alone, is its posture
  [/^(?:so |and |ok |okay )?how(?:['’]s| is| are)(?: (?:the|our|my))? ((?:aks-[a-z0-9-]+|prod|production|staging|stage|dev|test|workshop|cilium|private)(?: cluster)?|[a-z0-9-]+ cluster|cluster)(?: (?:doing|looking|holding up|today|now|right now|rn))*\s*[?.!]*$/g, 'status of $1'],
  // a score over time asked in other verbs ("are we getting more or less secure", "how has X trended", "why did the
  // score drop"): the trend
  [/\b(?:are|is) (?:we|it|things|(?:our|the) (?:\S+ ){0,2}?\S+) (?:getting|becoming|growing|trending) (?:more or less|less or more|better or worse|worse or better|safer or riskier) ?(?:secure|safe|protected)?(?: over ?time)?/g, 'is security getting better or worse'],
  [/\b((?:score|posture|security|rating|coverage|grade)s?(?: (?:of|on|for|in|across) (?:the |our )?\S+)?) (?:has |have )?(?:trended|been trending|been moving|been going)\b/g, '$1 trend'],
  [/\bwhy (?:did|has|have) (?:the |our )?((?:\S+ )?(?:score|posture|rating|coverage|grade)s?(?: (?:of|on|for|in) (?:the |our )?\S+)?) (?:drop|dropped|fall|fallen|fell|go down|gone down|go up|gone up|rise|risen|change|changed|get worse|gotten worse)\b/g, 'show the $1 trend'],
  [/\bhow (?:it|that|this|the score|things) (?:has |have )?(?:moved|developed|evolved|trended|shifted)(?: over ?time)?\b/g, 'the trend'],
  // "…, how do I see it?" after the thing named: that thing ("look at the posture trend, how do I see it")
  [/[,;.]?\s*(?:how|where) (?:do|can|could) (?:i|we) (?:see|view|get|find|check|look at|open) (?:it|that|this|them)\s*\??\s*$/g, ''],
  [/\b(?:have a |take a |quick )?look at (?=(?:the |our |a |my )?\S)/g, 'show '],
  // a shrug at the end ("…, whatever", "or something"): no word of the request
  [/[,;]?\s*(?:or )?(?:whatever|or something|or something like that)\s*[.!]*\s*$/g, ''],
  // the conversation's cluster asked for oneself ("switch me to X", "make that my default", "set my default to X"),
  // with the reason beside it ("so I don't have to type it every time", "I'm sick of typing it"): use that cluster
  [/[,;.]?\s*(?:so (?:that )?(?:i|we) (?:do not|no longer) (?:have|need) to (?:type|write|say|add|repeat|specify) (?:it|that|the cluster|the name)|(?:i am|we are) (?:sick|tired) of (?:typing|writing|repeating|adding) (?:it|that|the cluster|the name))(?: (?:every|each) time| all the time| again| anymore| over and over)?/g, ''],
  [/\b(?:switch|move|put|point) (?:me|us) (?:over )?(?:to|on|at) /g, 'switch this chat over to '],
  [/\b(?:set|change|switch|make) (?:my|our) use cluster\b/g, 'use cluster'],
  [/\b(?:on|in|with|to) ([a-z0-9][a-z0-9-]*)(?: cluster)?[,;.]?\s+(?:please |pls |so |and )?(?:make|set) (?:that|it|this) (?:as )?(?:my|our|the) default(?: cluster)?\b/g, 'use cluster $1'],
  [/\b(?:make|set) ([a-z0-9][a-z0-9-]*) (?:my|our) default(?: cluster)?\b/g, 'use cluster $1'],
  // a list asked as a document ("the full list of clusters we're running", "teach me which clusters exist"), with
  // what it is for ("in scope of this assessment", "for the quarterly review"): the list
  [/\b(?:the |a )?(?:full |complete |whole |entire |current )?list of (?:all )?(?:the |our )?(?=clusters\b)/g, 'all '],
  [/\bclusters (?:that |which )?(?:we|i) (?:are )?(?:running|run|own|operate)\b/g, 'clusters'],
  [/\bteach me (?=(?:which|what|how many) )/g, 'show me '],
  [/[,;]?\s*\b(?:(?:that are |which are )?(?:in|within) (?:the )?scope (?:of|for) (?:this|the|our) (?:assessment|audit|review|exercise|engagement|pen ?test|test)|for (?:the|our|this|next|an?|tomorrow) (?:(?:quarterly|annual|yearly|monthly|weekly|upcoming|internal|external|security|compliance|board|management|audit|team|risk) )?(?:review|report|audit|meeting|assessment|presentation|deck|slides|board|standup|retro|register))\b/g, ''],
  // rules between the pods or namespaces, said as firewall or traffic rules: the network policies ("per namespace":
  // every namespace, no namespace called "per")
  [/\b(?:firewall|traffic|security|network|pod) rules (?:(?:do|does) (?:we|it|they) have |(?:that )?(?:we )?have |(?:that )?exist )?between (?:the |our )?(?:pods|namespaces|workloads|apps|services|containers)\b/g, 'networkpolicy'],
  [/\b(?:per|by|for each|for every|in each|in every) namespace\b/g, ''],
  // a read asked for as a deliverable ("can we get the network policy picture", "netpol summary for prod"): that read
  [/\b(?:can|could|may) (?:we|i) (?:get|have|see) (?:a look at )?(the|a|an|our|my) (?=(?:\S+ ){0,3}?(?:picture|summary|overview|rundown|breakdown|snapshot|report)\b)(?![^.?!]*\b(?:post|posted|send|sent|deliver|delivered|every|daily|weekly|monthly|schedule)\b)/g, 'show $1 '],
  [/\b(networkpolicy|network polic(?:y|ies)|policies|exposure|allowlist|vulnerabilit(?:y|ies)|cves?|defender|approvals?|clusters?) (?:summary|picture|overview|rundown|breakdown|snapshot|situation)\b(?! of\b)/g, '$1'],
  // a deadline for a read ("before Monday", "by end of day"): when it is wanted, no value of it
  [/\b(?:before|by) (?:the )?(?:end of (?:the )?(?:day|week|month|sprint)|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|eod|eow|cob|next week)\b/g, ''],
  // "is X zero-trusted yet?": whether X is under zero trust (a question about the change, read as its state)
  [/\b((?:is|are) (?:the )?\S+(?: namespace)?(?: (?:on|in) \S+)?) (?:already |now |fully )?zero[- ]?trusted(?: yet| already| now)?(?=\s*[?.!]|\s*$)/g, '$1 zerotrust'],
  // an external IP is a public one ("anything with an external IP on X?")
  [/\bexternal (ips?|ip address(?:es)?|address(?:es)?)\b/g, 'public $1'],
  // "how are we / things looking (on X)?": the posture, never how the allowlist looks
  [/\bhow (?:are|is) (?:we|things|everything|it|our security|security|(?:the )?posture) looking\b/g, 'how does our security look'],
  // the API server said as where kubectl goes ("allowed to use kubectl against the cluster"): reach the API server
  [/\b(?:use|run) kubectl (?:against|on|with|to|at) (?:the |this |our |a )?cluster\b/g, 'reach the apiserver'],
  // the entries of a temporary allowlist, and when they run out: the allowlist (it shows them and their expiry)
  [/\b(?:which|what) entries (?:are|exist) (?:on|in) the (?:temporary |temp |timed |current )?allowlist\b/g, 'what is on the allowlist'],
  [/[,;]?\s*(?:and )?when (?:do|does|will) (?:they|it|these|those|the entries|the ranges) (?:expire|run out|lapse|time out|get removed)\b/g, ''],
  // an API server "not publicly reachable" is a private one: whether the cluster is private
  [/\b(apiserver(?: (?:of|for|on) \S+)?) (?:is )?(?:not|never) (?:publicly |public )?(?:reachable|accessible|exposed)(?: (?:publicly|from (?:the )?(?:public )?internet|from outside))?\b/g, '$1 is private'],
  // "can A hit / talk to / get to B?" between two workloads, "is it possible for A to go to B?": whether A reaches B
  // (the internet, people or "anyone" doing it is the exposure question the examples already know)
  [/\bcan (?!(?:anyone|anybody|someone|somebody|people|the|internet|anything|outsiders|they|we|you|i|me|us)\b)([a-z0-9][a-z0-9/-]*) (?:hit|get to|connect to|open connections to)\b/g, 'can $1 reach'],
  // "pull (up) the posture": show it (pulling a Service off the internet stays the change)
  [/\bpull (?:up )?(?=(?:the |our |me the |a )?(?:security )?(?:posture|status|report|score|numbers|stats|findings|audit|allowlist|approvals|vulnerabilit\w*|cves?|exposure|trend|history)\b)(?![^.?!]*\b(?:off|out)\b)/g, 'show '],
  // what still waits for approval, said as a state ("anything still pending approval"): the approvals
  [/\b(anything|everything|whatever|stuff|something) (?:that is |which is )?still (?=(?:pending|waiting (?:for|on)|awaiting|needing) )/g, '$1 '],
  [/\b(?:has|have|needs?) to be (?:cleared|approved|handled|dealt with|done|closed)(?: first| before then| beforehand)?\b/g, ''],
  // "what are X exactly, and do we have any?": whether we have X
  [/^what (?:is|are) (?:a |an |the )?([a-z-]+) (?:exactly|actually)?\s*[,;]?\s*(?:and )?(do|does) (we|they) have any\b/g, '$2 $3 have any $1'],
  [/\b(?:is it|it is) possible (?:for|that) (?!(?:me|us|you|him|her|them|i|we)\b)([a-z0-9][a-z0-9/-]*) (?:to )?(?:go|goes|get|gets|connect|connects|talk|talks|reach|reaches) to\b/g, 'can $1 reach'],
  // an area's score asked about as better or worse ("has our exposure improved?", "are we safer than last month?"):
  // that area's trend
  [/\b((?:our |the )?(?:exposure|images?|vulnerabilit(?:y|ies)|networkpolicy|network polic(?:y|ies)|apiserver|control plane|allowlist)(?: (?:score|posture|situation))?)((?: (?:on|of|in|for) (?:the )?\S+)?) (?:has |have )?(?:improved|improve|worsened|gotten (?:better|worse)|got (?:better|worse)|gone (?:up|down))\b/g, '$1 trend$2'],
  [/\b(?:are|is) (?:we|it|things|(?:our|the) (?:\S+ ){0,2}?\S+) (?:more|less) (?:secure|safe|protected) (?:than (?:last|a|the previous|previous) (?:week|month|quarter|year)|than (?:before|it was)|compared to (?:last|a) (?:week|month|quarter|year))\b/g, 'is security getting better or worse'],
  // appreciation said without "thanks" ("brilliant, that's exactly what I needed"): a thank-you
  [/^(?:(?:great|brilliant|perfect|awesome|nice|cool|excellent|lovely|super|wonderful|amazing)[\s,.!]*)?(?:that is|this is) (?:(?:exactly|just) what i (?:needed|wanted|was looking for)|perfect|great|brilliant|(?:very |super |really |most )?helpful)[\s.!]*$/g, 'thanks'],
  // "what are you capable of?": what Palisade does
  [/\bwhat (?:are you|is palisade|is this bot|is the bot) (?:capable of|good for)\b/g, 'list your commands'],
  // the clusters called environments ("which environments do you have access to?")
  [/\b(which |what |list (?:all )?(?:the |our )?|all (?:the |our )?|our )(?:environments|envs)\b/g, '$1clusters'],
  // "what do we expose (to the internet)?": what is exposed
  [/\bwhat (?:do|does) (?:we|you|it|they) expose\b/g, 'what is exposed'],
  // "the rundown on X": its posture
  [/\b(?:give (?:me|us) |get (?:me|us) )?(?:the |a )?(?:quick |short |brief |full )?(?:rundown|lowdown|overview) (?:on|for) (?=\S)/g, 'show the posture of '],
  // the posture asked as worries, the current score or the big picture: the posture
  [/\b(?:is there )?(?:anything|something|what) (?:that )?(?:i|we) (?:should|need to|must|ought to) (?:worry|be worried|be concerned|care|know) about\b/g, 'any risks'],
  [/\b(?:current|present|latest|today) (?:security )?(?:score|rating|grade)\b/g, 'security posture'],
  [/\b(?:the )?big picture\b/g, 'security posture'],
  // "what clusters am I able to work with?": the clusters
  [/\b(which|what) clusters (?:am i|are we|can i|can we|do i|do we) (?:able to |allowed to )?(?:work (?:with|on)|use|access|manage|see)\b/g, '$1 clusters can you see'],
  // "how do I talk to you?", "any tips on using this bot?": the help
  [/\bhow (?:do|can|should) (?:i|we) (?:talk to|work with|speak to|chat with) (?:you|this bot|the bot|palisade)\b/g, 'help'],
  [/\bhow (?:do |can |should )?(?:i|we) (?:use|talk to|work with|ask) (?:you|this bot|the bot|palisade) (?:for|with|about) (?:the )?([a-z -]+?)(?: things| stuff| topics?| part| side)?(?=\s*[?.!]*\s*$)/g, 'help $1'],
  [/\b(?:any )?(?:tips|hints|advice|guidance|pointers) (?:on|for|about) (?:using|working with|talking to) (?:you|this bot|the bot|palisade|it)\b/g, 'help'],
  // network segmentation is the network policies
  [/\b(?:network |namespace |micro-?)?segmentation\b/g, 'networkpolicy'],
  [/\bsegmented\b/g, 'isolated'],
  // "is anybody there?": a hello
  [/\bis (?:anybody|anyone|somebody|someone) (?:there|here|out there)(?= *[?!.]*$)/g, 'hello'],
  // a read handed over ("share / provide / send me the list of authorised ranges", "document the policies"): shown
  [/\b(?:share|send|provide|hand over|forward|document)(?: me| us)? (?=(?:the |a |our |all |every )?(?:list of |current |full |complete )?(?:authorizedranges|authori[sz]ed (?:ip )?ranges|allowlist|ip ranges|networkpolicy|network polic\w+|policies|exposure|vulnerabilit\w+|cves?|approvals?|audit|clusters|defender)\b)/g, 'show '],
  // the Kubernetes API said "the API of kubernetes / of the cluster": the API server (no workload called "api")
  [/\b(?:the )?api (?:of|for) (?:the )?(?:kubernetes|k8s|cluster|aks)\b/g, 'the apiserver'],
  // policies "applied to / active in" a namespace are the ones in it (a state, not the zero-trust change)
  [/\b(networkpolicy|policies)(?: that are| which are)? (?:currently )?(?:applied|active|deployed|configured|present|enforced) (?:to|in|on|for)\b/g, '$1 in'],
  // modifications, alterations, edits: changes (the audit)
  [/\b(?:modifications|alterations|edits)\b/g, 'changes'],
  // "the evolution of the security posture": its trend
  [/\b(?:the )?(?:evolution|development|progression|history) of (?:the |our )?((?:\S+ )?(?:posture|score|security|exposure|coverage))\b/g, '$1 trend'],
  // the NSG rules a LoadBalancer Service gets are part of its exposure ("the LoadBalancer services and the NSG rules
  // behind them"); "any like that" is any of what was just named
  [/\s*\b(?:and|with|plus|including) (?:the |their |its )?nsg rules?(?: (?:behind|for|of|on) (?:them|those|these|it))?\b/g, ''],
  [/\bloadbalancer services\b/g, 'loadbalancer'],
  [/\bany (?:like that|like this|of those|of these|of them|such)\b/g, 'any'],
  // "how do I see which IPs are allowed?": show which IPs are allowed
  [/\bhow (?:do|can|could) (?:i|we) (?:see|view|check|find out|look up|tell|know) (?=(?:which|what|who|whether|if)\b)/g, 'show me '],
  // a comparison with another cluster beside a question about one ("…? not sure what the difference is to the
  // workshop one"): context, the question is about the first
  [/[.,;]?\s*(?:i am |i'm )?(?:not sure|unsure|wondering|curious) (?:what|how) (?:the difference|it differs|they differ) (?:is )?(?:to|from|with|compared to) (?:the )?\S+(?: one| cluster)?/g, ''],
  // "in the last day": the last 24 hours
  [/\b(in|over|during|for|within) the (?:last|past) day\b/g, '$1 the last 24 hours'],
  // "does X (still) have a public API endpoint?": whether X is a private cluster
  [/\b(?:does|do) (\S+(?: cluster)?) (?:still )?(?:have|expose|use) (?:a |an )?public (?:(?:api |apiserver |control plane )?(?:endpoint|fqdn)|apiserver)\b/g, 'is $1 a private cluster'],
  // "set X as my cluster": use X
  [/\b(?:set|make|use|take|pick) (\S+) as (?:my|our|the|this chat) (?:cluster|context|target)\b/g, 'use cluster $1'],
  // the security history is the posture over time
  [/\b(?:security|score|posture) history\b(?! for)/g, 'posture trend'],
  // what one is starting, said after a greeting ("hello, starting the workshop runbook now"): context of the hello
  [/[,;.]?\s*(?:i am |we are |i'm |we're )?(?:starting|beginning|kicking off|about to start|getting started with) (?:the |our |with the |on the )?(?:\S+ ){0,2}?(?:runbook|workshop|lab|exercise|session|training|tutorial|shift|day)(?: now| today| this morning)?(?=\s*[.!]*\s*$)/g, ''],
  // non-native forms of reads: "what is possible to do with you?", "the rules of network", "A can speak with B?",
  // "vulnerabilities which have correction"
  [/\bwhat (?:is|things are) possible (?:to do )?(?:with|using) (?:you|this bot|the bot|palisade)\b/g, 'list your commands'],
  [/\b(?:the )?rules of (?:the )?network\b/g, 'networkpolicy'],
  [/\b(?:which|that) (?:have|has) (?:an? )?(?:correction|fix|patch|remediation)(?:es|s)?\b/g, 'fixable'],
  // why a workload needs the way out, said after the question ("it calls the payment provider"): context, never a
  // name or namespace of ours
  [/[.,;]?\s*(?:it|they|this|that) (?:calls|talks to|uses|needs|sends data to|uploads to|pulls from|depends on) (?:the |a |an |our |some )?(?:\S+ ){0,2}?(?:provider|vendor|partner|saas|third-party api|external api|webhook)s?\b(?=\s*[.!]*\s*$)/g, ''],
];

/** Applied before normaliseText's own phrase list, whose rules would otherwise take these words first. */
export const READ_PHRASES_FIRST: Array<[RegExp, string]> = [
  // "A -> B 5432, blocked or not": a yes/no question about the flow, whatever order it is said in
  // non-native "A can speak with B?" (the whole message: the chat cleaner has dropped its "?"): whether A reaches B
  [/^(?!(?:it|this|that|who|what|which|anyone|anybody|someone|nobody|everyone|we|i|you|they)\b)([a-z0-9][a-z0-9/-]*) can (?:speak|talk|communicate|connect) (?:with|to) (?=\S+(?: (?:on|in|over|at) (?:port )?\S+){0,3}\s*$)/g, 'can $1 reach '],
  [/^(?!(?:is|are|can|could|does|do|was|were|will|would)\b)(.+?)[,;]?\s+(blocked|allowed|permitted|open|reachable|possible|working) or not\s*\??\s*$/g, 'is $1 $2?'],
  // "Defender (for Containers) is running / active": whether it is on (never the "running" image filter)
  [/\bdefender((?: for containers| for cloud)?(?: plan)?) (is|was|are) (?:really |actually |still )?(?:running|active|live|switched on|turned on)\b/g, 'defender$1 $2 enabled'],
  // how something is billed is context ("since it is billed per core")
  [/[,;]?\s*(?:since|because|as) (?:it is|it's|they are|that is) (?:billed|charged|priced|paid for) (?:per|by) (?:core|vcore|cpu|node|cluster|hour|month|image)\b/g, ''],
];