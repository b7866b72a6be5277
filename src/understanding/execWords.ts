/**
 * Round 13a: the domain said in business or executive words, folded into the words our examples use. Each rule is a
 * family of words or one construction, never a sentence; none names a Service, a cluster or an address of its own.
 * Applied by normaliseText after the other phrase lists (lower-case text, contractions expanded, punctuation still
 * there), so the words other rules already folded ("turn on" → enable) are the ones seen here.
 */
type Phrase = [RegExp, string | ((match: string, ...groups: string[]) => string)];

/** Words that say "which kind of environment", never its name ("the Kubernetes environment", "a test environment"). */
const NOT_AN_ENVIRONMENT_NAME = '(?!(?:the|a|an|our|your|their|its|this|that|my|whole|entire|same|each|every|any|all|other|kubernetes|k8s|aks|container|containers|cloud|azure|it|lab|sandbox|demo|local|shared|new|old|current|internal|network|runtime|\\d+)\\b)';

/** Applied before the other phrase lists, so that their rules see the API server and the cluster named. */
export const EXEC_WORDS_FIRST: Phrase[] = [
  // a cluster said as "the X environment": that cluster (resolved like "the X cluster"; an unknown one is asked about)
  // (only after "the" or "our": "it is just a training environment" says what kind it is, never which)
  [new RegExp(`\\b(?:the|our) ${NOT_AN_ENVIRONMENT_NAME}([a-z][a-z0-9-]*) (?:environment|env)\\b(?!s)`, 'g'), 'the $1 cluster'],
  // the API server as administrative access: "administrative / admin access to X" is access to X's API server, and
  // "(be able to) administer X" is reaching it
  [/\b(?:administrative|administrator|admin|management|cluster-admin) access (?:to|on|for|of) (?:the )?([a-z][a-z0-9-]*)(?: cluster| environment| env)?\b/g, 'access to the $1 api server'],
  [/\b(?:be able to |can |could |may |might |to )?(?:(?:administer|administrate) (?:the )?([a-z][a-z0-9-]*)(?: cluster| environment| env)?\b|manage (?:the )?([a-z][a-z0-9-]*) (?:cluster|environment|env)\b|manage (?:the )?((?:aks-)?prod(?:uction)?|aks-[a-z0-9-]+)\b)/g, (m: string, a?: string, b?: string, c?: string) => `${/^(?:be able to|can|could|may|might|to) /.exec(m)?.[0] ?? ''}reach the ${a ?? b ?? c} api server`],
  // "going forward, …", "henceforth …": when the request starts, i.e. now ("from now on" is an example's own word)
  [/^(?:going forward|moving forward|henceforth|from here on(?: out)?)\s*,?\s*/g, ''],
  // "only A may reach the X api server": X's ranges set to A (the range said is the whole list)
  [/\bonly (?:(?:our|the|my) )?(?:[a-z-]+,? ){0,3}?((?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?(?:(?:,| and|,? and) (?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?)*),? (?:may|should|must|can|is allowed to|are allowed to|will) (?:be able to )?reach the ([a-z][a-z0-9-]*) api server\b/g, 'set ip ranges on the $2 cluster to $1'],
  // "open up (administrative) access to X to everyone": its API server opened to everyone (its ranges switched off)
  [/\bopen (?:up )?(?:the )?access to the ([a-z][a-z0-9-]*) api server (?:to|for) (?:everyone|everybody|anyone|anybody|all|the (?:whole )?(?:world|internet))\b/g, 'open up the $1 cluster api server to everyone'],
  // vulnerabilities as flaws or holes in our software ("critical flaws in our production software"): the vulnerabilities
  [/\b(?:security )?(?:flaws|weaknesses|holes|bugs)\b(?= (?:are |exist )?(?:in|on|of) (?:the |our )?(?:[a-z0-9-]+ )?(?:software|images|containers|code|workloads|apps|applications))/g, 'vulnerabilities'],
  // "… that already have a fix / a patch available": the fixable filter
  [/\b(?:that |which )?(?:already )?(?:have|has) (?:a |an )?(?:fix|patch|fixed version|update)(?:es)?(?: available)?\b/g, 'are fixable'],
  // a cluster that "cannot be reached from the internet (at all)" is a private one (a Service said so stays its exposure)
  [/\b((?:the )?(?:[a-z0-9-]+ )?cluster|aks-[a-z0-9-]+)(?: really| actually| truly)? (?:can not|cannot|is not|are not) (?:be )?(?:reached|reachable|accessible|accessed|visible) (?:from|on|by) (?:the )?(?:public )?internet(?: at all)?\b/g, 'is $1 a private cluster'],
];

export const EXEC_WORDS: Phrase[] = [
  // Defender for Containers as "threat protection" (bare, or as a plan or a service): the other rules have already
  // folded "container threat protection" and "threat protection for our containers"
  [/\b(?:(?:microsoft|azure|microsoft's|azure's) )?threat (?:protection|detection)(?: (?:plan|service|product|coverage))?\b/g, 'defender for containers'],
  // clusters said as the environments we watch, monitor or look after ("environments under watch"): the clusters
  [/\b(environments|envs)\b(?: (?:do|that|which|are|is))?(?: (?:we|you|palisade|the bot))?(?: (?:have|keep|currently have|are keeping|are|is))?(?: (?:under|on|in) (?:our |your |active |constant )?(?:watch|monitoring|observation|surveillance|guard)| (?:watch|watches|watched|watching|monitor|monitors|monitored|monitoring|observe|observed|guard|guarded|look after|looked after|cover|covered)(?: by (?:you|us|palisade|the bot))?)\b/g, 'clusters'],
  // the environments (plural, ours) are the clusters; "(that) we are responsible for" says which: ours
  [/\b(?:environments|envs)\b(?:,? (?:that |which )?(?:we|you|i) (?:are|am) (?:responsible|accountable) for)?/g, 'clusters'],
  // (the same said after "clusters": "which clusters are under your watch")
  [/(\bclusters\b[^.;!?]{0,20}?)\s*\b(?:that |which )?(?:are |is )?(?:currently )?(?:under|on|in) (?:our |your |active |constant )?(?:watch|monitoring|observation|surveillance)\b/g, '$1'],
  // network policies as (internal) traffic rules ("what internal traffic rules protect X"): the network policies
  [/\b(?:the |our |any |which |what )?(?:internal |east[- ]west |in-cluster |inter-service |pod-to-pod )(?:traffic|network|networking|communication) (?:rules|policies|controls)\b/g, 'networkpolicy'],
  // a namespace said as the application it holds ("the shop application"): resolved like a namespace named
  [/\b(networkpolicy(?: \S+){0,3}?) (?:protect|protects|protecting|guard|guards|cover|covers|apply to|applies to|govern|governs|for|around|of) (?:the |our )?([a-z][a-z0-9-]*) (?:application|app|applications|apps|system|workloads?)\b/g, '$1 in $2'],
  // periods said as a business does ("the last quarter", "the past half year"): a length of history in days
  [/\b(?:(?:for|over|in|during|across) )?(?:the )?(?:last|past|previous) quarter\b/g, ' for the last 90 days'],
  [/\b(?:(?:for|over|in|during|across) )?(?:the )?(?:last|past|previous) (?:half[- ]year|six months|6 months)\b/g, ' for the last 180 days'],
  // a trend of one area said after it ("posture trend for X over 14 days, images only"): that area's trend
  [/\b(?:(?:posture|security|overall|score) )?trend\b([^.;!?]*?)[,;]?\s*(?:just |only )?(?:the )?(images?|image vulnerabilities|vulnerabilities|control[- ]plane|api ?server|exposure|network polic(?:y|ies)|networkpolicy)(?: only| alone)\b/g, (_: string, rest: string, area: string) => `${/^im|^vul/.test(area) ? 'images' : /^con|^api/.test(area) ? 'apiserver' : /^exp/.test(area) ? 'exposure' : 'network policy'} trend${rest}`],
  // the area first: "trend of the control-plane area", "the images area": the area's trend
  [/\btrend (?:of|for|in) (?:the )?(images?|control[- ]plane|api ?server|exposure|network polic(?:y|ies)|networkpolicy) (?:area|side|part)\b/g, (_: string, area: string) => `${/^im/.test(area) ? 'images' : /^con|^api/.test(area) ? 'apiserver' : /^exp/.test(area) ? 'exposure' : 'network policy'} trend`],
  // how exposed something has been (over a time): how the exposure changed
  [/\b(?:(?:a|the) trend (?:for|of|in|on) )?how (?:exposed|public|reachable) (?:our |the )?(?:services|apps|applications|workloads|load ?balancers|things|we) (?:have|has) been\b/g, 'exposure trend'],
  // the score said over a period ("posture score over the last 7 days"): the trend of the score
  [/\b(?:the |our )?(?:posture|security) score (?=(?:over|across|during|for|in) (?:the )?(?:last|past|previous) )/g, 'the trend of the security score '],
  // a Service named by what it is for: "our public website" is the web one (a short name, read on the conversation's
  // cluster only when one name there has it as a whole part, as nicknames.ts does; a change to it is still asked
  // about), "the ratings back end" is the ratings one's API (resolved against the inventory like any typed name)
  [/\b(?:our|the) (?:public|main|customer[- ]facing|external|internet[- ]facing|company) (?:website|web site|site|web app|webapp|web front ?end|front ?end)\b/g, 'web'],
  // (round 13w: an app owner's "my frontend", "our back end", said with no name: the web one and the API one)
  [/\b(?:my|our|the) (?:web )?(?:front ?end|front-end|website|web site|web app|webapp|ui)\b(?! (?:team|folks|people|devs?|developers?|engineers?|code|repo|build)\b)/g, 'web'],
  [/\b(?:my|our|the) (?:back ?end|back-end)(?: (?:service|api|app))?\b(?! (?:team|folks|people|devs?|developers?|engineers?|code|repo|build)\b)/g, 'api'],
  [/\b(?:the |our )?(?!(?:the|a|an|our|your|their|its|this|that|my|whole|public|main|new|old|company|same|app|application|service)\b)([a-z][a-z0-9]*) (?:back ?end|back-end)(?: (?:service|api|app))?\b/g, '$1-api'],
  // our websites (plural): the Services ("which of our websites are public?")
  [/\b(?:our |the )?(?:websites|web sites|web apps|webapps)\b/g, 'services'],
  // the internet as the wider world ("exposed to the big bad internet", "visible to the wider world")
  [/\bthe (?:big bad|big wide|wide|wild|wider|scary|great) (?:wide )?(?:internet|world)\b/g, 'the internet'],
  // a Service's source ranges said as its address limits ("remove the address limits"), as a manager says them
  [/\b(?:the |its |their )?(?:ip |source |client )?address (?:limits?|limitations?|restrictions?|filters?|filtering|allowlist)\b/g, 'the source ranges'],
  // "report the X (plan) state": show X's status
  [/^(?:please )?report (?=(?:the |our )?\S)/g, 'show '],
  [/\b(defender(?: for containers)?) plan (?:state|setting)\b/g, '$1 status'],
  // "the X website … its back end": the back end of the site just named (X's API), resolved like a typed name
  [/\b([a-z][a-z0-9]*)-web\b([^.;!?]*?)\bits (?:back ?end|back-end)(?: (?:service|api|app))?\b/g, '$1-web$2$1-api'],
];
