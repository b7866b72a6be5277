import { normalize as cleanChat } from '../commands/normalize.js';
import { MIND_DOING } from './mindDoing.js';
import { CHANGE_PHRASES, CHANGE_PHRASES_LATE } from './changeWords.js';
import { BUSINESS_WRITE_PHRASES } from './businessWrites.js';
import { withoutChatNoise } from './chatNoise.js';
import { own } from '../text/own.js';
import { READ_PHRASES, READ_PHRASES_FIRST } from './readPhrases.js';
import { EVIDENCE_READS, EVIDENCE_READS_FIRST } from './evidenceReads.js';
import { EXEC_WORDS, EXEC_WORDS_FIRST } from './execWords.js';
import { CASUAL_PHRASES, CASUAL_PHRASES_FIRST } from './casualPhrases.js';
import { SHORT_FORMS } from './shortForms.js';
import { withCausativeUnfolded } from './causative.js';
import { withClosingWishRead } from './closingWish.js';
import { CHECKLIST_READS } from './checklistReads.js';
import { LEARNED_ENGLISH } from './learnedEnglish.js';
import { CLI_FORMS } from './cliForms.js';

/** Text → lower-case tokens: contractions expanded, punctuation dropped, addresses/ports/times/names kept whole. */

const CONTRACTIONS: Array<[RegExp, string]> = [
  // (round 8: "cannot" is a "not" too; it used to be an unknown word beside a change)
  [/\bcan'?t\b|\bcannot\b/g, 'can not'],
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
  // round 9b: "cn" is chat for "can"
  [/\bcn\b/g, 'can'],
  [/\bu\b/g, 'you'],
  [/\bur\b/g, 'your'],
  [/\b(?:rn|asap|atm)\b/g, 'now'],
  [/\bthx\b/g, 'thanks'],
];

/** Multi-word phrases folded into one vocabulary word before tokenising (synonyms). */

/** Round 14a: the base form of the change verbs a gerund may start an advice question with. */
const GERUND_BASE: Record<string, string> = { disabling: 'disable', enabling: 'enable', removing: 'remove', making: 'make', opening: 'open', restricting: 'restrict', unrestricting: 'unrestrict', allowing: 'allow', adding: 'add', dropping: 'drop', turning: 'turn', switching: 'switch', exposing: 'expose', locking: 'lock', applying: 'apply', allowlisting: 'allowlist', whitelisting: 'whitelist', deleting: 'delete', blocking: 'block', closing: 'close', lifting: 'lift', clearing: 'clear', widening: 'widen' };

const PHRASES: Array<[RegExp, string | ((match: string, ...groups: string[]) => string)]> = [
  // round 9a: a ticket reference in parentheses ("(change ticket CHG-20417)", "(INC-881)") says why, not what
  [/\s*\((?=[^()]*\b(?:tickets?|chg|change|jira|incident|inc|req|rfc|cr|case|ref)\b|[^()]*\b[a-z]{2,8}-\d{2,}\b)[^()]*\)/g, ' '],
  // round 9a: one quoted value ("+ \"192.0.2.44/32\"" in a pasted diff) is that value; a quoted cron keeps its quotes
  [/"([^"\s]+)"/g, '$1'],
  [/(^|\s)\+ (?=\d)/g, '$1add '],
  [/\bauthori[sz]ed_ip_ranges\b/g, 'authorized ip ranges'],
  // round 9a: "do the needful", "please configure so", "make it so": the request is around it
  [/\bdo the needful(?: and)?\b/g, ' '],
  // round 13: "revert with the list", "revert back to me": in Indian English to revert is to reply (never an undo)
  [/\b(?:please |kindly |pls )?revert (?:back )?(?:to (?:me|us) )?with\b(?: (?:the|a))?/g, 'show'],
  [/[,.;]?\s*(?:and |then |please |kindly |pls )*revert (?:back )?(?:to (?:me|us)(?: (?:asap|soon|once done|when done|at the earliest))?|asap|once done|when done|at the earliest)\s*[.!]*\s*$/g, ' '],
  [/,?\s*(?:please )?(?:configure|set up|setup|do|make|arrange) (?:it )?so\b(?=\s*[.!]*\s*$)/g, ' '],
  [/\b(?:arrange|organi[sz]e) for\b/g, 'setup'],
  // round 9a: "temp allow my ip": for a while
  [/\btemp\b(?!\.)/g, 'temporarily'],
  // round 9a: who told me to is context ("I think my mentor said to put X on zero trust"); the order follows
  // (only when we are asked to do it: "someone told me to disable the ranges" alone reports, it asks nothing)
  [/^(?:i think |i guess |i believe |apparently )?(?:the |our |my )?(?:[a-z]+ ){0,2}?[a-z]+ (?:said|told (?:me|us)|asked (?:me|us)|wants (?:me|us)|suggested|recommended)(?: that)?(?: (?:we|i) should)? to (?=[a-z])(?=.*\b(?:please|pls|kindly|(?:could|can|would|will) (?:you|u)|do (?:it|that|this) for)\b)/g, ''],
  // round 7: a URL inside the cluster names a Service, its namespace and port ("http://ratings-api.ratingsapp:80",
  // "api.shop.svc.cluster.local:8080"; the scheme's port when none is written)
  [/\b(?:(https?):\/\/)?([a-z][a-z0-9-]*)(?:\.([a-z][a-z0-9-]*))?(\.svc(?:\.cluster\.local)?)?(?::(\d{1,5}))?(?:\/\S*)?(?=\s|$|[,;?!])/g, (m: string, scheme?: string, host?: string, ns?: string, svc?: string, port?: string) => {
    if (!scheme && !svc && !(ns && port)) return m;
    const p = port ?? (scheme === 'https' ? '443' : scheme === 'http' ? '80' : undefined);
    return `${host}${ns ? ` in ${ns}` : ''}${p ? ` port ${p}` : ''}`;
  }],
  // round 9b: an apology or a doubt in front of the request is no word of it ("sorry if this is a dumb question but",
  // "not sure if I'm asking this right, but"): its "if" is no condition and its "not" no negation
  [/^(?:(?:sorry|apologies|excuse me)(?: (?:if|for) (?:this is |it is )?(?:a |the |my )?(?:dumb|stupid|silly|basic|noob|newbie|naive|beginner) question| to (?:bother|disturb) you| for (?:bothering|disturbing) you| for the noise)?|(?:i am )?not sure (?:if|whether) (?:i am asking|i ask|i am doing)(?: this| it)?(?: right(?:ly)?| correctly| properly| the right way)?|(?:i am )?not sure (?:if|whether) this is the right (?:place|channel|bot|way))(?:\s*[,.!;:]\s*|\s+)(?:(?:and|but|so)\s+)?/g, ''],
  // round 9b: installing a tool is nothing Palisade does ("how do I install kubectl on my mac": not "my ip")
  [/\b(?:install|download|upgrade|reinstall|uninstall|update)(?:ing)? (?:the )?(?:latest )?(?:kubectl|az|azure cli|the az cli|helm|k9s|kubelogin|terraform|the cli)\b(?: (?:on|onto|for) (?:my |our )?\S+)?/g, 'install software'],
  // round 9b: a bare acknowledgement is a thank-you ("acknowledged, thank you", "noted, thanks", "roger that")
  [/^(?:acknowledged|ack|noted|roger(?: that)?|copy that|understood|got it|received|much obliged)\s*[.!,]*\s*(?:(?:thanks?|thank you|cheers|ty)(?: (?:so|very) much)?\s*[.!]*\s*)?$/g, 'thanks'],
  // round 9b: "…, anyone else?": a question to the room, not about who can reach anything
  [/(?:^|[,.;]?\s+)(?:is |does )?(?:anyone|anybody) else(?: (?:too|have this|seeing this|having this))?\s*\??\s*$/g, ''],
  // round 9b: "good morning to everybody", "hi all": a greeting to the room
  [/^(?:good (?:morning|afternoon|evening|day)|hello|hi|hey)(?: to)? (everybody|everyone|all|y'?all|you all|team|folks|guys|people)\b/g, 'hello $1'],
  // round 9b: "how are you?", "you up?", "are you there?": a greeting, not a question about anything we read
  [/\b(?:how are (?:you|u)(?: doing)?(?: today)?|how is it going|(?:are )?(?:you|u) (?:up|there|awake|around|alive)(?= *[?!.]*$)|(?:anyone|anybody) (?:home|awake|around|alive)(?= *[?!.]*$))/g, 'hello'],
  // round 9b: "is this the bot for the AKS security stuff?": a hello to find out who answers
  [/\b(?:is this|are you) the (?:right )?(?:bot|assistant|place|channel|tool)(?: (?:for|that|to|i should (?:ask|use)))?[^.?!]*/g, 'hello'],
  // round 9b: non-native "I want to know is it internal now": whether it is
  [/\b(want to know|wanted to know|like to know|need to know|wonder|wondering) (is|are|was|were|does|do|did|has|have|can) (it|they|this|that|he|she)\b/g, '$1 whether $3 $2'],
  // round 9b: "do the needful and …": courtesy in front of the request
  [/\b(?:kindly |please )?do the needful(?:\s*(?:and|,)\s*)?/g, ''],
  // round 9b: a ticket or change reference says why, never what ("(change ticket CHG-20417)", "per INC-7781", "ref #1234")
  [/\(?\s*(?:(?:as )?per |under |for |ref(?:erence)?:? )?(?:(?:the )?(?:change|incident|jira|servicenow|snow) )?(?:ticket|request|record|cr|chg|inc|ref|change)?\s*#?\b(?:chg|inc|cr|ritm|req|sctask|jira|ticket|ops|sec)[- #]?\d{3,}\b\s*\)?/g, ' '],
  // round 9b: a quoted address is that address ('+ "192.0.2.44/32"' in a pasted diff); only a quoted cron stays quoted
  [/"((?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?)"/g, '$1'],
  // round 9b: a cron expression written without quotes ("digest on cron 0 7 * * 1-5 UTC"): the five fields are one value
  [/\bcron(?: expression| schedule| string)?:? ((?:(?:[\d*/,-]+|(?:mon|tue|wed|thu|fri|sat|sun)(?:[-,](?:mon|tue|wed|thu|fri|sat|sun))*) ){4}(?:[\d*/,-]+|(?:mon|tue|wed|thu|fri|sat|sun)(?:[-,](?:mon|tue|wed|thu|fri|sat|sun))*))(?=\s|$|[,.;])/g, 'cron "$1"'],
  // round 9b: "arrange for a digest to be posted here every Monday": post it then
  [/\b(?:arrange|organi[sz]e|set things up|make sure|see to it) (?:for|that) (.{1,60}?) (?:to be|is|gets|get) (?:posted|sent|delivered|published|shared|dropped)\b/g, 'post $1'],
  [/\bfire(?: off)?(?= (?:a |the |one )?(?:one[- ]off |one[- ]time |single |ad[- ]hoc )?(?:security |fresh |new )?(?:digest|summary|posture report)\b)/g, 'send'],
  // round 9b: a digest sent once is sent now ("a one-off digest", "the digest, just once")
  [/\b(?:one[- ]off|one[- ]time|single|ad[- ]hoc|on[- ]demand)(?= (?:(?:security|posture|fresh|new) )?(?:digest|summary|posture report|report)\b)/g, ''],
  [/(?<=\b(?:digest|summary|posture report)\b.*)\b(?:just|only) (?:once|the once|this once)\b/g, 'now'],
  // round 9b: "I'd like the team to receive / get a digest …": send it (to them, here)
  [/\b(?:(?:i|we) would (?:like|love)|(?:i|we) want) (?:the team|us|this (?:channel|chat|team)|everyone|people|the channel|them|my team|our team) to (?:receive|get|see)(?= (?:a |an |the |our )?(?:\S+ )?(?:digest|summary|posture report|report)\b)/g, 'send'],
  // round 9b: "digest pls", "a digest please, prod + cilium": one asked for, so sent (the list is "digests")
  [/^(?:a |the |one )?(?:security |posture )?digest,? (?=(?:pls|please|plz)\b)/g, 'send digest '],
  // round 9b: "I would appreciate / like a digest …": send one (when says whether now or on a schedule)
  [/\b(?:i|we) would (?:really )?(?:appreciate|like|love) (?=(?:a|an|the|one) (?:\S+ )?digest\b)/g, 'send '],
  // round 9a: "would it be ok to add X" is a polite request (as "would it be possible to"), before advice is looked for
  // ("would that be ok?" asks advice; "is it ok if I make X public?" stays a question: asking leave is no order)
  [/^(?:would|will) it be (?:ok|okay|alright|fine|possible|cool)(?: with you)? (?:to|if (?:you|u)(?: could| can)?)\b/g, 'could you'],
  // round 9b: "is it ok if I look at X?": show X
  [/^(?:is it|would it be) (?:ok|okay|alright|fine|possible) (?:if|that) (?:i|we) (?:look at|see|check|view|have a look at|take a look at|get)\b/g, 'show'],
  // round 9b: a digest wanted now is one sent now, never the list of schedules ("digest for prod rn", "the digest here
  // right now"); not when the message stops, schedules or asks when, nor when a verb already sends it
  // (the plural is the list: "list digests now"; so is a question: "which digests do we have now")
  [/\b(digest)\b/g, (m: string, ...g: string[]) => {
    const [at, all] = [Number(g[1]), String(g[2])];
    const keep = !/\b(?:now|immediately|right away|straight away)\b/.test(all) || /^(?:what|which|when|how|do|does|is|are|list|show)\b/.test(all) || /\b(?:stop|cancel|disable|pause|off|delete|remove|unschedule|mute|when|schedule[ds]?|every|daily|weekly|weekdays|monthly|cron)\b/.test(all);
    return keep || /\b(?:send|post|run|share|push|deliver|drop|trigger|fire)\b(?: \S+){0,3} $/.test(all.slice(0, at)) ? m : `send ${m}`;
  }],
  // round 9b: "what's going on with security on X", "what does the trend look like for Y": how X is, show Y
  [/\bwhat is (?:going on|happening|up) with (?=(?:the |our )?(?:security|posture|safety)\b)/g, 'how is '],
  [/^what (?:does|do|did) ((?:the |our )?(?:\S+ ){0,2}(?:trend|score|history)\b.*?) look like\b/g, 'show $1'],
  // round 9b: "are we compliant / secure on X?": the posture
  [/\bare we (?:compliant|secure|safe|protected|hardened)\b/g, 'how secure is our posture'],
  // round 9b: "stop the daily / scheduled digest": which digest says nothing the stop needs

  // round 9b: "stop the daily / scheduled digest": which digest says nothing the stop needs ("turn the daily digest off" is read as it is)
  [/\b(stop|cancel|pause|mute|end|unsubscribe from|kill)((?: the| our| this| all| these| those)?) (?:(?:daily|weekly|monthly|nightly|morning|scheduled|regular|recurring|automatic|security|posture) )+(digests?)\b/g, '$1$2 $3'],
  // round 9b: "what is zero trust?", "what does a default deny mean?": the help on it
  [/^what (?:is|are|does|do) (?:a |an |the )?(zero[- ]?trust|default[- ]?deny|private clusters?|authori[sz]ed (?:ip )?ranges|allow ?lists?|network polic(?:y|ies)|defender(?: for containers)?)(?: (?:do|mean|means|stand for|for))?\s*\??$/g, 'explain $1'],
  // round 9b: non-native forms of a request or a question ("You can put my IP …?", "It is possible to …?", "how is going X")
  [/^(?:you|u) (can|could|will|would) (?!not\b)/g, '$1 you '],
  [/^(?:it )?is (?:it )?possible (?:to|that you)\b/g, 'is it possible to'],
  [/\bhow (is|are) going (?:on )?((?:the |our )?\S+)/g, 'how $1 $2 going'],
  // round 9b: "which IP can enter (to) the API", "get into the control plane": reach it
  [/\b(?:enter|get into|come into|get in)(?: to| into| in)?(?= (?:the )?(?:\S+ )?(?:api|apiserver|control plane|api server)\b)/g, 'reach'],
  // round 9b: "which IPs can reach the API?": the cluster's API, whatever Service is called "…-api"
  [/\b(which|what) (ips?|ip addresses|addresses|ranges|networks|sources) (can|may|are allowed to|is allowed to) (reach|access|hit|use|connect to|talk to) (?:the )?(?:kubernetes |cluster |k8s )?api\b(?!-)/g, '$1 $2 $3 $4 the apiserver'],
  // round 9b: "the state / configuration of defender": its status
  [/\b(?:state|status|situation|config(?:uration)?|settings?) of (?:the )?(?:microsoft )?defender\b/g, 'defender status'],
  // round 9b: "close X to the internet": make it internal
  [/\bclose ((?:the )?\S+(?: service)?) (?:to|from|for) (?:the )?(?:public )?(?:internet|outside(?: world)?|world)\b/g, 'make $1 internal'],
  // round 9b: "covering aks-prod only": for that cluster
  [/(?<=\b(?:digest|summary|report)\b.*)\bcovering (?=(?:only )?(?:the )?(?:aks-|prod|workshop|cilium|\S+ cluster))/g, 'for '],
  // round 9b: "which clusters there are": which clusters are there
  [/\bwhich (\w+) there (are|is)\b/g, 'which $1 $2 there'],
  // round 9b: the formal voice names the act ("requesting removal of X", "the addition of Y"): the verb itself
  [/^(?:request(?:ing)?|(?:i|we) (?:would )?request(?: you)?(?: to)?)(?= (?:the )?(?:removal|deletion|revocation|addition|inclusion|enablement|disablement|restriction)\b)/g, 'please'],
  [/\b(?:the )?(removal|deletion|revocation|addition|inclusion|enablement|disablement) of\b/g, (_: string, act: string) => ({ removal: 'remove', deletion: 'remove', revocation: 'revoke', addition: 'add', inclusion: 'add', enablement: 'enable', disablement: 'disable' } as Record<string, string>)[act]],
  // round 9b: formal verbs of things we do: "enumerate / itemise" lists, "decommission / retire" removes
  [/\b(?:enumerate|itemi[sz]e|catalogue)\b/g, 'list'],
  [/^(?:please )?(?:provide|furnish|present|supply|produce)(?: (?:me|us)(?: with)?)?\b/g, 'show'],
  // (round 9b: "…you have visibility into across both subscriptions": the clusters Palisade sees)
  [/\b(?:that )?(?:you|palisade) (?:have|has|got) (?:visibility|insight) (?:in(?:to)?|on|over)(?: across (?:all |both |every |the )*(?:subscriptions?|tenants?|accounts?|environments?))?/g, 'you can see'],
  [/\b(?:decommission|retire)\b/g, 'remove'],
  // round 9b: non-native "not more public" is "no longer public"
  [/\bnot more\b(?! than\b)/g, 'no longer'],
  // round 9b: "configure so / set it up like that" after a wish is the request to do it, not a word of it
  [/\b(?:please )?(?:configure|set|arrange|do|make) (?:it |that |this )?(?:so|like (?:that|this)|that way|this way|accordingly)\b/g, 'please'],
  // round 9b: "I think my IP isn't allowed", "my address is not on the allowlist": a problem said with "not", not an order
  // (never after "make sure / ensure": there it is a wish that it stays off)
  [/(^|.)\b(?:my (?:ip|address|ip address|laptop|machine|vpn)|i|we|me) (?:is|am|are|was|were) not (?:allowed|allowlisted|whitelisted|authori[sz]ed|permitted|on the (?:allow|white)list|in the (?:allow|white)list)\b/g, (m: string, ...g: string[]) => (/\b(?:make sure|ensure|so that|such that|verify|check|guarantee|keep)\b[^,.;]*$/.test(String(g[2]).slice(0, Number(g[1]) + g[0].length)) ? m : `${g[0]}my ip is blocked`)],
  // "curl X from Y", "nc X 80 from Y": whether Y can reach X
  [/\b(?:curl|wget|telnet|nc|ncat)(?: -{1,2}[a-z-]+)* (\S+(?: in \S+)?(?: port \d{1,5})?) from (?:the )?(\S+)(?: (?:pod|deployment|container|workload|job|cronjob))?/g, 'can $2 reach $1'],
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
  // "ratings-api should be allowed to call X": a wish for that flow, not a question whether it can ("should A be
  // allowed …?" asks); a workload's name only: "nobody/only X should be allowed" are other requests
  [/(?<!\bonly )\b([a-z][a-z0-9]*(?:[-/][a-z0-9]+)+) (?:should|must|needs? to|has to|have to|ought to) be (?:allowed|permitted) to\b/g, 'allow $1 to'],
  // (round 9b: "we need A allowed to call B", "I want A to be permitted to reach B": the same wish)
  [/\b(?:need|needs|want|wants|would like)(?: to have)? ([a-z][a-z0-9]*(?:[-/][a-z0-9]+)+) (?:to be )?(?:allowed|permitted) to\b/g, 'allow $1 to'],
  [/\b(?:be|is|are|was|were) able to\b/g, 'can'],
  // terse toggles: "defender off for workshop", "digests on"
  [/^(defender|digests?|reports?|zero ?trust|allowlist|authori[sz]ed ranges|ip ranges|ranges) (off|on)\b/g, (_: string, what: string, dir: string) => `${dir === 'off' ? 'disable' : 'enable'} ${what === 'ranges' ? 'ip ranges' : what}`],
  [/\b(?:latest|newest|most recent)\b/g, 'last'],
  // "check if X is public": the question itself ("whether X is public"), not the posture check
  [/\b(?:check|see|verify|find out|tell me|confirm|know) (?:if|whether)\b/g, 'whether'],
  // round 7: "the images situation changed": that area's score changed (its trend, below)
  [/\b(?:situation|picture|state)(?= (?:has |have )?(?:changed|evolved|improved|worsened|developed)\b)/g, 'score'],
  // "how has the score changed / improved": a score over time is its trend, not the audit of what changed
  [/\b((?:score|posture|security|rating|coverage|grade)s?(?: (?:of|on|for|in|across) (?:the |our )?\S+)?) (?:has |have )?(?:changed|change|evolved|evolve|moved|developed|shifted|improved|improve|worsened|dropped|gone up|gone down|gotten (?:better|worse)|got (?:better|worse))\b/g, '$1 trend'],
  // round 7: "give me an overview of X", "pull together X", "put together X": show X
  [/\b(?:give (?:me|us) |get (?:me|us) |prepare |produce )?(?:an? )?(?:(?:quick |short |brief |full |high-level |overall |general )?(?:overview|rundown)|(?:executive|management) summary) of\b|\b(?:pull|put) together\b|\bcompile\b/g, 'show'],
  // "everything that has happened since X": what changed since X
  [/\b(?:everything|anything|all)(?: that| which)? (?:has |have )?(?:happened|gone on|been going on)\b/g, 'what changed'],
  // "how secure the production cluster is", "how safe is X": its posture
  [/\bhow (secure|safe|protected|hardened) (?:is )?(the |our )?((?!(?:is|are|we|our|it|us|they|you|i)\b)\S+(?: cluster)?)(?: is| really is)?\b/g, 'how $1 is $2$3'],
  // "could it be allowed onto the cluster API?": a polite request to allowlist it there
  [/\b(?:can|could|would) (it|this|that|they|we|i|\S+) be (?:allowed|added|let|allowlisted)(?: in)? (?:onto|on|to|into|in|through)(?= (?:the )?(?:\S+ ){0,2}(?:apiserver|api|allowlist|authorizedranges|authori[sz]ed (?:ip|ips|ranges|addresses))\b)/g, 'could you allowlist $1 on'],
  [/\b(?:can|could) (it|this|that|they|\S+) (?:get|have|be given) access (?:to|on)(?= (?:the )?(?:\S+ ){0,2}(?:apiserver|api)\b)/g, 'could you allowlist $1 on'],
  // "X and nothing else", "remove all the others", "swap out whatever is there now": only X
  [/,?\s*(?:and )?(?:nothing else|no others?)\b/g, ' only'],
  // (said beside an address, the rest goes: the list is replaced, never only added to)
  [/,?\s*(?:and )?(?:remove (?:all )?the others?|drop (?:all )?the rest|(?:swap out|replace) whatever is (?:there|in there|on it)(?: now)?)\b/g, ' replace the rest'],
  // "how was the network policy score in the last 60 days": that score's trend
  [/\bhow (?:was|were|has been|have been|did) (?:the |our )?((?:\S+ ){0,2}?)(?:score|posture|rating|coverage)(?= (?:in|over|during|for|across) (?:the )?(?:last|past))/g, '$1score trend'],
  // "the loadBalancerSourceRanges": a Service's source ranges
  [/\bload ?balancer ?source ?ranges\b/g, 'source ranges'],
  // round 8: "walk me through X", "talk us through X": show X
  [/\b(?:walk|talk|take) (?:me|us) (?:through|over)\b/g, 'show me'],
  // round 8: "at the end (of the workshop)", "once we are done": when, said as context, not a word of the request
  [/\b(?:at the end(?: of (?:the |this |our )?\w+)?|once (?:we are|it is|everything is) (?:done|finished|over))\b/g, ' '],
  // round 8: a scheduled report removed is stopped ("kill the digest", "get rid of the weekly summaries"; "delete" is an
  // example word already, left as it is); one pushed
  // or triggered is sent ("push a digest for X now")
  [/\b(?:remove|kill|scrap|axe|get rid of) ((?:the |our |this |these |all )?(?:(?:daily|weekly|monthly|security|scheduled|recurring|automatic|regular|posture) )*(?:digests?|summar(?:y|ies)|posture reports?))\b/g, 'stop delivering $1'],
  [/\b(?:push|trigger|fire off|kick off)(?: out)? ((?:a |the |one )?(?:fresh |new |security )?(?:digest|summary|posture report))\b/g, 'send $1'],
  // round 8: "X:27017", a workload's name with a port glued on as in an address: X, that port
  [/\b([a-z][a-z0-9-]*(?:\/[a-z0-9-]+)*[a-z0-9]):(\d{1,5})\b/g, '$1 port $2'],
  // round 8: "can X go (out) to the internet / to Y": whether X can reach it (a word in front of "go" is its subject)
  [/\b(can|could|may|does|is able to|are able to) ((?:the )?\S+) (?:go|get) (?:out )?(?:to|into|onto) (?=(?:the )?(?:internet|\S+-\S+|outside))/g, '$1 $2 reach '],
  [/\b(can|could|may|is able to|are able to) (?:go|get) (?:out )?(?:to|into|onto) (?=(?:the )?(?:internet|outside))/g, '$1 reach '],
  // "limit X so that only Y can reach it": restrict X to Y
  [/\b(?:limit|lock)( \S+) so (?:that )?only (.*?) (?:can|could|may) (?:reach|access|hit|use|open|connect to) (?:it|them)\b/g, 'restrict$1 to $2'],
  // "could X only accept traffic from Y": restrict X to Y
  [/\b(?:can|could|would) (\S+)(?: (?:maybe|perhaps|just|please|somehow))? only (?:accept|allow|take|receive) (?:traffic|connections|requests|calls)(?: only)? from\b/g, 'could you restrict $1 to'],
  // round 13c: "X should only take traffic from Y", "(I'd appreciate it if) X could only accept connections from Y":
  // restrict X to Y ("X can only …" may tell how it is, so it is left alone)
  [/\b([a-z][a-z0-9-]*[a-z0-9]) (?:should|must|shall|is to|has to|needs to|ought to|could|would) only (?:accept|allow|take|receive|get) (?:traffic|connections|requests|calls)(?: only)? from\b/g, 'restrict $1 to only'],
  // round 13c: "(addresses said before), only let them hit X": restrict X to the addresses said
  [/\bonly (?:let|allow) (?:them|those|that range|those ranges|these|that network|those addresses) (?:to )?(?:hit|reach|access|use|get to|get into|into|talk to|connect to) (?:the )?([a-z][a-z0-9-]*[a-z0-9])\b/g, 'restrict $1 to them'],
  // round 7: the findings or results of an image scan are its vulnerabilities; "the ones which are running" are running images
  [/\b(?:(?:image|container|vulnerability|trivy|defender) scan(?:s|ning)? (?:findings?|results?|reports?)|(?:findings?|results?) (?:of|from) (?:the |an |our )?(?:image|container|vulnerability) scans?)\b/g, 'vulnerability'],
  [/\b(?:ones|images|those|containers)(?: (?:which|that))? (?:are|is) (?:running|in use|deployed)(?: now| right now| currently)?\b/g, 'running images'],
  // round 13b: "show me the ranges as they are (now)", "list them as it stands": the state now, no word of its own
  [/\b((?:show|see|list|display|view|give|tell|check)\b[^.?!;]{1,60}?) as (?:they|it|things) (?:are|is|stands?)(?: (?:now|today|right now|currently|at the moment))?\b/g, '$1'],
  [/\bwhat(?: is| else is)? public(?= on\b| in\b|\s*$)/g, 'what is exposed'],
  [/\b(?:everything|anything|all)((?: on (?:the )?\S+(?: cluster)?)?) (?:that |which )?(?:is|are) (?:reachable|accessible|visible|exposed|open) from (?:the )?(?:internet|outside(?: world)?|public internet|public)\b/g, 'what is exposed$1'],
  [/\bsummari[sz]e\b/g, 'summary of'],
  // a list of three or more posture areas is the whole posture
  [/\b(?:api[- ]?server|control[- ]?plane|exposure|network[- ]?polic(?:y|ies)|polic(?:y|ies)|images?|vulnerabilit(?:y|ies))(?:,? (?:and )?(?:api[- ]?server|control[- ]?plane|exposure|network[- ]?polic(?:y|ies)|polic(?:y|ies)|images?|vulnerabilit(?:y|ies))){2,}\b/g, 'posture'],
  // "security problems in the images": findings in images are their vulnerabilities, not the posture
  [/\b(?:security )?(?:problems?|issues?|findings?|holes?|flaws?|weakness(?:es)?|risks?|bugs?)(?= (?:in|of|with|on|inside|affecting) (?:the |our |any |my |all )?(?:container |docker |deployed |running )?images?\b)/g, 'vulnerability'],
  // a state wished away: "not public anymore" / "no longer public" → internal, and the other way round
  [/\b(?:is |be )?(?:not|no longer) (?:more )?(?:public|exposed|internet[- ]facing)(?: any ?more)?\b/g, 'internal'],
  [/\b(?:is |be )?(?:not|no longer) (?:internal|private)(?: any ?more)?\b/g, 'public'],
  [/\b(?:only )?inside (?:the |our )?(?:vnet|virtual network|private network)\b/g, 'internal'],
  // "change the ranges to just our office": only that, not one more
  [/\b(?:to|for) just\b/g, 'to only'],
  [/\bget rid of\b/g, 'remove'],
  // round 7: "take X off the public internet", "I'd like it taken off the internet": internal
  [/\btake ((?:\S+ ){0,4}?\S+) off (?:the )?public (?:internet|web)\b/g, 'make $1 internal'],
  [/\b(\S+) taken off (?:the )?(?:public )?(?:internet|web)\b/g, 'make $1 internal'],
  [/\btake ((?:\S+ ){0,4}?\S+) (?:off|away)(?=\s*(?:$|[,.;!?]|again|please|now))/g, 'remove $1'],
  [/\btake (?:off|away)\b/g, 'remove'],
  [/\broll ?back\b/g, 'undo'],
  // round 7: "roll them back", "take it back"; "remove it again" is the removal (the "again" says back to before)
  [/\broll (it|them|that|this|those|these) back\b/g, 'undo $1'],
  [/\b(remove|undo|revert|disable|delete|drop|lift) (it|them|that|this|those|these) again\b/g, '$1 $2'],
  [/\b(?:erase|purge|strip)\b/g, 'remove'],
  // "block everyone except X" / "anyone but X": only X
  // ("default deny everything but what is needed" is a default-deny policy, below)
  [/\b(?<!default[- ])(?:block|deny|stop) (?:anyone|anybody|everyone|everybody|everything|all traffic|all sources) (?:except|but|other than|apart from) /g, 'only allow '],
  [/\bdefault[- ]deny (?:everything|all|all traffic|anything)(?: (?:but|except|other than|apart from) (?:keep |allow )?(?:what is|what's|the)? ?(?:needed|necessary|required|essential)(?: traffic| flows)?)?/g, 'defaultdeny'],
  [/\b(?:anyone|anybody|everyone|everybody|all) (?:except|but|other than|apart from) /g, 'only '],
  // "deny all traffic by default", "block the rest": a default-deny policy
  [/\b(?:deny|block|drop) (?:all|every|any)(?: other)? (?:traffic|connections?)(?: by default)?\b/g, 'defaultdeny'],
  [/\b(?:block|deny|drop) (?:the rest|everything else|all the rest|all else)\b/g, 'defaultdeny'],
  // who did it: "who touched/modified/edited X" asks what changed
  [/\b(?:touched|modified|edited|altered|tampered with|messed with|fiddled with)\b/g, 'changed'],
  // round 4: a question about a past change is the audit ("why did someone remove X", "who did that?")
  [/\b(?:why|when|who) (?:did|has|have|had) (?:someone|somebody|anyone|anybody|you|they|he|she|we|people) (?:\S+ ){0,2}?(?:remove|add|change|disable|enable|delete|make|turn|switch|open|restrict|apply|allowlist|set|drop|put)\w*\b/g, 'who changed'],
  [/\bwho (?:did|made|applied|requested|ordered|approved|authori[sz]ed|okayed|signed off(?: on)?|green-?lit) (?:that|this|it|those|these)\b/g, 'who changed'],
  // round 11c: "the record / log of the zero-trust removal": the audit of that change
  [/\b(?:the |a )?(?:record|records|log|history|trail|evidence) of (?:the |a |any )?(?=(?:\S+ ){0,3}?(?:removal|change|deletion|disabling|enabling|activation|deactivation|rollout|rollback|update)s?\b)/g, 'who changed '],
  // round 7: "who removed X", "did someone make X internal", "was X restricted … last week": a change already made
  [/\bwho (?:has |have |had )?(?:removed|added|disabled|enabled|deleted|made|turned|switched|opened|restricted|unrestricted|applied|allowlisted|dropped|put|exposed|revoked|changed|set)\b/g, 'who changed'],
  // (with a time it happened: without one, "has anyone restricted X already?" asks about X's state)
  [/\b(?:did|has|have) (?:someone|somebody|anyone|anybody|one of us|the team|you) (?:\S+ ){0,1}?(?:remove|add|change|disable|enable|delete|make|turn|switch|open|restrict|unrestrict|apply|allowlist|set|drop|put|expose|revoke)\w*\b(?=.*\b(?:yesterday|last (?:week|month|night|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|ago|earlier|recently|lately|before the \S+|this (?:week|morning|month)|today)\b)/g, 'who changed'],
  // (round 11c: "did anyone disable X?" opening the message asks about an event, with or without its time)
  [/^(?:so |and |wait |hmm )?did (?:someone|somebody|anyone|anybody|one of us|the team) (?:\S+ ){0,1}?(?:remove|add|change|disable|enable|delete|make|turn|switch|open|restrict|unrestrict|apply|allowlist|set|drop|put|expose|revoke)\w*\b/g, 'who changed'],
  [/(?<=^|^(?:re|ref|regarding|wrt)\W+|[.;:!?]\s+)(?:was|were) ((?:the )?\S+) (?:\S+ )?(?:restricted|unrestricted|made|removed|added|disabled|enabled|opened|changed|allowlisted|exposed|locked down|switched|turned)\b(?=.*\b(?:yesterday|last (?:week|month|night|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|ago|earlier|recently|lately|before the \S+|this (?:week|morning|month))\b)/g, 'who changed $1'],
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
  // round 8: the ARM property path, "apiServerAccessProfile.authorizedIPRanges"
  [/\b(?:apiserveraccessprofile\.|api_server_)?authori[sz]ed_?ip[_ ]?ranges\b/g, 'authorizedranges'],
  [/\bauthori[sz]ed (ip )?(address )?ranges?\b/g, 'authorizedranges'],
  // round 7: "the authorized IPs of X", "authorized addresses": its authorized ranges
  [/\bauthori[sz]ed (?:ips?|ip addresses|addresses|networks|sources)\b/g, 'authorizedranges'],
  [/\b(api[- ]?server|control[- ]?plane|kube[- ]?api|kubernetes api|k8s api|master endpoint|api endpoint)s?\b/g, 'apiserver'],
  // "the kubernetes control plane", "the cluster api server": one thing
  [/\b(?:kubernetes|kube|k8s|cluster|aks) apiserver\b/g, 'apiserver'],
  [/\bnetwork[- ]?polic(y|ies)\b/g, 'networkpolicy'],
  [/\bnet ?pols?\b/g, 'networkpolicy'],
  // round 9b: "need an ingress rule: A -> B", "add a netpol for A to B": a rule that lets A reach B
  [/^(?:(?:we|i) )?(?:need|want|wanna|gotta have) (?:an? |one |the )?(?:ingress |egress |allow |network |new )?(?:rule|networkpolicy|policy|exception)(?: *:)? (?=\S+ (?:to|can) )/g, 'allow '],
  [/\b(?:network|traffic|firewall) rules?\b(?= (?:between|for|of|in|on) (?:the )?(?:pods?|workloads?|namespaces?|apps?|services?)\b| in\b)/g, 'networkpolicy'],
  [/\bload[- ]?balancers?\b/g, 'loadbalancer'],
  [/\blbs?\b/g, 'loadbalancer'],
  // round 9b: "under the zero-trust policy set", "as part of our zero trust rollout": why, said after the order
  [/\b(?:under|as part of|in line with|per|according to|following|for) (?:the |our |this )?(?:zero[- ]?trust|security|network) (?:policy set|policies|policy|model|rollout|initiative|program(?:me)?|guidelines?|baseline|framework)\b(?!.*\b(?:in|on|for) (?:namespace|ns)\b)(?= *[.!]*$)/g, ' '],
  // round 9b: a preview asked for beside the order is what the plan card does ("show me what it would block before
  // anything is applied", "I understand it will be previewed first"): no word of the request
  [/(?:\s*[,;.]\s*|\s+)(?:and )?(?:(?:i|we) (?:understand|assume|expect|know) (?:that )?|as long as |provided (?:that )?)?(?:it|this|the change|everything|that) (?:will|would|is going to|gets|get) be (?:previewed|shown|reviewed|planned)(?: to (?:me|us))?(?: first)?(?=\s*(?:$|[.;!]))/g, ' '],
  [/(?:\s*[,;.]\s*|\s+)(?:and )?(?:show|tell) (?:me|us) what (?:it|this|that|the change) (?:would|will|is going to) (?:block|change|do|break|affect|touch) before (?:anything|it|this|the change|any of it) (?:is|gets) (?:applied|done|made|enforced)(?=\s*(?:$|[.;!]))/g, ' '],
  // round 9b: "please begin / start with the X namespace" after a programme is said: do it for X first
  [/\b(?:begin|start)(?: off)?(?: this| it)? (?:with|on|in)(?= (?:the |our )?\S+(?: namespace| cluster| service)?\b)/g, 'for'],
  // round 9b: "adopt / move to a zero-trust posture (model, approach) for X": zero trust for X
  [/\b(?:(?:we are |we will be |we will )?(?:adopt(?:ing)?|mov(?:e|ing) to|go(?:ing)? to|implement(?:ing)?|introduc(?:e|ing)|roll(?:ing)? out|switch(?:ing)? to|enforc(?:e|ing)))(?: an?| the| our)? zero[- ]?trust(?: network)? (?:posture|model|approach|stance|setup|strategy)\b/g, 'zerotrust'],
  [/\bzero[- ]?trust\b/g, 'zerotrust'],
  [/\bzt\b/g, 'zerotrust'],
  [/\block[- ]?down\b/g, 'lockdown'],
  [/\block ((?:(?!down\b)\S+ ){0,5}?(?!down\b)\S+) down\b/g, 'lockdown $1'],
  [/\bdefault[- ]?deny\b/g, 'defaultdeny'],
  // round 9b: "zero trust for X, keep DNS": DNS is what a default-deny policy keeps anyway (never a value to use)
  [/(?<=\b(?:zerotrust|defaultdeny|lockdown|isolate)\b.*?)(?:\s*,\s*|\s+)(?:but |and |while )?(?:keep(?:ing)?|still allow(?:ing)?|allow(?:ing)?|except(?: for)?|leav(?:e|ing))(?: the)? (?:dns|kube-dns|coredns)(?: (?:traffic|lookups|resolution|working|open|allowed|alone|egress))?(?: and (?:the |any )?(?:flows|traffic) (?:it|they) (?:needs?|requires?))?(?=\s*(?:$|[.,;!]))/g, ' '],
  [/\bsvcs?\b/g, 'service'],
  // round 14a: a formal or a German writer's "X shall only be …": the modal of a rule, as "should" ("shall we/I" stays advice)
  [/\bshall\b(?! (?:i|we|you|u)\b)/g, 'should'],
  // round 14a: advice asked with the change as the subject, "would disabling X be bad?", "shouldn't we disable X?": the
  // same advice as "would it be bad to disable X?", "should we disable X?" (nothing is planned for advice)
  [/\b(would|will|could|might|is|isn't|wouldn't) (disabling|enabling|removing|making|opening|restricting|unrestricting|allowing|adding|dropping|turning|switching|exposing|locking|applying|allowlisting|whitelisting|deleting|blocking|closing|lifting|clearing|widening) ((?:\S+ ){0,6}?)(?:be |really be )?(bad|risky|a problem|an issue|dangerous|safe|ok|okay|a (?:good|bad) idea|wise|smart|fine)\b/g, (_: string, modal: string, verbing: string, rest: string, judged: string) => `${/^is/.test(modal) ? 'would' : modal} it be ${judged} to ${GERUND_BASE[verbing] ?? verbing} ${rest.trim()}`],
  [/^(?:so |but |ok |okay |hmm+ )?should(?:n'?t| not) (i|we)\b/g, 'should $1'],
  [/\bvulns?\b/g, 'vulnerability'],
  // round 9b: "img", "imgs": images
  [/\bimgs?\b/g, 'images'],
  [/\bcves?\b/g, 'vulnerability'],
  [/\bvulnerabilit(y|ies)\b/g, 'vulnerability'],
  // round 9b: non-native "out of the authorized ranges": from them
  [/\b((?:remove|delete|drop|revoke|kick|strip)\b.{0,60}?)\bout of (?=(?:the |our |its )?(?:\S+ )?(?:allowlist|authorizedranges|ip ranges))/g, '$1from '],
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
  // (round 12b: never a "so" that opens the message, "so we had an incident …, can you …": that one tells the story, and
  // the purpose never runs on into the request after it; before, both were dropped with the address in them)
  [/(?<!^(?:\s*(?:hey|hi|hello|ok|okay|oh|well|right|and|but|um|uh|yeah)\b[\s,!]*)*)\b(?:so|so that) (?:the team|we|they|everyone|anyone|people|he|she|the (?:auditors?|managers?|customers?|vendors?|reviewers?))\b(?! only)(?:(?![,;]\s*(?:(?:can|could|would|will) (?:you|u)|please|pls)\b)[^.;!?])*/g, ' '],
  // round 11c: a purpose with a "not", "so I don't have to type it every time": why, never a "not" about the request
  [/\b(?:so|so that) (?:i|me|you|u) (?:do not|will not|would not|never|no longer) (?:have|need|want) to\b[^.;!?]*/g, ' '],
  // "the allowed ips / addresses": the allowlist
  [/\ballowed (?:ip|ips|addresses|ranges|list|networks|sources)\b/g, 'allowlist'],
  // "no public ip for X" / "without a public address": the wish is internal (an opposite word in it is no rival)
  [/\b(?:no|without (?:a|any)) (?:public|external|internet[- ]facing) (?:ip|address|endpoint|exposure|access|loadbalancer|entry)s?\b/g, 'internal'],
  [/\binternal only\b|\bonly internal(?:ly)?\b/g, 'internal'],
  // "we don't need them (any more)": the reason for a removal, not a "not" about it
  // (so is "we don't use it", "nobody uses them": a thing not used is a reason to switch it off)
  [/\b(?:(?:we|i) (?:do not|does not) (?:need|use)|(?:nobody|no one) (?:needs|uses)) (?:them|it|those|these|that|this)(?: any ?more)?\b/g, ' '],
  // round 5: chat spelling and plain-word synonyms ("lookin", "solely", "permitted")
  [/\b(look|do|go|work|check|run|get|try)in\b/g, '$1ing'],
  [/\b(?:solely|exclusively|purely)\b/g, 'only'],
  [/\bconsist (?:only )?of\b/g, 'be'],
  [/\bpermitted\b/g, 'allowed'],
  // round 13c: verbs no example uses, for the change they stand for: "constrain X to A" restricts it; "tuck X behind the
  // internal LB" puts it there
  // round 13c: "(i) guess we need to X", "i guess X": a hedge in front of the request only softens it
  [/^\W*(?:i )?guess(?: so)?,? (?=(?:we|i) (?:need|have|ought|should) to \S|just \S|(?:make|restrict|lock|allowlist|add|remove|disable|enable|unrestrict|zero-?trust|isolate|allow|open|switch|set|turn|put|move|drop|lift)\b)/g, ''],
  // round 13c: "would you mind making X internal?" is "could you make X internal" (mindDoing.ts)
  ...MIND_DOING,
  [/\bconstrain(s|ed|ing)?\b/g, 'restrict$1'],
  [/^(?:please )?scope (?=(?!(?:this|the|our|my|all|every|each|any|chat|conversation|session|channel|thread|queries|questions|commands|requests|answers|replies|everything|it|us|me)\b)[a-z][a-z0-9-]*(?: (?:on|in) \S+)* to )/g, 'restrict '],
  [/\b(would|'d) quite like\b/g, '$1 like'],
  // round 13c: "I'd like A taken off the X allowlist": remove A from it (what is wished done, said as a past participle)
  [/\b((?:would|'d) (?:quite |really )?like|want|need|wish|wants|needs) ((?:\S+ ){0,3}?\S+) (?:taken|removed|dropped|deleted|pulled|struck) (?:off|out of|from) /g, '$1 to remove $2 from '],
  [/\btuck(?:ed)? (?=(?:it|them|[a-z][a-z0-9-]*) (?:away )?(?:behind|under|onto|into|on)\b)/g, 'put '],
  // round 13c: "on-call, …", "on-call here: …": who is asking, said before the request, is no word of it
  [/^\s*(?:(?:i am|i'm|we are|we're) )?on[- ]?call(?: (?:here|today|tonight|this week|engineer|sre))?\s*(?:[,:;]|\s-)\s*/g, ''],
  // round 8: "permit A to reach B" is "allow A to reach B" (an order, no question whether A can)
  [/^permit (\S+) to (?=(?:reach|call|talk|connect|access|hit)\b)/g, 'allow $1 to '],
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
  // round 11c: "what can this bot do for app teams?", "which things do you know to do": what Palisade does, for anyone
  [/\b(?:what|which things|what things|what kind of things) (?:can|could|does|do|will) (?:you|u|this bot|the bot|palisade|this thing|this tool|this app)(?: actually| really| even| exactly)? (?:do|offer|help with|know to do|know how to do)\b(?: for (?:(?!(?:on|in)\b)\S+ ){1,5}?(?:like (?:me|us)|teams?|developers?|devs|engineers?|people|users?|folks|admins?|managers?|hires|newcomers|beginners|me|us)\b)?/g, 'what can you do'],
  [/\b(?:which|what) (?:things|stuff) (?:do )?(?:you|u) know (?:how )?to do\b/g, 'what can you do'],
  // round 11c: "…? don't want to do it twice": the reason to look first, no "not" about the question
  [/\b(?:i |we )?(?:do not|never) (?:want|need|wish) to do (?:it|that|this) (?:twice|again|a second time)\b/g, ' '],
  // round 11c: "is X already limited / locked down to <range>?": whether that restriction is in place (its state)
  [/\b(is|are|was|were) ((?:the )?\S+) (?:already |still |now |currently )?(?:limited|locked(?: down)?|scoped|restricted|narrowed(?: down)?) to\b/g, '$1 $2 restricted to'],
  // round 11c: "(I'm) merely curious": the question that follows is what is asked
  [/\b(?:i am |we are )?(?:merely |just |only |purely )?curious\b[:,]?/g, ' '],
  // round 11c: "what would be the consequence/impact of disabling X": what would happen if X were done
  [/\bwhat (?:would|will|could|might) be the (?:consequences?|effects?|impact|outcome|results?|blast radius) of (\w+?)ing\b/g, (_: string, verb: string) => `what would happen if we ${verb === 'mak' ? 'made' : `${verb}ed`}`],
  // round 11c: "I didn't mean to restrict X": a change regretted is a change not to make (its state is what is asked)
  [/\b(?:i|we) (?:did not|never) (?:mean|meant|intend|intended|want|wanted) to\b/g, 'do not'],
  // round 7: "the app is not working / isn't loading": a problem someone has, not an instruction not to do something
  [/\b(?:is|are|was|were|does|do|did|has|have)(?: been)? not (?:working|loading|responding|starting|booting|work|load|respond|start|boot)\b/g, 'is broken'],
  // "X can't reach Y (anymore), can you …": a problem someone has, not an instruction (never after "make sure")
  [/(^|.)(\b(?:can not|could not|is not able to|are not able to|fails? to) )(?=(?:reach|call|talk|connect|access|get to|get in|log ?in|sign in|resolve|hit|load|open (?:the |our )?(?:site|page|app|website|portal|dashboard)|open (?:it|them|that|this)(?= *(?:$|any ?more|any longer|again|now|since|from|on|[,.;!?])))\b)/g, (m: string, ...g: string[]) => (/\b(?:make sure|ensure|so that|such that|verify|check|guarantee)\b[^,.;]*$/.test(String(g[3]).slice(0, Number(g[2]) + g[0].length)) ? m : `${g[0]}fails to `)],
  // "nothing can talk except what is necessary", "only the needed traffic": deny by default
  [/\b(?:nothing|no traffic|no pods?|no one|nobody|no workload)(?: else)?(?: (?:can|should|may|is allowed to|gets to))? (?:talk|communicate|connect|flow|get in|reach anything|talks|communicates|connects|flows|gets in|reaches anything)(?: \S+){0,3}? (?:except|but|other than|apart from|unless)\b[^,.;]*/g, 'defaultdeny'],
  // "we'd like the X namespace on Y isolated": a state wished for is the change that makes it so
  [/\b(would like|want|need|wish|needs|wants) ((?:(?!(?:whether|if|know|see|check|is|are|was|were|to|it|them|not)\b)\S+ ){1,7}?)(isolated|restricted|locked ?down|lockdown|zero-?trusted|allowlisted|disabled|enabled|allowed(?= (?:on|in|into|onto|through) (?:the )?(?:\S+ )?(?:apiserver|api|allowlist|authorizedranges)\b))\b/g, (_: string, wish: string, what: string, state: string) => `${wish} ${state.replace(/^allowed$/, 'allowlisted').replace(/ed$/, '').replace(/^zero-?trust$/, 'zerotrust').replace(/^locked ?down$/, 'lockdown').replace(/^isolat$/, 'isolate').replace(/^restrict$/, 'restrict').replace(/^disabl$/, 'disable').replace(/^enabl$/, 'enable')} ${what.trim()}`],
  // round 11c: "is X zero-trusted (yet)?": whether zero trust is in place there (a state, asked as one)
  [/\b(?:been |already |now )?zero[- ]?trusted\b/g, 'zerotrust'],
  // "only the flows it genuinely needs are permitted": deny by default
  [/\bonly (?:the )?(?:flows|traffic|connections)(?: that)? (?:it|they|the app|the pods|the workloads?)? ?(?:genuinely |really |actually |strictly )?(?:needs?|requires?|uses?) (?:are|is|get|gets|be)? ?(?:allowed|permitted|let through|open|kept)\b/g, 'defaultdeny'],
  [/\bonly (?:the )?(?:needed|necessary|required|expected|essential) (?:traffic|connections|flows)(?: (?:goes|go|gets|get|is|are) (?:through|allowed|let through))?\b/g, 'defaultdeny'],
  // "the on-call engineer's address, 192.0.2.77": a description right before an address is not a word to read
  [/\b(?:the|our|my|their|his|her) (?:(?!only\b|just\b)[a-z'-]+ ){0,3}(?:address|ip|network|range|subnet|cidr),? (?=(?:\d{1,3}\.){3}\d{1,3})/g, ''],
  // round 5: an occasion at the start ("for the audit,", "ahead of the pen test,", "while we finish X,") is context
  [/^(?:for|before|after|ahead of|following|during|because of|due to|in time for) (?:the|our|an?|this|next|upcoming|tomorrow|today)(?: [a-z']+){0,2}? (?:audit|review|pen ?test|pentest|demo|meeting|call|migration|release|launch|incident|outage|presentation|engagement|board|committee|check)s?(?:,? |,?\s*$)/g, ''],
  [/^while (?:we|i|they|the team) [^,.;\d]{1,50}, /g, ''],
  [/^(?:just )?to double[- ]check(?: (?:before|for|ahead of) [^:,]{1,40})?[:,] /g, ''],
  // "our auditors keep asking whether …": who asks is context, the question follows
  [/^(?:the |our |my )?\S+ (?:keep|keeps|kept|are|is|have been|has been) asking (?=whether|if)/g, ''],
  // round 7: "our CISO asked me this morning how secure X is": the question asked is what to answer
  [/^(?:the |our |my )?\S+(?: team)? (?:asked|asks|wants to know|wanted to know|was asking|is asking|would like to know)(?: me| us)?(?: (?:this|last|yesterday) \S+| today| yesterday| earlier)? (?=(?:how|whether|if|what|which|who|when|why)\b)/g, ''],
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
  // round 8: "X should not / no longer be public (exposed to the internet)": beside a request the wish is internal, no "not" about it
  [/\b(?:should|must) (?:not|no longer) be (?:public(?:ly (?:reachable|exposed|accessible))?|exposed(?: to the (?:public )?internet)?|internet[- ]facing|open to the (?:public )?internet|(?:publicly )?(?:reachable|accessible) from the (?:public )?internet(?: without (?:any )?(?:controls?|protection|restrictions?|a firewall|an allowlist))?)(?: any ?more| any longer)?\b(?=.*\b(?:please|(?:could|can|would|will) you)\b)/g, 'should be internal'],
  // round 8: beside a request, "we no longer need X" is the reason and "X should no longer have access to Y" wants it off
  // (never before a state that opens something: "we no longer need X public" keeps its "not")
  [/\b(?:we|i|they|the team) (?:no longer|do not|does not) need\b(?! (?:\S+ ){0,3}?(?:public|open|opened|exposed|internet|internal|private|access)\b)(?=.*\b(?:please|(?:could|can|would|will) you)\b)/g, ' '],
  [/\b(?:should|must) (?:not|no longer) have (?:any )?access to\b(?=.*\b(?:please|(?:could|can|would|will) you)\b)/g, 'should be removed from'],
  // (round 9b: "… should no longer have API server access": the thing named before "access" is where it goes off)
  [/\b(?:should|must) (?:not|no longer) have (?:any )?((?:\S+ ){0,2}?\S+) access\b(?=.*\b(?:please|(?:could|can|would|will) you)\b)/g, 'should be removed from $1'],
  // round 11c: "X shouldn't have a public IP. Move it to the internal LB": beside an order the wish is internal, no "not"
  [/\b(?:should|must) (?:not|no longer) (?:(?:have|get|keep|use) (?:a |an |any )?(?:public|external|internet[- ]facing) (?:ip|ip address|address|endpoint|load ?balancer|lb|frontend)|be (?:on|facing) the (?:public )?internet)(?: any ?more| any longer)?\b(?=.*(?:\b(?:please|(?:could|can|would|will) you)\b|[.;!,]\s+(?:move|make(?! sure)|put|switch|take|turn|change|set|get|place)\b))/g, 'should be internal'],
  // round 9a: "I think my IP isn't allowed? could you add me": a problem someone has, beside a request, is no "not"
  [/\b(?:is|are|am|was|were) not (?:allowed|allowlist|authorized|authorised|on the allowlist)(?: (?:in|on|to|there|anymore|any ?more))?\b(?=.*\b(?:please|(?:could|can|would|will) you)\b)/g, 'is blocked'],
  // "X shouldn't be on the allowlist anymore": off it
  [/\b(?:should|must) (?:not|no longer) be (?:on|in|part of) ((?:\S+ ){0,3}?\S+?)(?: any ?more| any longer)?(?=\s*(?:[,.;!?]|could|can|please)\s*(?:.*\b(?:please|(?:could|can|would|will) you)\b))/g, 'remove from $1'],
  // "I can't run kubectl from home, can you …": a problem someone has is no instruction not to do something
  [/\b(?:i|we) (?:can not|could not|am not able to|are not able to) (?=run|reach|connect|access|get to|log ?in|use|ssh|hit|call|talk|pull|deploy|work)/g, 'i fail to '],
  // (round 8: "cant kubectl", "can't helm from here": a tool that fails, said without a subject, is that problem too)
  [/\b(?:(?:i|we) )?(?:can not|could not|am not able to|are not able to) (?=(?:kubectl|k9s|helm|az|ssh|login|log in)\b)/g, 'i fail to '],
  // "the ip restrictions on the api server / the cluster": its authorized ranges (on a Service they are its source ranges)
  [/\bip (?:restrictions?|filter(?:ing|s)?|limits?)\b(?= (?:on|of|for|from) (?:the )?(?:apiserver|cluster|aks-\S+|prod|production|workshop|cilium)\b|\s*$)/g, 'authorizedranges'],
  // "remove every authorized range", "clear all of the ip ranges": no range left is the ranges switched off
  [/\b(?:remove|clear|delete|drop|empty|disable|wipe) (?:all|every|each|any)(?: one)?(?: of)?(?: the)? (?:authorizedranges|authorized range|ip ranges?|allowlist(?: entries| ranges)?|ranges? (?:on|of|from) (?:the )?(?:allowlist|apiserver))\b/g, 'disable authorizedranges'],
  // "remove the authorized ranges" with no address said: all of them, so the ranges switched off
  [/\b(?:remove|clear|delete|drop|wipe) (?:the |our |its )?(?:apiserver )?(?:authorizedranges|ip ranges)\b/g, (m: string, ...rest: unknown[]) => (/\d+\.\d+\.\d+|\bmy ip\b/.test(String(rest[rest.length - 1])) ? m : 'disable authorizedranges')],
  // "change the authorized ranges to only X": only X is left, so the ranges are set, not added to
  [/\b(?:change|update|modify|narrow|reduce|cut|limit|trim) (?:down )?(?:the |our )?(authorizedranges|allowlist|ip ranges)((?: \S+){0,4}?) to only\b/g, 'set $1$2 to'],
  // round 7: the digest said other ways: "9 o'clock", "the summary here", "digest spam", "stop the daily digest",
  // "when is it supposed to show up", "posted here"
  [/\b(\d{1,2}) ?o'? ?clock\b/g, (_: string, h: string) => `${h.padStart(2, '0')}:00`],
  [/\b(?:summar(?:y|ies)|recaps?|round-?ups?)\b(?= (?:here|to this|in this|into this|to the channel|in the channel)\b)/g, 'digest'],
  [/\b(digests?) (?:spam|noise|emails?|messages?|posts?|pings?|notifications?)\b/g, '$1'],
  [/\b(?:posted|sent|delivered|dropped|published)(?= here\b| (?:to|in|into) this (?:channel|chat|team)\b)/g, ''],
  [/\b(?:supposed|going|due|scheduled|meant) to (?:show up|arrive|come in|come|land|appear|be posted|be sent|go out)\b/g, 'run'],
  // a scheduled summary, recap or report is the digest ("stop the security summary", "daily reports")
  [/\b(stop|pause|mute|cancel|unsubscribe from|disable|end)((?: (?:the|all|these|those|this|our|my|any))?(?: (?:security|daily|weekly|posture|scheduled|regular|automatic))*) (?:summar(?:y|ies)|recaps?|reports?|round-?ups?|newsletters?)\b/g, '$1$2 digest'],
  [/\b(daily|weekly|nightly|scheduled|regular|recurring|morning|monthly|automatic)((?: (?:security|posture))?) (?:summar(?:y|ies)|recaps?|reports?|round-?ups?)\b/g, '$1$2 digest'],
  // "to our office network, 203.0.113.0/24": a description of the address that follows is not a word to read
  [/(?<=\b(?:to|only) )(?:our|the|my|their|a|an)(?: [a-z'-]+){0,3}? (?:network|subnet|block|cidr|egress|vpn|office|proxy|gateway|nat|runners?)(?: range)?\s*,?\s*(?=(?:\d{1,3}\.){3}\d{1,3})/g, ''],
  // "the scheduled digests in this channel can be switched off": a polite way to ask for it
  [/\b((?:the|our|those|these|this|that|its|their) (?:(?!(?:can|could|may|should|be)\b)\S+ ){0,6}?)(?:can|could|may|should) (?:now |also |then )?be (disabled|removed|enabled|deleted|stopped|restricted|made internal|made public)(?=\s*(?:$|[.!,;]|now|then|please|too|as well))/g, (_: string, what: string, state: string) => `${({ disabled: 'disable', removed: 'remove', enabled: 'enable', deleted: 'remove', stopped: 'disable', restricted: 'restrict', 'made internal': 'make internal', 'made public': 'make public' } as Record<string, string>)[state]} ${what.trim()}`],
  // round 5: an IP limit that is not the API server's (that one became its authorized ranges above) is a Service's
  [/\bip (?:limits?|restrictions?|filters?)\b/g, 'source ranges'],
  // round 14a: a network engineer's ACL of the API server: "an ACL entry for my IP" is an allowlist entry, "the authorized
  // range ACL" the authorized ranges (an ACL said of something else stays a word we do not know)
  [/\bacl (entry|entries|rules?)\b(?= for\b)/g, 'allowlist $1'],
  [/\b(authorizedranges|allowlist) acls?\b/g, '$1'],
  // round 14a: "the limits on X", "remove the address limits": a limit that is a thing (after an article, on something or
  // said last) is a restriction; "limit X to Y" (the verb) and "the memory limit" stay as they are
  [/\b(the|any|all|its|their|those|these|all the)(?: (?:access|source|address|traffic|network))? limit(?:s|ations?)\b(?= (?:on|from|of|for) |\s*(?:$|[.!,;]))/g, '$1 restrictions'],
  // round 9a: a reason of cost ("because of budget", "to save money") is context
  [/\b(?:because of|due to|for) (?:the |our )?(?:budget|costs?|money|billing|spend(?:ing)?|savings?)(?: reasons?| constraints?| cuts?)?\b|\bto save (?:some )?(?:money|costs?)\b/g, ' '],
  // round 9a: "… under the zero-trust policy set", "as part of our baseline": the frame of a request is context
  [/(?<=\S.*?)\s(?:under|within|as part of|in line with|according to|per) (?:the |our |this )?(?:\S+ ){0,2}?(?:policy set|policies|policy|model|guidelines|guidance|standard|baseline|framework|programme|program)\b/g, ' '],
  // round 9a: "remove X out of the allowlist": from it
  [/\b(remove|delete|drop|revoke|unallowlist) ((?:the )?(?:range |address |ip )?\S+) (?:out of|off of)(?= (?:the )?(?:\S+ )?(?:allowlist|authorizedranges|apiserver)\b)/g, '$1 $2 from'],
  // round 9a: beside a request, a policy stated as a state ("X must not be reachable from the internet") wishes X
  // internal, no "not" (said alone it stays a "not")
  [/\b(?:must|should|shall|may|can) not be (?:reachable|accessible|exposed|visible|open|public)(?: (?:from|to|on) (?:the )?(?:public )?internet)?(?: without \S+)?\b(?=.*\b(?:please|(?:could|can|would|will) you)\b)/g, 'be internal'],
  // round 9a: "…, and show me what it would block before anything is applied": what a plan card shows before approval
  [/(?<=\S.*?)(?:,\s*|\s)(?:and |but )?(?:first )?(?:show|tell) (?:me|us) what (?:it|that|this|they) (?:would|will) (?:block|change|do|affect|break|touch|cut off)(?: (?:before|until) (?:anything|it|something) (?:is|gets) (?:applied|changed|done))?\b/g, ' '],
  // round 9a: "default deny …, keep dns": a default-deny policy keeps DNS anyway (Palisade's zero trust allows it)
  [/,?\s*(?:but )?(?:keep|keeping|allow|allowing|except|leave|leaving) (?:the )?(?:kube-?)?dns(?: (?:working|open|traffic|lookups|resolution|alone))?(?: and (?:the |all )?(?:flows|traffic|connections)(?: (?:that )?(?:it|they|the app|the pods|the workloads?|the services?)(?: (?:genuinely|really|actually|truly|still|legitimately))? (?:needs?|requires?|uses?))?)?(?=\s*(?:$|[.,;!]))/g, (m: string, ...g: unknown[]) => (/\b(?:defaultdeny|zerotrust|lockdown|isolate)\b/.test(String(g[g.length - 1])) ? ' ' : m)],
  // round 10b: a reason said with "not" in front of ", so please …" is context, the request follows ("we have not
  // launched yet, so please …"; a "not" inside the request stays)
  [/^(?:[^,;.]*?\b(?:not|no)\b[^,;.]*?)[,;]? so (?=(?:please|pls|kindly|(?:could|can|would|will) (?:you|u))\b)/g, ''],
  // round 10b: an event with no date after a lasting state ("internal until launch day") is why, not a time we can keep
  [/\b(internal|private) until (?:the |our )?(?:launch|go-?live|release|cutover|demo|migration|announcement)(?: day| date)?\b/g, '$1'],
  // round 10b: a correction naming what was not meant ("work on cilium, not on workshop one") is dropped
  [/,\s*(?:and )?not (?:on |in |with |for )?(?:the )?\S+(?: one| cluster)?\s*[.!]*\s*$/g, ''],
  // round 10b: "do the zero trust for namespace X": the order is zero trust for X
  [/\bdo (?:the |a )?zero[- ]?trust (?:for|on|to|in) (?:the )?(?:namespace |ns )?/g, 'zerotrust '],
  // round 10b: terse "defender prod": the area then a cluster is the area's status
  [/^(defender)(?: for containers)? (?!(?:on|off|enable|disable|status|enabled|disabled)\b)(\S+)$/g, '$1 status on $2'],
  // round 10b: "send the security summary now": the posture report sent now is the digest
  [/\b(send|post|share|push|drop|email|e-mail|mail|message)( me| us)? (?:the |a |our )?(?:security|posture) (?:summary|recap|round-?up|overview) (?=(?:right )?(?:now|immediately)\b)/g, '$1$2 the posture report '],
  // round 10b: "are we getting more secure over time": the posture trend
  [/\b(?:are|is) (?:we|it|things|(?:our|the) (?:\S+ ){0,2}?\S+) (?:getting|becoming|growing) (?:more|less) (?:secure|safe|exposed|protected)(?: over ?time)?\b/g, 'is security getting better or worse'],
  // round 10b: the architect's load-balancer words: SLB/ILB, "the internal LB", "rather than the public SLB"
  [/(?<![\w-])(?:ilb|internal lb|internal load ?balancer)(?![\w-])/g, 'internal loadbalancer'],
  [/(?<![\w-])(?:(?:public |external )?slb|public lb|public load ?balancer|external load ?balancer|external lb)(?![\w-])/g, 'public loadbalancer'],
  // round 10b: "have a fixed version available": fixable
  [/\b(?:that |which )?(?:have|has|with) (?:a )?fix(?:ed)? (?:versions? |releases? |packages? )?(?:available|out|published)\b/g, 'fixable'],
  // round 10b: "throw out X from the allowlist": remove it
  [/\b(?:throw|kick|toss|take) out\b/g, 'remove'],
  [/\b(?:throw|kick|toss) ((?:the )?(?:range |address |ip )?\S+) (?:out (?:of|from)|from)\b/g, 'remove $1 from'],
  // round 10b: non-native "remove my ip of allowlist": from it
  [/\b(remove|delete|drop|take out|take) (my ip|(?:the )?(?:range |address |ip )?\S+) of (?=(?:the )?(?:allowlist|authorizedranges|authori[sz]ed (?:ip )?ranges|ip ranges)\b)/g, '$1 $2 from '],
  // round 10b: "visible to the outside world": exposed to the internet
  [/\b(?:visible|open|accessible) (?:to|from) (?:the )?(?:outside(?: world)?|whole world|world)\b/g, 'exposed to the internet'],
  [/[,;]?\s*(?:rather than|instead of) (?:the |a |an )?(?:public|internal|external|private) (?:loadbalancer|ip|endpoint)\b/g, ' '],
  [/\b(?:sit|be|live|run) behind (?:the |an? )?internal loadbalancer\b/g, 'be internal'],
  [/\b(?:move|put|switch) (it|them|\S+) (?:to|onto|on) (?:a |an )?private ip(?: address)?(?: in (?:the |our )?vnet)?\b/g, 'make $1 internal'],
  // round 10b: ARM and Resource Graph words: enablePrivateCluster is the private-cluster question; Resource Graph is
  // how clusters are found ("which clusters is Palisade discovering through Resource Graph")
  [/\benable ?private ?cluster\b/g, 'private cluster'],
  [/\b(?:through|via|using|with|from) (?:azure )?resource graph\b/g, ' '],
  [/\b(?:is|are|does|do) (?:palisade|it|you) (?:actually |currently )?(?:discover(?:ing)?|find(?:ing)?|see(?:ing)?|know(?:ing)? about|track(?:ing)?)\b/g, 'do you see'],
  // round 10b: "which CVEs does the X repository carry": an image's vulnerabilities
  [/\b(?:does|do) (?:the )?(\S+) (?:repository|repo|image|container) (?:currently |still )?(?:carry|contain|have|ship with)\b/g, 'in $1'],
  // round 10b: "only our beta customers at X should be able to see Y": Y restricted to X
  [/\bonly (?:our |the |their )?(?:[a-z-]+ ){0,3}?(?:at|from|on|in|using) ((?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?) (?:should|can|may|must) (?:can |be allowed to )?(?:see|reach|access|use|open|get to|view) (\S+)/g, 'restrict $2 to $1'],
  // round 10b: a descriptive name of a website ("the ratings website", "the ratings site"): the "-web" Service of that
  // name (resolved against the inventory like any typed name; none → asked about)
  [/\b(?:the |our )?(?!(?:the|a|an|our|your|their|its|this|that|my|whole|web|public|main|new|old|company|marketing|demo)\b)([a-z][a-z0-9]*) (?:web ?site|site|web app|webapp)\b/g, '$1-web'],
  // round 10b: access asked for oneself ("give me access to X", "I need temporary control-plane access from my
  // workstation"): my address on the allowlist; an address that "needs access to X": that address
  [/\b(?:give|grant) (?:me|us) (?:the |some )?(?:temporary |temp |short-term )?(?:apiserver |cluster |kubectl )?access\b(?! to (?:the )?apiserver\b)/g, 'allowlist my ip'],
  // (what the access is for, "to run the node image upgrade", is context)
  [/\bto (?:run|do|perform|finish|complete|start) (?:the |a |an |some |our )?(?:\S+ ){0,3}?(?:upgrade|maintenance|migration|deployment|debugging|patching|rollout)\b/g, ' '],
  [/\b(?:i|we) need (?:some )?(?:temporary |temporarily |temp |short-term )?(?:apiserver|cluster|kubectl) access(?: from (?:my|our) (?:workstation|laptop|machine|desk|pc|computer|home))?\b/g, 'allowlist my ip'],
  [/(?:^(?:the |our |a |an |my |their )?(?:[a-z'-]+ ){0,3}?|\b)(?:works?|working|connects?|sits?) from ((?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?) and (?:needs?|wants?|requires?) (?:access to|to get into|to reach)\b/g, 'allowlist $1 on'],
  // round 10b: "customer-facing apps": the Services
  [/\b(?:customer|public|internet|user|client)[- ]facing (?:apps?|applications?|services?|sites?|endpoints?|websites?)\b/g, 'services'],
  // round 10b: "is anything protecting the payments data from the other apps": that namespace's network policies
  [/\b(?:is|are) (?:there )?(?:anything|something|any(?:thing)? rules?) (?:protecting|isolating|separating|shielding|guarding) (?:the |our )?(\S+) (?:data|namespace|apps?|services?|workloads?|stuff) from (?:the |all )?other (?:apps?|namespaces?|services?|workloads?|teams?)\b/g, 'network policies in $1'],
  // round 10b: "which operations does Palisade support in the X area": the help on X
  [/\b(?:which|what) (?:operations|commands|things|actions|features) (?:does|do|can) (?:palisade|you|the bot) (?:support|do|offer|have)(?: in| for| around| about)?(?: the)?((?: \S+){1,3}?)(?: area| topic| side| space)?(?=\s*[?.!]*\s*$)/g, 'help$1'],
  // round 10b: "are we scanning our images at all": whether Defender for Containers is on
  [/\b(?:are|is) (?:we|it|anything|something|anyone|azure) (?:even )?scanning (?:our |the |any )?(?:container )?images(?: for (?:security )?(?:problems|issues|vulnerabilities|holes|threats|risks))?(?: at all)?\b/g, 'is defender enabled'],
  // round 10b: "critical or high" is high and above
  [/\b(?:critical (?:or|and|\/|&) high|high (?:or|and|\/|&) critical)\b/g, 'high'],
  [/\bsecurity holes?\b/g, 'vulnerabilities'],
  // round 10b: "CVSS critical", "CVSS score high": the level
  [/\bcvss(?: v?3(?:\.1)?)?(?: score| severity| rating)? (?=(?:critical|high|medium|low)\b)/g, ''],
  // round 10b: "the overall security posture": the posture ("overall" adds nothing)
  [/\boverall (?=(?:security )?(?:posture|status|picture|state|health)\b)/g, ''],
  // round 10b: the areas of the posture listed after it ("posture of X - control plane, exposure, network policy and
  // images") are the whole posture, not one of them
  [/\s*[-–—:(]?\s*(?:(?:control[- ]plane|apiserver|api server|exposure|network polic(?:y|ies)|images?|vulnerabilit(?:y|ies)|defender)(?:\s*,\s*(?:and\s+)?|\s+and\s+)){2,}(?:control[- ]plane|apiserver|api server|exposure|network polic(?:y|ies)|images?|vulnerabilit(?:y|ies)|defender)\b\)?/g, ' '],
  // round 10b: the ILB frontend "in subnet X" is the subnet
  [/\b(?:frontend|front[- ]end)(?: ip)? in (?=(?:the )?subnet\b)/g, ''],
  // round 10b: non-native order "the authorized range of X change to only Y": set
  [/\b(?:the )?(?:authorizedranges|authorized ranges?|ip ranges?|allowlist) (?:of|on|for) (\S+) (?:change|set|update|make) (?:it )?to only\b/g, 'set ip ranges on $1 to'],
  // round 10b: "please let it through": allow it; "has to call", "needs to pull data from": needs to call
  [/\blet (?:it|them|that|this|the traffic) through\b/g, 'allow it'],
  [/\b(?:has|have) to (?=call\b)/g, 'needs to '],
  [/\b(needs?|has|have) to (?:pull|fetch|read|get) (?:data |files |reports )?from\b/g, 'needs to call'],
  // round 10b: the frame "under zero-trust on X," is context (its cluster stays); "add the cross-namespace allow": allow
  [/^under (?:the )?zero[- ]?trust((?: on \S+)?)\s*,\s*/g, '$1 '],
  [/[;,.]?\s*(?:please )?add (?:the |a |an )?(?:cross-namespace |cross namespace )?(?:allow|exception|allow rule)\s*[.!]*\s*$/g, ' allow it'],
  // round 10b: "before I raise the change:" is when the question is asked, not a word of it
  [/^before (?:i|we) (?:raise|open|file|submit|log|create|put in|book) (?:the |a |an |our )?(?:change|ticket|request|cr|rfc|change request)(?: ticket)?\s*[:,;-]?\s*/g, ''],
  // round 10b: "disabled … entirely", "off altogether": the same change, said emphatically
  [/\s(?:entirely|altogether)(?=\s*[?.!,;]*\s*$|\s*[?.!,;])/g, ''],
  // round 10b: "Launch is today!! Make X public": when an event happens, said before the request, sets the scene
  [/^(?:the |our )?(?:launch|release|demo|go-?live|deadline|cutover|migration|event|rollout|announcement)(?: day| date)? (?:is|was|happens|starts) (?:today|tomorrow|tonight|now|this (?:morning|afternoon|evening|week))(?:\s*[.!]+\s+|\s*,\s*)(?=\S)/g, ''],
  // round 10b: non-native order "<address> add to the authorized ranges of X": add the address to them (what the
  // address is, said before it, is a description)
  [/^(?:[a-z' -]+ )?((?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?) (?:please )?(add|put|remove|delete) (?:it )?(to|into|from|on|in) (?=(?:the )?(?:authori[sz]ed ranges?|authorizedranges|allowlist|ip ranges?)\b)/g, '$2 $1 $3 '],
  // round 10b: "is the API server reachable over a public FQDN/endpoint": the private-cluster question
  [/^(?:is|does|has) (?:the )?(?:kube-?apiserver|apiserver|api server|control plane)(?: endpoint)?((?: (?:on|of) \S+)?) (?:only )?(?:reachable|exposed|available|published|accessible) (?:over|on|via|through|with) (?:a |an |the )?(?:public|private) (?:fqdn|endpoint|dns name|ip(?: address)?)\b/g, 'is the apiserver$1 on a private endpoint'],
  // round 10b: "a default-deny ingress and egress baseline": a default-deny policy
  [/\b(?:default[- ]?deny|defaultdeny) (?:(?:ingress|egress)(?: (?:and|&|\/|plus) (?:ingress|egress))? (?:baseline|policy|policies|posture|rules?)|baseline)\b/g, 'defaultdeny'],
  // round 10b: "can X be reached from the internet (at all)?": the reach question from the internet
  [/^(?:can|could) ((?:the )?(?:\S+ ){0,4}?\S+) be (?:reached|accessed|hit|called|opened) from (?:the )?(?:public )?internet(?: at all)?\b/g, 'can internet reach $1'],
  // round 9a: "how are you", "you up?", "are you there": a greeting
  [/^(?:(?:hello|hi|hey|yo|good (?:morning|afternoon|evening|day)|morning)(?: there)?[\s,!.]*)?(?:(?:bot|palisade)[\s,!]+)?(?:how are (?:you|u)(?: doing)?(?: today)?|how is it going|(?:are )?(?:you|u) (?:up|there|around|awake|alive|online))\s*[?!.]*$/g, 'hello'],
];

// round 11b: the plain-word changes first (their purposes dropped before any rule reads them)
const ALL_PHRASES = [...BUSINESS_WRITE_PHRASES, ...CHANGE_PHRASES, ...PHRASES, ...CHANGE_PHRASES_LATE];

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isoDate(year: string, month: string, day: string): string {
  const m = MONTHS.indexOf(month.slice(0, 3)) + 1;
  return `${year}-${String(m).padStart(2, '0')}-${day.padStart(2, '0')}`;
}

const FILLER = new Set([
  'please', 'pls', 'plz', 'kindly', 'just', 'quickly', 'go', 'ahead', 'palisade', 'bot', 'ok', 'okay', 'so', 'um', 'uh', 'hmm',
  'the', 'a', 'an', 'some', 'actually', 'really', 'currently', 'right', 'also', 'maybe', 'mate', 'folks', 'guys', 'already', 'still',
  // "the zero trust thing", "that allowlist stuff": a vague noun after the thing itself
  'thing', 'stuff',
  // round 9b: "temp allow my ip, 45m": a temporary change says how long elsewhere (or takes the default)
  'temp', 'temporarily',
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
  // (round 13c: "if it's no bother / not too much trouble": a courtesy, no condition)
  /\bif (?:that is|it is|it'?s|that'?s) (?:no |not (?:too much |a |any )?)(?:bother|trouble|problem|hassle)\b/g,
  /\b(?:would|will|could) (?:you|u) be so kind (?:as )?to\b/g,
  /\bbe so kind (?:as )?to\b/g,
  /\b(?:could|can|would|will) (?:you|u|we) (?:please )?(?:arrange|handle|sort out|take care of|do) (?:that|this|it)(?: for (?:me|us))?\b/g,
  // (the chat cleaner has already dropped "could you": "arrange that on X" is the same courtesy)
  /^(?:please )?(?:arrange|handle|sort out|take care of|organi[sz]e) (?:that|this|it)(?: for (?:me|us))?\b/g,
  /(?<=\S.*[.!?,;]\s*)(?:many |a lot of )?thanks?(?: (?:you|u))?(?: (?:very|so) much)?(?: in advance)?[.!\s]*$/g,
  // (round 13c: "I'd appreciate it if X could …" asks for it: the "if" is the courtesy's, no condition)
  /\b(?:i would|i'?d|we would) (?:really |greatly |very much )?appreciate (?:it|that|your help)(?: (?:very much|a lot|greatly))?(?: if\b)?/g,
  /\b(?:(?:just )?a quick (?:summary|overview|look|check)) would be (?:great|nice|good|helpful|perfect)\b/g,
  /\bit would be (?:great|nice|good|helpful|perfect|wonderful|lovely|ideal|fantastic|brilliant|awesome) (?:to|if (?:you could|we could)?)\b/g,
  /\bwould be (?:great|nice|good|helpful|perfect|appreciated)\b/g,
  // "the workshop says / the guide recommends (that) X": who suggested it is context, X is the request
  // (round 9b: "I think my mentor said to …": a hedge in front of who said it is context too; round 9a: only when we are
  // asked to do it, "I think the architect said to disable X" alone reports what someone said)
  /^(?:the |our |my )?\S+ (?:says|said|recommends|recommended|suggests|suggested|told me|told us) (?:that |we |to )?/g,
  /^(?:(?:i think|i believe|apparently|so),? )(?:the |our |my )?\S+ (?:says|said|recommends|recommended|suggests|suggested|told me|told us) (?:that |we |to )?(?=.*\b(?:please|pls|kindly|(?:could|can|would|will) (?:you|u)|do (?:it|that|this) for)\b)/g,
  /\bif (?:you|u) (?:do not|don'?t) mind\b/g,
  // round 9a: hedges about the asking itself ("sorry if this is a dumb question but", "not sure if I'm asking right but")
  /\b(?:(?:sorry|apologies),? )?(?:if|in case) (?:this is|it is|that is) (?:a |such a )?(?:dumb|stupid|silly|basic|naive|obvious|newbie|noob) question,?(?: but)?/g,
  /\b(?:i am |i'm )?(?:not sure|unsure) (?:if|whether) (?:i am|i'm|i) (?:asking|doing|saying|phrasing|wording) (?:this |it |that )?(?:right|correctly|properly|the right way)(?: but)?/g,
  /\bfor me\b(?=\s*$)/g,
  // round 13c: a hedge said after the request ("…, i suppose", "… i guess") only softens it: no "suppose" to imagine
  // (and "as well", "real quick", "one more time", "before I forget" after it; "if you please" anywhere)
  /(?<=\S)[\s,;-]+(?:(?:as well|real quick)[\s,]*)?(?:i (?:suppose|guess|reckon|think)|i'?d say|probably)(?: (?:that'?s|that is) (?:it|all|fine))?[.!\s]*$/g,
  /(?<=\S)[\s,;-]+(?:as well|real quick|one more time|before i forget)[.!\s]*$/g,
  /\bif (?:you|u)(?: please)?(?=[\s.!]*$)/g,
];

/** Leading request forms: "could you please", "I'd like to", "can you", "help me". */
const REQUEST_PREFIX = /^(?:(?:can|could|would|will|shall) (?:you|u|we)(?: please)?|(?:might|may) (?:we|i)(?: please)?|would it be (?:possible|ok|okay|alright|fine|acceptable) (?:to|if you|if you could)|(?:can|could|may) i (?:get|have)(?: like)?|is there a way to|i (?:want|need|would like|wish|am trying|was hoping) to|i would like you to|we (?:need|want|should) to|we need|i want you to|help me|let us|lets|is it possible to|are you able to|i need you to|try to|try out|try|be a dear and|need(?= (?:an?|some|the) )|time to|(?:can|could) we (?:get|have)(?: like)?)\s+/;

/** "How do I …", "what's the command to …": a question about how something is done, followed by the thing itself. */
/** A how-to whose verb only looks: what it asks to see is the answer. */
const HOW_TO_SEE = /^(?:(?:sorry|so|ok|okay|um|uh|hey|quick question)\s+)*(?:how (?:do|can|could|would|should) (?:i|we|one|u|you)|where (?:do|can|could|would) (?:i|we|one|u|you)|is there a way (?:for (?:me|us) )?to|how to)\s+(?:go (?:and |to )?)?(?:see|view|check|list|look at|look up|show|read|pull up|display|inspect|review|find out)\s+/;
const HOW_TO = /^(?:how (?:do|can|could|would|should|shall|must|may) (?:i|we|one|you|u|someone|people)(?: go about| actually)?|how to|what is the (?:command|way|syntax|right way|best way|procedure|process) (?:to|for)|which command (?:do (?:i|we) (?:use|run|type) to|to|for|makes|will)|what do (?:i|we) (?:type|say|run|write|use) to|where do (?:i|we) (?:go|start) to)\s+/;

/** Words that start a question or a look-up: reads, never requests for a change. */
const QUESTION_START = new Set([
  'is', 'are', 'can', 'does', 'do', 'did', 'what', 'which', 'who', 'whom', 'how', 'any', 'anything', 'where', 'when', 'why', 'has', 'have', 'was', 'were',
  'list', 'show', 'display', 'describe', 'explain', 'check', 'find', 'view', 'verify', 'tell', 'whether', 'would', 'could',
  // "should we disable the ranges? give me pros and cons": advice asked about a change, never the order for it
  'should',
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
  /** Asks for advice about a change ("should we make X internal?", "…, or is that a bad idea?"): never the change itself. */
  advice: boolean;
  /** Says it only wants to know or understand something ("I only want to know is it internal now"). */
  wantsToKnow: boolean;
  /** Asks about the effect of a change ("what it would change", "the risk", "the blast radius"). */
  asksEffect: boolean;
}

/**
 * Conditional or imagined framing: "what happens/would happen if", "what if", "suppose", "hypothetically",
 * "in theory", and "if we/I … would/will/could …" (a condition followed by a question about its outcome).
 * ("if you could …" and "if you don't mind" are courtesy, dropped before this is looked for.)
 */
const HYPOTHETICAL = /\bwhat (?:would|will|could|might|should) (?:happen|break|change|go wrong)\b|\bwhat (?:would|will|could|might|does|do) (?!\S+ing (?:on|in|at|for|about|to)\b)\S+ing (?:(?!(?:you|u|palisade|the bot)\b)\S+ ){0,8}?(?:actually |really |even |exactly )?do\b(?! (?:for|to) (?:me|us|you)\b)|\b(?:consequences?|effects?|impact|outcome|results?) (?:of|from) (?:\S+ )?\S+ing\b|\bwhat (?:would|will|could|might) (?:\S+ ){1,4}?be if\b|\bblast radius\b|\bwhat (?:happens|breaks|changes) (?:if|when|once)\b|\bwhat[- ]if\b|\b(?:suppose|supposing|hypothetically|imagine|theoretically|in theory)\b|\bif (?:we|i|someone|somebody|anyone|they|you)\b(?! (?:could|would|can|will|may|might|please|have a|get a|do not mind)\b)[^.?!;]*?\b(?:would|will|could|might)\b/;
/** "if we make X internal, can customers still reach it?": a change in an if-clause followed by a question about its effect. */
const CONDITIONAL_CHANGE_QUESTION = /\bif (?:we|i|someone|somebody|anyone|they|you)\s+(?:\S+\s+)?(?:make|made|disable|disabled|remove|removed|turn|turned|set|enable|enabled|allow|allowed|restrict|restricted|open|opened|close|closed|lock|locked|delete|deleted|switch|switched|drop|dropped|add|added|apply|applied|zero-trust|allowlist|allowlisted)\b[^.;]*?\b(?:can|could|does|do|is|are|will|would|might|should|still)\b/;

/**
 * A condition on the order, wherever it stands: "if the test fails, …", "hmm if the canary looks fine then …",
 * "make X internal if it is still public", "in case …", "unless …", "as soon as …". Courtesy ("if possible", "if you
 * could", "if needed") is no condition, nor is "even if" (the change is wanted anyway).
 */
/** The words that put a condition on an order: one list, for the flag below and for finding the order (understand.ts). */
export const CONDITION_WORDS = ['if', 'in case', 'unless', 'as soon as'];
/** Words of time or approval that hold an order back when they open the sentence ("once X signs off, …"). */
export const WAIT_WORDS = ['once', 'when', 'whenever'];
const CONDITION = `(?:${CONDITION_WORDS.join('|')})`;
const CONDITION_OR_WAIT = `(?:${[...CONDITION_WORDS, ...WAIT_WORDS].join('|')})`;
const CONDITIONAL_ORDER = new RegExp(String.raw`(?<!\beven )\b${CONDITION}\s(?!(?:you|u)\s(?:can|could|would|will|may|might|please|do not mind|want|wish|like|prefer|agree)\b)(?!(?:it is|that is|this is) (?:not )?(?:too much|ok|okay|fine|alright|possible)\b)(?!(?:needed|necessary|required|applicable|possible|you can)\b)\S`);

/** "if …, X" / "if … then X" / "X if …": the order of a message with a condition before or after it, or undefined. */
export function orderOf(raw: string): string | undefined {
  const after = new RegExp(String.raw`^(?:\S+\s+){0,2}?${CONDITION_OR_WAIT}\s[^,;]*?(?:,|\sthen\s)\s*(\S.*)$`, 'i').exec(raw.trim());
  if (after) return after[1];
  const before = new RegExp(String.raw`^(\S+(?:\s+\S+)+?)\s*,?\s+${CONDITION}\s.+$`, 'i').exec(raw.trim());
  return before && !/^(?:even|only|and|or|but)$/i.test(before[1].split(/\s+/).pop() ?? '') ? before[1] : undefined;
}

/** Advice asked about a change: "should I/we …", "what do you think", "your recommendation", "a good/bad idea". */
const ADVICE = /^(?:should|shall) (?:i|we)\b|\b(?:what do (?:you|u) (?:think|recommend|suggest|advise)|(?:your|a) (?:recommendation|advice|opinion)|(?:a )?(?:good|bad|smart|wise) idea|what should (?:i|we) do|would (?:you|u) (?:recommend|advise|suggest)|do (?:you|u) (?:recommend|advise|suggest)|(?:not sure|unsure|wondering|considering|deciding|debating) (?:if|whether) (?:i|we) should|(?:is it|would it be|it is) (?:safe|wise|risky|dangerous) to|without breaking (?:anything|something|stuff|things)|(?:would|will|could|does|might) (?:that|it|this) (?:break|hurt|affect|cut off|be (?:a problem|bad|risky|an issue|dangerous|safe|ok|okay)))\b/;
/** Round 11c: "I was just asking if it is public", "check what it is set to now": the state of the thing is asked (never "if that is possible"). */
const WANTS_TO_KNOW = /\b(?:want|wanted|would like|like|need|wish) to (?:know|understand|see|check|learn)\b|\b(?:only|just) (?:check|look|show|tell|see|read|list|display|view|print|checking|looking|reading|listing|viewing)\b|\b(?:asking|ask|asked|wondering|wonder) (?:if|whether) (?:it|this|that|they|\S+-\S+) (?:is|are|was|were|has|had|still)\b(?! (?:possible|ok|okay|fine|allowed|safe|a good idea)\b)|\bcheck (?:what|whether|if|how) (?:it|this|that|they|\S+-\S+) (?:is|are|was|were|has)\b|\bwhat (?:are|is) (?:they|it|those|these|them)(?: (?:now|currently|right now|set to))?\s*$|\bwhat (?:does|would|will|could) (?:that|it|this) (?:actually |really |exactly )?do\s*$/;
const ASKS_EFFECT = /\b(?:would|risks?|impact|effects?|consequences?|blast radius|break|affect)\b|\bwhat (?:does|will|could) (?:that|it|this) (?:actually |really |exactly )?do\b/;

/**
 * "…, which is 203.0.113.0/24. can you set that up?": a closing request to carry out what was just said names no change
 * of its own (its verb, "set", is no order to set anything).
 */
const DO_THAT = /\s*\b(?:(?:can|could|would|will) (?:you|u)\s+|please\s+|pls\s+|kindly\s+)?(?:please\s+)?(?:just\s+)?(?:set (?:it|that|this) up|configure (?:it|that|this)|make (?:it|that|this) (?:happen|so)|take care of (?:it|that|this)|sort (?:it|that|this) out|get (?:it|that|this) done|arrange (?:it|that|this)|implement (?:it|that|this)|handle (?:it|that|this))(?:\s+(?:for (?:me|us)|please|pls|thanks|thank you|now|today|asap))*\s*$/;

/**
 * A condition of time or approval at the start of a sentence: "once Ahmed signs off, …", "when the pen test is over,
 * …" (not "when you get a chance, …": courtesy; nor "when the contract ended, …": the past is context; nor "once X is
 * in place, the API still needs …": what follows states a need, the order comes later).
 */
const WAITS_FOR = new RegExp(String.raw`(?:^|[.;!?]\s*)(?:${WAIT_WORDS.join('|')})\s(?!(?:you|u)\s)(?!(?:possible|ready|convenient|needed)\b)(?![^,;.!?]*\b(?:was|were|did|had|ended|happened)\b)[^,;.!?]{3,}?,\s*(?!(?:the|a|an|our|their|its|there|it|this|that)\s)\S`);

// ("make sure nobody disables X", "prevent anyone from opening Y": a wish that the change does NOT happen)
const NEGATION = /\b(?:not|never|no longer|nope|nevermind|never mind)\b|\b(?:make sure|ensure|see to it|check) (?:that )?(?:nobody|no one|noone|no-one|none of (?:us|you|them))\b(?! (?:but|except|other than|apart from|outside)\b)|\b(?:prevent|stop|keep|block) (?:anyone|anybody|someone|somebody|people|others|them|folks) from\b/;

/**
 * "in the shop namespace, can web reach api on 8080? aks-cilium": a question whose last clause opens with a question
 * word, followed by no more than a few words that only name a cluster or thank, is still a question.
 */
function questionThenContext(raw: string): boolean {
  const at = raw.lastIndexOf('?');
  if (at < 0) return false;
  const tail = raw.slice(at + 1).trim().split(/\s+/).filter(Boolean);
  const clause = raw.slice(0, at).toLowerCase().split(/[,;:.!?]/).pop()!.trim().split(/\s+/);
  const contextOnly = tail.every((w) => /-|^(?:on|in|for|the|cluster|thanks|thank|you|thx|ty|pls|please|asap|cheers)$/i.test(w.replace(/[.!]+$/, '')));
  return tail.length <= 3 && contextOnly && QUESTION_START.has(clause[0] ?? '') && !(clause[1] === 'you' || clause[1] === 'u');
}

type Replacer = string | ((match: string, ...rest: any[]) => string);

/**
 * A phrase rule never rewrites part of a hyphenated name ("aks-internal-lb", "ratings-svc"): a match that starts or
 * ends inside such a word is left as it is (a whole word, "load-balancer", is still rewritten).
 */
function outsideNames(t: string, re: RegExp, to: Replacer): string {
  // (most rules match nothing, and most messages have no hyphenated word: the plain replace is much cheaper)
  if (t.search(re) < 0) return t;
  if (!/[a-z0-9]-[a-z0-9]/.test(t)) return typeof to === 'string' ? t.replace(re, to) : t.replace(re, to);
  return t.replace(re, (...args: any[]) => {
    const named = typeof args[args.length - 1] === 'object';
    const whole = args[args.length - (named ? 2 : 1)] as string;
    const at = args[args.length - (named ? 3 : 2)] as number;
    const match = args[0] as string;
    const end = at + match.length;
    if ((at > 1 && whole[at - 1] === '-' && /[a-z0-9]/.test(whole[at - 2])) || (/[a-z0-9]$/.test(match) && whole[end] === '-' && /[a-z0-9]/.test(whole[end + 1] ?? ''))) return match;
    if (typeof to !== 'string') return to(...(args as [string, ...unknown[]]));
    const groups = args.slice(1, args.length - (named ? 3 : 2)) as Array<string | undefined>;
    return to.replace(/\$(\d{1,2}|&|<(\w+)>)/g, (ref: string, key: string, name?: string) => (key === '&' ? match : name ? ((args[args.length - 1] as Record<string, string>)[name] ?? '') : (groups[Number(key) - 1] ?? '')));
  });
}

export function normaliseText(raw: string): Normalised {
  let t = withoutChatNoise(cleanChat(raw)).toLowerCase();
  // ("defender on or not", "public yes or no": the state is asked, whatever the mark)
  const endsWithQuestion = /\?\s*$/.test(raw.trim()) || questionThenContext(raw) || /\b(?:or not|yes or no|on or off)\s*[.!?]*\s*$/i.test(raw.trim());
  t = t.replace(/[‘’`´]/g, "'").replace(/[“”]/g, '"');
  for (const [re, to] of CONTRACTIONS) t = t.replace(re, to);
  t = t.replace(/\b(dont|doesnt|isnt|arent|shouldnt|wouldnt|couldnt|didnt|wasnt|havent|hasnt|cant)\b/g, (w) => `${w.slice(0, -2).replace(/^ca$/, 'can')} not`);
  // ("a couple of days" is two of them: a length a change can carry)
  t = t.replace(/\b(?:a )?couple(?: of)? (?=(?:min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|weeks?)\b)/g, '2 ');
  // (round 14b: a manager's "get X turned on", "have X taken off the allowlist": the order said the way our examples say it)
  t = withClosingWishRead(withCausativeUnfolded(t));
  // (round 12a: reads asked in business, evidence or long-winded words, one file of its own)
  // (round 14b: a checklist item's "review X", "confirm A is still in the allowlist": reads)
  for (const [re, to] of CHECKLIST_READS) t = outsideNames(t, re, to);
  for (const [re, to] of LEARNED_ENGLISH) t = outsideNames(t, re, to);
  for (const [re, to] of CLI_FORMS) t = outsideNames(t, re, to);
  for (const [re, to] of EVIDENCE_READS_FIRST) t = outsideNames(t, re, to);
  for (const [re, to] of EXEC_WORDS_FIRST) t = outsideNames(t, re, to);
  for (const [re, to] of READ_PHRASES_FIRST) t = outsideNames(t, re, to);
  for (const [re, to] of CASUAL_PHRASES_FIRST) t = outsideNames(t, re, to);
  for (const [re, to] of ALL_PHRASES) t = outsideNames(t, re, to);
  // (round 11a: how people ask for a read, one file of its own)
  for (const [re, to] of READ_PHRASES) t = outsideNames(t, re, to);
  for (const [re, to] of EVIDENCE_READS) t = outsideNames(t, re, to);
  // (round 13a: the domain in business and executive words, one file of its own)
  for (const [re, to] of EXEC_WORDS) t = outsideNames(t, re, to);
  // (round 12c: housekeeping and small talk, one file of its own)
  for (const [re, to] of CASUAL_PHRASES) t = outsideNames(t, re, to);
  for (const [re, to] of SHORT_FORMS) t = outsideNames(t, re, to);
  for (const re of COURTESY) t = t.replace(re, ' ');
  const conditional = CONDITIONAL_ORDER.test(t.replace(/\s+/g, ' ').trim()) || WAITS_FOR.test(t.replace(/\s+/g, ' ').trim());
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
  const doItForMe = /\b(?:(?:can|could|would|will) you (?:please )?(?:just )?do (?:it|that|this)|(?:please )?(?:just )?do (?:it|that|this) for (?:me|us))\b/.test(joined) || DO_THAT.test(joined);
  if (doItForMe) joined = joined.replace(/[.?!]?\s*\b(?:(?:can|could|would|will) you (?:please )?(?:just )?do (?:it|that|this)(?: for (?:me|us))?|(?:please )?(?:just )?do (?:it|that|this) for (?:me|us))\b.*$/, '').replace(DO_THAT, '').trim();
  // ("how do I see the policies in X?", "where can I view the audit log?": to see a read is to run it)
  // (never when a change verb follows: "how do I check before I disable X" stays a how-to)
  if (!/\b(?:make|making|restrict|unrestrict|remove|disable|enable|allow|open|lock|block|add|set|turn|switch|put|expose|delete)\b|(?<!\b(?:the|my|our|its|their|an?) )\b(?:allowlist|whitelist|zero-?trust)\b/.test(joined.replace(HOW_TO_SEE, ''))) joined = joined.replace(HOW_TO_SEE, 'show ');
  const howTo = HOW_TO.test(joined) && !doItForMe;
  if (HOW_TO.test(joined)) joined = joined.replace(HOW_TO, '');
  // "um so could you …", "ok well is X …": hesitation in front of the request or question is no word of it
  // (round 13c: "k", "kk", "okey": the same acknowledgement, typed short)
  joined = joined.replace(/^(?:(?:um+|uhm*|uh+|hmm+|erm|er|ok|okay|k|kk|okey|oki|so|well|yeah|right|anyway|alright)\s+)+(?=\S+\s)/, '');
  const before = joined;
  for (let i = 0; i < 3; i++) joined = joined.replace(REQUEST_PREFIX, '');
  const negated = NEGATION.test(joined);
  tokens = keepQuotedWhole(joined.split(' ').filter(Boolean));
  // "could you make it internal?" is a request; "is it internal?" and "show me …" are questions
  const request = howTo || doItForMe || before !== joined || /\b(?:can|could|would|will) (?:you|u)\b|\b(?:please|pls|plz|kindly)\b|\bgo ahead\b/.test(raw.toLowerCase());
  const imperativeNot = /^(?:do|does|did)$/.test(tokens[0] ?? '') && tokens[1] === 'not';
  // "how do I check whether X is public" is still a question about X; "how do I make X public" is not
  // ("do zero trust for X" is an order; "do we have …", "do the pods …" ask)
  const imperativeDo = tokens[0] === 'do' && !/^(?:i|we|you|u|they|it|he|she|the|our|my|any|all|these|those|this|that|pods?|services?|workloads?|namespaces?|clusters?)$/.test(tokens[1] ?? '');
  const asks = QUESTION_START.has(tokens[0] ?? '') && !imperativeNot && !imperativeDo;
  const question = howTo ? asks : asks || (endsWithQuestion && !request);
  const hypothetical = HYPOTHETICAL.test(t) || (endsWithQuestion && CONDITIONAL_CHANGE_QUESTION.test(t));
  const advice = ADVICE.test(joined) || ADVICE.test(t);
  return { text: joined, tokens, question: question || hypothetical || advice, request, negated, howTo, hypothetical, conditional: conditional && !hypothetical, advice, wantsToKnow: WANTS_TO_KNOW.test(t), asksEffect: ASKS_EFFECT.test(t) };
}

/** A quoted value split at its spaces ('"0', '7', '*', '*', '1-5"') is one token again (a cron expression). */
function keepQuotedWhole(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const end = tokens[i].startsWith('"') && !/^".*"$/.test(tokens[i]) ? tokens.findIndex((t, j) => j > i && t.endsWith('"')) : -1;
    if (end < 0) out.push(tokens[i]);
    else {
      out.push(tokens.slice(i, end + 1).join(' '));
      i = end;
    }
  }
  return out;
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
