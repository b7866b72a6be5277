/**
 * Round 12a: READS asked in business, evidence or long-winded words, folded into the words our examples use. Each rule
 * is a class of phrasing (a construction or a family of words), never one sentence; none of them can name a change.
 * Applied by normaliseText: EVIDENCE_READS_FIRST before every other phrase list, EVIDENCE_READS after READ_PHRASES
 * (lower-case text, punctuation still there).
 */
export const EVIDENCE_READS_FIRST: Array<[RegExp, string]> = [
  // the workshop as the course ("for the workshop's last step we built X"), and what one was poking at before asking
  // ("I was poking at the ratings app and …"): context, never the workshop cluster or the app's namespace
  [/\b(?:for|in|during|at|after) the workshop(?:'s|s|’s)? (last|first|next|final|previous|\d+(?:st|nd|rd|th)?) (?=(?:step|exercise|lab|module|part|section|task)\b)/g, 'for the $1 '],
  [/^(?:so )?(?:i was|i have been|i've been|we were|we have been|we've been) (?:poking|playing|looking|messing|digging|fiddling|tinkering) (?:around )?(?:at|with|in|into) [^,.;?!]{1,40}? (?:and|,) (?:honestly |now |so |frankly )?/g, ''],
  // a moment of one's day in front of the question ("before I head out", "before I log off,"): context
  [/^(?:so |ok |okay )?(?:before|until|till) (?:i|we) (?:head (?:out|off|home)|leave|log (?:off|out)|go home|clock out|call it a day)(?:\s*[,.;:]\s*|\s+(?=(?:is|are|can|could|do|does|what|which|who|how|any|please)\b))/g, ''],
  // the Kubernetes clusters said as environments (under management): the clusters
  [/\b(?:kubernetes|k8s|aks|container) (environments|envs)\b/g, '$1'],
  [/\s*\b(?:that |which )?(?:are |is |fall |falls )?(?:currently |actually )?(?:under|in|within) (?:our |your |my |active )?(?:management|administration|care|stewardship|remit|purview|responsibility|oversight)\b/g, ''],
  // the assistant or tool asked what it does ("what can this assistant do for me?", "which controls does this tool
  // cover?", "an overview of its capabilities"): what Palisade does
  [/\bwhat (?:else )?(?:can|could) (?:this|the|your) (?:assistant|tool|chatbot|app|integration|helper|agent|service)(?: \S+)? (?:actually |really |exactly )?do\b(?: (?:for|to help) (?:me|us|my team|our team|the team))?/g, 'what can you do'],
  [/\bwhat (?:does|do|can|will) (?:this|the|your) (?:assistant|tool|bot|chatbot|app|integration|helper|agent) (?:cover|support|handle|offer|check)\b/g, 'list your commands'],
  [/\b(?:what|which) (?:controls|features|capabilities|functions|areas|checks|topics|things|use cases) (?:does|do|can|will) (?:this|the|your|palisade's) ?(?:assistant|tool|bot|chatbot|app|integration|helper|agent|palisade)? (?:cover|offer|support|provide|handle|check|address)\b/g, 'list your commands'],
  [/\b(?:(?:please )?(?:provide|give|share|send|describe|outline|summari[sz]e|list|explain)(?: me| us)? )?(?:(?:an?|the) )?(?:(?:short |brief |quick |high-level |full )?(?:overview|summary|list|description|outline|rundown) of )?(?:its|your|the bot's|the tool's|this tool's|the assistant's|this assistant's|palisade's) (?:main |key |full |core )?(?:capabilities|features|abilities|functions|functionality|skills)\b/g, 'list your commands'],
  // the same said tersely: "envs?", "capabilities?", "api allowlist prod" (nothing to add: the allowlist itself)
  [/^(?:the |our |all )?(?:k8s |kubernetes |aks )?(?:environments|envs)\s*\??\s*$/g, 'clusters'],
  [/^(?:your |its |the bot's |palisade's )?(?:capabilities|features|abilities|functions)\s*\??\s*$/g, 'list your commands'],
  [/^(?:the )?(?:api|api server|apiserver|control plane) (?=allowlist (?:on |of |for )?[a-z0-9-]+\s*\??\s*$)/g, ''],
  // protection against container threats, at some level: Defender for Containers
  [/\b(?:(?:our |the )?(?:current |present )?level of )?(?:protection|defen[cs]e) against (?:container|runtime|kubernetes|cluster|workload) (?:threats|attacks|malware)\b/g, 'defender for containers'],
  // Defender for Containers in plain words ("Microsoft's container threat protection", "threat protection for our
  // containers"); "are we paying for it (at the moment)?" asks whether it is on
  [/\b(?:(?:microsoft|azure|microsoft's|azure's) )?(?:container|containers|kubernetes|k8s|aks|cluster) (?:threat|runtime|workload) protection(?: (?:plan|service|product))?\b/g, 'defender for containers'],
  [/\b(?:(?:microsoft|azure|microsoft's|azure's) )?(?:threat|runtime) protection (?:for|of|on) (?:the |our )?(?:containers|kubernetes|k8s|clusters|aks)\b/g, 'defender for containers'],
  [/\b(?:are|is) (?:we|it|our subscription|the subscription|the company) (?:still |currently |actually |even )?(?:paying|being billed|billed|being charged|charged) for (?:the |microsoft |azure )?(defender(?: for (?:containers|cloud))?)\b(?: (?:at the moment|at present|right now|currently|today))?/g, 'is $1 on'],
  // "are we compliant / OK if X stays public?": whether X is public now (its state, never a change)
  [/\b(?:are|would|will|is) (?:we|it|that|things|this)(?: still)?(?: be)? (?:still )?(?:compliant|ok|okay|fine|safe|secure|acceptable|in compliance|covered) if (?:the |our )?([a-z0-9][a-z0-9 -]{0,30}?) (?:stays|remains|is left|stay|remain|keeps being) (public|internal|open|exposed|restricted|unrestricted|private|reachable)\b/g, 'is the $1 $2'],
  // the posture said as a compliance or security snapshot, report or scorecard: the posture
  [/\b(?:an? |the )?(?:compliance|security|risk|posture) (?:snapshot|scorecard|report card|health check)\b/g, 'the security posture'],
  [/\b(?:the |our )?(?:current|present|latest|today's|up-to-date) (?:security )?posture\b/g, 'the security posture'],
  // the external attack surface: what is exposed
  [/\b(?:our |the )?(?:external |internet[- ]facing |public |network )?attack surface\b/g, 'exposure'],
  // traffic restrictions or controls inside a namespace ("what traffic restrictions are in place inside X"): its
  // network policies
  [/\b(?:east[- ]west |network |pod |internal )?traffic (?:restrictions|controls|filtering|filters|limits)\b/g, 'networkpolicy'],
  [/\b(networkpolicy (?:(?:are|is) )?(?:in place|applied|active|present|enforced)) inside\b/g, '$1 in'],
  // evidence asked beside a read ("as evidence for the control review", "I need the supporting evidence", "provide the
  // record", "just want to tick the box"): what the answer is for, never a word of the request
  [/[,;]?\s*\b(?:as|for) (?:supporting |audit |documentary )?(?:evidence|proof)(?: (?:for|in|of|to) (?:the |our |this |an? |my )?(?:[a-z-]+ ){0,2}(?:review|audit|assessment|report|ticket|finding|file|record|auditors?|regulators?|control|check))?\b/g, ''],
  [/(?:^|[.;!?]\s*|,\s*)(?:and )?(?:i|we) (?:will |would |also |just )?(?:need|want|require|would like) (?:the |some |a )?(?:supporting |written |documentary )?(?:evidence|proof|record|screenshot|paper trail)(?: (?:for|of) (?:it|this|that|the (?:audit|review|file)))?\s*[.!]?\s*$/g, ''],
  [/(?:^|[.;!?]\s*)(?:please )?(?:provide|attach|include|share|keep|send) (?:the |a |any )?(?:supporting |written |documentary )?(?:record|records|evidence|proof|paper trail|screenshot)s?(?: (?:for|of) (?:it|this|that|the (?:audit|review|file)))?\s*[.!]?\s*$/g, ''],
  [/(?:[,;.!?]\s*|\s+)(?:i |we )?(?:will )?(?:need|want) (?:it|this|that|them|these) for (?:a|the|my|our|an) [a-z -]{1,30}?\s*[.!]?\s*$/g, ''],
  [/[,;]?\s*\bfor (?:the|our) (?:external |internal )?(?:auditors?|regulators?|board|ciso|leadership|management|assessors?|examiners?)\b/g, ''],
  [/[,;.]?\s*(?:i |we )?(?:just )?(?:want|need|would like) to (?:tick (?:the|that|a) box|check (?:the|that|a) box|close (?:the|this|my) (?:ticket|finding|item))\b/g, ''],
  // a confirmation asked for ("I require confirmation that …"), an entry the allowlist should contain ("confirm that the
  // allowlist of X contains A"): whether A is on it
  [/\b(?:(?:i|we) )?(?:require|need|want|would like|request|ask for)? ?(?:a |written |formal )?confirmation (?=(?:that|whether|if)\b)/g, 'confirm '],
  [/\b(?:(?:confirm|verify|validate|attest|double[- ]check|check|demonstrate|prove|show|state|certify|evidence|indicate|clarify|advise)(?: that| whether| if)? )?(?:the )?(?:apiserver |ip )?allowlist ((?:of|on|for) [a-z0-9-]+ )?(?:still |currently |really )?(?:contains|includes|lists|has) ([0-9][0-9a-f.:/]*)/g, 'is $2 on the allowlist $1'],
  [/\b(?:confirm|verify|validate|attest|double[- ]check|check|demonstrate|prove|show|state|certify|evidence|indicate|clarify|advise)(?: for me)? (?:that|whether|if) ([0-9][0-9a-f.:/]*) (is|are) (?=(?:still |already |currently |really )?(?:allowlisted|on the allowlist|in the allowlist)\b)/g, '$2 $1 '],
  // a state asked to be confirmed ("confirm that X still has its source IP restriction in place", "verify that X is
  // internal"): the question whether it is so
  [/\b(?:confirm|verify|validate|attest|double[- ]check|check|demonstrate|prove|show|state|certify|evidence|indicate|clarify|advise)(?: for me)? (?:that|whether|if) (?!(?:we|i|you|they|it|there|this|that)\b)((?:the |our )?[a-z0-9][a-z0-9-]*(?: (?:on|in) [a-z0-9-]+)?) (?:still |really |actually )?(?:has|have)\b/g, 'does $1 still have'],
  [/\b(?:confirm|verify|validate|attest|double[- ]check|check|demonstrate|prove|show|state|certify|evidence|indicate|clarify|advise)(?: for me)? (?:that|whether|if) (?!(?:we|i|you|they|it|there|this|that)\b)((?:the |our )?[a-z0-9][a-z0-9-]*(?: (?:on|in) [a-z0-9-]+)?) (is|are)\b/g, '$2 $1'],
  // who asked for it and when, in front of the request ("Hi team, our CISO asked me this morning for …"), and "could
  // you pull that together?" after it: context of the read named
  [/^(?:hi|hello|hey|morning) (?:team|all|folks|everyone|guys)[,!.]\s+(?=\S+\s+\S)/g, ''],
  [/^(?:so )?(?:our|my|the) (?:ciso|cio|cto|boss|manager|lead|director|vp|head of [a-z]+|auditors?|team lead|security team|compliance team)(?: (?:just|also))? (?:asked|wants|needs|requested|would like)(?: me| us)?(?: (?:this morning|today|yesterday|earlier|this week))? (?:for|to see)\b\s*/g, 'show '],
  [/(?:[,;.?!]\s*|\s+)(?:(?:could|can|would) you |please )?(?:pull|put|get) (?:that|it|this|something|them) together(?: for (?:me|us))?\s*[?.!]?\s*$/g, ''],
  // who one is and what one was told to look at ("I just joined the platform team last week and my lead told me to
  // check which IPs …"), a question excused in front ("this might be a dumb question but …"): context of the read
  [/^(?:so )?(?:i|we) (?:just |only |recently )?(?:joined|started(?: on| in| at| with)?|moved to|transferred to) (?:the |this )?(?:[a-z-]+ ){0,3}?(?:team|company|org|organi[sz]ation|project|group|squad|department)(?: (?:last|this) (?:week|month)| (?:yesterday|today|recently|on monday))?(?:,| and| so) /g, ''],
  [/\b(?:my|our|the) (?:lead|manager|boss|team lead|tech lead|director|ciso|mentor|senior|colleague|teammate|auditor)s? (?:just )?(?:told|asked|wants|needs|would like|has asked) (?:me|us) to (?:check|look at|find out|see|review|verify|confirm|get|pull up) /g, 'show '],
  [/(?:^|[,.;]\s*)(?:(?:ok|okay|so|sorry)[, ]+)*(?:this |it )?(?:might|may|could|will) (?:be|sound like|seem like) (?:a )?(?:dumb|stupid|silly|naive|basic|obvious|newbie|noob) (?:question|q)(?:,| but| -|—)?\s*/g, ''],
  [/^for (?:our|the|an?|my) (?:[a-z0-9-]+ ){0,2}(?:evidence|compliance|certification|attestation)(?: (?:folder|file|pack|package|binder|request|purposes?))?\s*[,;:]\s*/g, ''],
  // an auditor's verbs for a list ("identify / enumerate every …", "report on …"): the list
  [/^(?:please )?(?:identify|enumerate|catalog(?:ue)?|inventory|itemi[sz]e)\b/g, 'list'],
  [/^(?:please )?(?:report|brief me|update me) on (?=\S)/g, 'show '],
  [/\bpublicly (?:reachable|accessible|exposed|available|visible) (services?|apps?|applications|workloads|endpoints|load ?balancers)\b/g, 'public $1'],
  // what one is about to do, said before the question ("I'm onboarding next week and want to understand what …"):
  // context; wanting to know is the question itself
  [/^(?:i am|i'm|we are|we're|i will be|i'll be) (?:onboarding|starting|joining(?: the team)?)(?: (?:next|this) (?:week|month)| (?:tomorrow|today|soon|on monday))?(?:,| and| so) /g, ''],
  [/\b(?:i |we )?(?:want|would like|need|am trying|are trying) to (?:understand|know|find out|learn|figure out) (?=(?:what|which|who|how|whether)\b)/g, ''],
  // what the answer is kept for ("for our records", "for reference"), and "the current state of the allowlist": the read
  [/[,;]?\s*\bfor (?:the|a|my|our) (?:[a-z-]+ )?(?:doc|docs|document|wiki|wiki page|writeup|write-up|slides?|deck|runbook)\b(?=\s*[.!?]?\s*$)/g, ''],
  [/[,;]?\s*\bfor (?:our|the|my) (?:records?|files?|reference|documentation|archives?|notes)\b/g, ''],
  [/\b(?:the )?(?:current |present |latest )?(?:state|status) of (?:the |our )?(?=(?:api ?server |ip |control plane )?(?:allowlist|authori[sz]ed (?:ip )?ranges|ip ranges|network polic|exposure|approvals|defender)\b)/g, 'the '],
  // why one asks, said as the document being written ("I'm writing up the design doc and need to know …"): context
  [/^(?:i am|i'm|we are|we're) (?:writing(?: up)?|preparing|putting together|drafting|updating|filling (?:in|out)) (?:the |a |our |my |an )?(?:[a-z-]+ ){0,2}?(?:doc|docs|document|report|deck|slides|runbook|wiki page|page|ticket|spreadsheet|questionnaire|review)(?: for [a-z -]{1,30}?)?(?:,| and| so) (?:i |we )?(?:(?:need|want|have) to (?:know|find out|understand|see|check) )?/g, ''],
  [/[,;]?\s*\bif (?:there are )?any\s*[.!]?\s*$/g, ''],
  // what is exposed, asked as everything the public can reach ("every service in prod that the public can reach",
  // "a plain-English list of …"): the public Services
  [/\b(?:an? |the )?(?:plain[- ]english|plain|simple|readable|human[- ]readable|non-technical) (?=(?:list|overview|summary)\b)/g, ''],
  [/\b(?:every|each|any|all(?: (?:of )?(?:the|our))?) (?:services?|apps?|applications|workloads|endpoints|things|load ?balancers)((?: (?:in|on) (?:the )?\S+(?: cluster)?)?) (?:that|which) (?:the (?:general )?public|anyone|anybody|everyone|the internet|outsiders|customers|the outside world|people outside) (?:can|could|is able to|are able to) (?:reach|access|see|hit|get to|connect to|use)\b/g, 'public services$1'],
];

export const EVIDENCE_READS: Array<[RegExp, string]> = [
  // rules that stop one app from talking to another: the network policies
  [/\b(?:rules?|polic(?:y|ies)|controls?)(?: in place| applied)? (?:that |which )?(?:stop|prevent|block|limit|restrict|control)s? (?:one |an? |the )?(?:apps?|applications?|pods?|services?|workloads?|namespaces?) (?:from )?(?:talking|speaking|connecting|communicating|reaching) (?:to |with )?(?:another|each other|one another|others?|other (?:apps?|pods?|services?|workloads?|namespaces?))\b/g, 'networkpolicy'],
  // controls limiting who can administer a cluster: who reaches its API server
  [/\b(?:controls?|rules?|restrictions?|limits?) (?:limiting|restricting|controlling|on|over) (?:which|who|what) (?:[a-z]+ )?can (?:administer|manage|access|reach|connect to|get to|talk to) (?:the |our )?((?:[a-z0-9-]+ )?cluster|apiserver|control plane)\b/g, 'who can reach the apiserver of the $1'],
  // which apps (of which teams) are reachable from outside: the public Services (from the internet: the words we know)
  [/\b(?:which|what) (?:of (?:our|the) )?(?:[a-z']+ )?(?:apps|applications|services|workloads|endpoints)(?: (?:are|is))? (?:reachable|accessible|exposed|visible|open) (?:from|to) (?:the )?(?:outside|outside world)\b/g, 'which public services'],
  // how our vulnerability remediation stands: the vulnerabilities
  [/\b(?:the )?(?:status|state|progress) of (?:our |the )?(?=vulnerabilit)/g, ''],
  [/\b(vulnerabilit(?:y|ies)) (?:remediation|management|patching|fixing|backlog)\b/g, 'vulnerabilities'],
  // rules said as governing the traffic between our applications: the network policies
  [/\b(?:the )?(?:rules|policies|controls)\b(?: [a-z]+){0,5}? (?:governing|controlling|regulating|restricting|limiting|for|on|about|(?:that |which )?(?:govern|control|regulate|restrict|limit|manage)s?) (?:the )?(?:network )?traffic between (?:the |our )?(?:pods|namespaces|workloads|apps|applications|services|microservices|containers)\b/g, 'networkpolicy'],
  // a cluster hidden from the internet ("is the workshop cluster hidden from the internet or not?"): whether it is private
  [/\b(is|are) (?:the |its |our )?((?:[a-z0-9-]+ )?apiserver(?: (?:of|for|on) \S+)?) (?:really |actually |fully |still )?(?:hidden|invisible|shielded|not visible) (?:from|to|on) (?:the )?(?:public )?internet\b/g, '$1 the $2 private'],
  [/\b(is|are) ((?:the |our )?(?:\S+ cluster|aks-\S+)) (?:really |actually |fully |still )?(?:hidden|invisible|shielded|cut off|not visible|not reachable|unreachable|private) (?:from|to|on) (?:the )?(?:public )?internet\b/g, '$1 $2 a private cluster'],
  // the API server confirmed not public ("confirm its API server really isn't public", "public access to the API server
  // of X is disabled"): whether the cluster is private
  [/\b(?:confirm|check|verify|make sure|ensure|validate|attest)(?: (?:that|whether|if))? (?:its|the|their|our|this) apiserver((?: (?:of|for|on) \S+)?) (?:is |really |actually |truly |still |now ){0,2}(?:internal|private|not public)\b/g, 'is the apiserver$1 private'],
  [/\b(?:(?:confirm|check|verify|make sure|ensure|validate|attest)(?: (?:that|whether|if))? )?public access to (?:the |its )?apiserver((?: (?:of|for|on) \S+)?) (?:is|has been|was|got) (?:really |actually |now |fully )?(?:disabled|turned off|switched off|blocked|removed|off|closed)\b/g, 'is the apiserver$1 private'],
  // temporary or expired entries asked about on the allowlist: what is on it (it shows each entry and its expiry)
  [/\b(?:are (?:there )?)?(?:any |which |what )?(?:(?:temporary|temp|timed|expired|expiring|stale|old|outdated|unused|leftover)(?: or | and |, )?){1,3} ?(?:entries|ranges|addresses|ips)(?: (?:that are|which are|still))? (?:present |listed |left |remaining |still )?(?:in|on) (?:the )?((?:aks-[a-z0-9-]+ )?)(?:apiserver |ip )?allowlist\b(?: (?:have|has) (?:already |now )?(?:expired|lapsed|run out|timed out|been removed))?/g, 'what is on the $1allowlist'],
  // whether one entry is (still) on the allowlist, asked as "has X been removed / added": what is on the allowlist
  [/\b(?:has|have|was|were) (?:the )?(?:(?:allowlist|ip|range) )?(?:entry|entries|range|address|ip)? ?(?:for |of )?(\d[\d./:a-f]*) (?:already |actually |really )?(?:been |gotten |got )?(?:removed|deleted|taken off|dropped|added|put) (?:from|to|on|off) (?:the (?:allowlist|apiserver allowlist) (?:of |on |for )?)?/g, 'is $1 on the allowlist of '],
  // a change asked about at any point in a period ("was Defender disabled at any point in the last 30 days?"): what changed
  [/(?<!\b(?:we|i|you|they) )\b(?:was|were|has|have) (?:the |our )?(?:[a-z0-9-]+ ){1,4}?(?:(on|in) ([a-z0-9-]+(?: cluster)?) )?(?:ever|at any (?:point|time|moment|stage)) (?:been )?(?:disabled|enabled|changed|removed|deleted|added|modified|turned (?:off|on)|switched (?:off|on)|made (?:public|internal)|restricted|unrestricted|opened|exposed)\b/g, 'what changed $1 $2'],
  [/(?<!\b(?:we|i|you|they) )\b(?:was|were|has|have) (?:the |our )?(?:[a-z0-9-]+ ){1,4}?(?:(on|in) ([a-z0-9-]+(?: cluster)?) )?(?:been )?(?:disabled|enabled|changed|removed|deleted|added|modified|turned (?:off|on)|switched (?:off|on)|made (?:public|internal)|restricted|unrestricted|opened|exposed) (?:at any (?:point|time|moment|stage)|ever|at all)\b/g, 'what changed $1 $2'],
  [/\bat any (?:point|time|moment)((?: (?:in|during|over) (?:the )?(?:last|past) [a-z0-9 ]{1,15}?)?),? (?:was|were|has|have) (?!(?:we|i|you|they)\b)(?:the |our )?(?:[a-z0-9-]+ ){1,4}?(?:been )?(?:disabled|enabled|changed|removed|deleted|added|modified|turned (?:off|on)|switched (?:off|on)|made (?:public|internal)|restricted|unrestricted|opened|exposed)\b/g, 'what changed$1'],
  // everything the internet can see on a cluster: what is exposed
  [/\b(?:everything|anything|whatever|all the things|things)((?: (?:on|in) (?:the )?[a-z0-9-]+)?) (?:that |which )?(?:the (?:public |open )?internet|the public|anyone outside|outsiders|the outside world) (?:can|could) (?:see|reach|access|hit|get to)\b/g, 'what is exposed$1'],
  // a cluster with no public API endpoint is a private one
  [/\b(?:does |do )?([a-z0-9][a-z0-9-]*) (?:still |really |actually )?(?:has|have) no public (?:(?:api|apiserver|control plane|api server) (?:endpoint|fqdn|address|ip)|apiserver)\b/g, 'is $1 a private cluster'],
  // whether anything on a cluster is exposed to the internet: what is exposed there (never the whole posture)
  [/\b(?:if |whether )?(?:anything|something|any services?|any apps?|any workloads?)((?: (?:on|in) (?:the )?[a-z0-9-]+)?) (?:is |are )?(?:exposed|reachable|open|visible) (?:to|from|on) (?:the )?(?:public )?internet\b/g, 'what is exposed$1'],
  // whether someone touched something: who changed it
  [/\b(?:has|have|did) (?:anyone|anybody|someone|somebody|one of us|any of you) (?:touched|changed|modified|edited|altered|messed with|fiddled with)\b/g, 'who changed'],
  // everything that changed: what changed (never "is everything ok")
  [/\b(?:everything|anything|all|whatever|the things|stuff) (?:that |which )?(?:has |have |was |were |got )?(?:been )?(?:changed|modified|touched|happened)\b/g, 'what changed'],
  [/\bbetween (\d{4}-\d{2}-\d{2}) and (?:now|today|the present|present)\b/g, 'since $1'],
  // a read handed over whose object was already said as shown ("share an overview of the clusters"): shown
  [/\b(?:share|provide|send|give|supply)(?: me| us)? show\b/g, 'show'],
  // a change log from a date ("what changed from 2025-06-01", "starting 2025-06-01"): since that date
  [/\b(?:from|starting(?: from| on)?|beginning|as of|after) (\d{4}-\d{2}-\d{2})\b(?!\s*(?:to|until|till|through|-)\b)/g, 'since $1'],
  // something sitting or stuck in the approval queue ("is there anything sitting in the approval queue I should look at"):
  // what waits for approval
  [/\b(anything|something|stuff|requests?) (?:sitting|waiting|stuck|lying|queued|parked) (?:in|on) (?:the |my |our )?pending approval\b/g, '$1 pending approval'],
  [/(\bpending approval) (?:that |which )?(?:i|we) (?:should|need to|must|have to|ought to) (?:look at|review|check|see|handle|approve|know about)\b/g, '$1'],
  // findings of the images or containers (a scanner's word) are their vulnerabilities (how they changed is the trend)
  [/\b(?:the )?(?:image|container|container image) findings\b(?! (?:have |has )?(?:changed|trend|moved|evolved))/g, 'image vulnerabilities'],
  // the software or images actually running: the running filter ("flaws in the software actually running in prod")
  [/\b(?:security )?(?:flaws|weaknesses|holes|bugs)\b(?= (?:are |exist )?(?:in|on|of) (?:the )?(?:software|images|containers|code|workloads))/g, 'vulnerabilities'],
  [/\b(?:the )?(?:software|code|containers|workloads|images)(?: that (?:is|are)| which (?:is|are))? (?:actually |really |currently )(?:running|deployed|in use)\b/g, 'images we actually run'],
  // the change history said as a developer's tool ("git log but for the cluster", "like git blame"): the audit
  [/\b(?:like |a )?git (?:log|history|blame)\b(?: (?:but |just )?(?:for|of|on) (?:the |this |our )?(?:cluster|clusters|[a-z0-9-]+ cluster))?/g, 'change log'],
  // "from the public internet": the internet (whether a Service is reachable from it stays its exposure)
  [/\bfrom (?:the )?(?:public|open|wider|whole) internet\b(?!-)/g, 'from the internet'],
  // unsure which read it is ("I'm not sure which of our load balancers are exposed, could you show me?"): the question
  // itself, never a "not" (only when no change is named in that clause)
  [/\b(?:(?:i am|i'm|we are|we're) )?(?:honestly |really |just |still )?not (?:sure|certain|clear) (?:about |on )?(?=(?:which|what|whether|how many|if (?!(?:i|we|you)\b))\b)(?!what (?:the )?difference|how (?:they|it) differ)(?![^.?!]*\b(?:make|restrict|unrestrict|allow|allowlist|remove|delete|disable|enable|turn|switch|open|close|lock|block|expose|set|add|apply|put|change|drop|whitelist|zero)\b)/g, ''],
];
