import { tagEntities } from './entities.js';
import { normaliseText } from './normalise.js';
import type { Snapshot, Understanding } from './types.js';

/**
 * Round 13d: lines that are not about the clusters, social lines with context, and a learner's "what is X and …?".
 * Each rule is a class of phrasing (a construction or a family of words), never one sentence.
 */

/** Things of the office and of life that no cluster has: personal IT, HR, events, school, food. */
const LIFE_THINGS = new RegExp(
  String.raw`\b(?:laptops?|desktops?|my (?:pc|mac|phone)|phones?|vpn|outlook|printers?|wi-?fi|keyboards?|headsets?|webcams?|` +
    String.raw`pto|vacations?|holidays?|time off|timesheets?|expenses?|payroll|salary|birthdays?|farewell|anniversary|` +
    String.raw`offsites?|off-sites?|team (?:event|building|lunch|dinner)|parties|party|dinner|lunch|cafeteria|canteen|coffee|parking|` +
    String.raw`pull requests?|merge requests?|my pr|code review|blog(?: posts?)?|newsletter|homework|school|daughters?|sons?|kids?|children|sick|out of (?:the )?office|ooo|days? off|mom|mum|dad|wife|husband|my (?:user )?account|passwords?|my order|amazon|deliver(?:y|ies)|parcels?|volcano(?:es)?|weather|recipe)\b`,
  'i',
);

/**
 * Words that make a line ours even beside one of the life things ("my laptop can't reach the api server, allowlist
 * my ip"): the clusters and what Palisade reads or changes on them. ("security" alone is not one: "security blog
 * posts" are not ours.)
 */
const OUR_WORDS =
  /\b(?:clusters?|aks|k8s|kubernetes|kubectl|allow-?list(?:ed|ing)?|white-?list(?:ed|ing)?|ips?|ip address|ranges?|api ?server|control plane|defender|threat protection|polic(?:y|ies)|netpols?|namespaces?|services?|expos(?:ed|ure)|public|internal|private|zero[- ]trust|digests?|summar(?:y|ies)|posture|score|audit|trend|vulnerabilit(?:y|ies)|vulns?|cves?|images?|pods?|network|traffic|reach|ports?|firewall|load ?balancer|lb|ingress|egress|approvals?|palisade|restrict(?:ed|ion)?|unrestrict(?:ed)?|lock(?:ed|ing)? (?:it |them )?down|allow(?:ed|s|ing)?|block(?:ed|ing)?|deny|open(?:ed)? up|expose)\b/i;

/** What Palisade itself reads or changes, for a definition ("what a pod is" is Kubernetes, not ours to teach). */
const OUR_CONCEPTS =
  /\b(?:allow-?list|white-?list|ip ranges?|authori[sz]ed ranges?|api ?server|control plane|defender|threat protection|network polic(?:y|ies)|netpols?|expos(?:ed|ure)|private cluster|zero[- ]trust|digests?|posture|score|audit|trend|vulnerabilit(?:y|ies)|approvals?|palisade)\b/i;

/** Values a request of ours would name: a cluster, a workload, a namespace, an address. */
const TARGETS = new Set(['CLUSTER', 'NAME', 'NS', 'ADDR', 'GUID']);

function namesTarget(text: string, snap: Snapshot, vocabulary: ReadonlySet<string>): boolean {
  return tagEntities(normaliseText(text).tokens, snap, vocabulary).entities.some((e) => TARGETS.has(e.type));
}

/** A line that opens with a greeting or a thank-you. */
const OPENS_SOCIALLY = /^\W*(?:hey|hi|hello|hallo|hiya|howdy|yo|morning|evening|afternoon|good (?:morning|afternoon|evening|day)|thx|thanks|thank you|thank u|ty|cheers)\b/i;

const NOT_OURS_REPLY = "That isn't something I can help with: I look after the network security of your AKS clusters. Say `help` to see what I can do.";

/**
 * "fix my vpn", "restart my laptop", "approve my PTO for friday", "ideas for the offsite", "the cafeteria", "review
 * my PR": a line about a thing of the office or of life, that names nothing of ours (no cluster, workload, namespace
 * or address, none of our words), is not ours, whatever ordinary word it shared with an example ("approve", "fix").
 */
export function lifeThingAsked(typed: string, u: Understanding, snap: Snapshot, vocabulary: ReadonlySet<string>): Understanding {
  if (u.kind === 'lost' || typeof typed !== 'string') return u;
  // (a greeting or a thank-you may say what the day is like: "Morning! just got my coffee")
  if (u.kind === 'sure' && (u.intent === 'greet' || u.intent === 'thanks') && OPENS_SOCIALLY.test(typed)) return u;
  if (!LIFE_THINGS.test(typed) || OUR_WORDS.test(typed) || namesTarget(typed, snap, vocabulary)) return u;
  return { kind: 'lost', reply: NOT_OURS_REPLY, suggestions: [], score: u.score };
}

/** "what's the difference between A and B (again)?", "explain the differences between A and B": a concept compared. */
const DIFFERENCE = /^\s*(?:(?:so|ok|okay|hey|hi|quick question|sorry|um|uh)[,:!.]?\s+)*(?:(?:can|could|would) you\s+)?(?:please\s+)?(?:what(?:'s| is| are)|whats|explain|tell me|describe)\s+(?:to me\s+)?(?:again\s+)?(?:the\s+)?(?:main\s+|key\s+|real\s+|actual\s+)?differences?\s+between\s+[^?.!]+?\s+and\s+[^?.!]+?(?:\s+again)?\s*[?.!]*\s*$/i;

/**
 * "can you explain what a pod is? sorry", "explain what an ingress is, I'm new to kubernetes": what a thing is, asked
 * with an indefinite article, with at most an apology or a newcomer's note after it.
 */
const WHAT_A_THING_IS = /^\s*(?:(?:so|ok|okay|hey|hi|sorry|um|uh)[,:!.]?\s+)*(?:(?:can|could|would) you\s+)?(?:please\s+)?(?:explain|tell me|describe)\s+(?:to me\s+)?what\s+(an?\s+[^?.!,]+?)\s+(?:is|are|means|does)\s*[?.!,]*\s*(?:(?:sorry|thanks|thx|thank you|i'?m new[^?.!]*|i am new[^?.!]*|new here|first day[^?.!]*)\s*[?.!]*\s*)?$/i;

/**
 * Two products or tools weighed against each other ("what's better, A or B?", "A vs B?", "A > B lol"): an opinion
 * asked for, one word each side.
 */
const WEIGHED = [
  /^\s*(?:which|what)(?:'s| is| one is|s)?\s+(?:better|best|faster|nicer|cheaper|safer|easier|more secure)\s*[,:]?\s*(?:for [^,?]+[,:]?\s*)?[\w.+#-]+\s+or\s+[\w.+#-]+\s*[?!.]*\s*$/i,
  /^\s*[\w.+#-]+\s*(?:>|<|vs\.?|versus)\s*[\w.+#-]+(?:\s+(?:lol|imo|tbh|fight|anyone|\?))*\s*[?!.]*\s*$/i,
];

/** A translation asked for ("translate good morning to german", "how do you say thanks in french?"). */
const TRANSLATION = /^\s*(?:(?:can|could|would) you\s+)?(?:please\s+)?(?:translate\s+.+?\s+(?:in)?to|how (?:do|would) (?:you|i|we) say\s+.+?\s+in|what(?:'s| is) .+? in)\s+(?:german|french|spanish|dutch|italian|portuguese|polish|japanese|chinese|korean|hindi|arabic|russian|turkish|swedish|english)\s*[?!.]*\s*$/i;

/**
 * A concept compared or defined ("what's the difference between a network policy and an NSG?", "explain what a pod
 * is") asks for teaching, never a read of the user's cluster: lost (the words of a comparison name two of our things
 * and would read one of them). Not when a target is named ("the difference between the ranges on A and B").
 */
export function conceptAsked(typed: string, u: Understanding, snap: Snapshot, vocabulary: ReadonlySet<string>): Understanding {
  if (u.kind === 'lost' || typeof typed !== 'string') return u;
  const defined = WHAT_A_THING_IS.exec(typed);
  const asked = DIFFERENCE.test(typed) || (defined && !OUR_CONCEPTS.test(defined[1])) || WEIGHED.some((re) => re.test(typed)) || TRANSLATION.test(typed);
  if (!asked || namesTarget(typed, snap, vocabulary)) return u;
  return { kind: 'lost', reply: "I can't teach that here: I read and change your clusters' network security. Say `help` to see what I can do.", suggestions: [], score: u.score };
}

/**
 * A learner's "what is X and can you apply it to Y?", "what is X and is it on?", "what does 'X' mean? show me …":
 * the definition asked first is no request; the request after it is what counts, with "it" standing for X. (A request
 * with no "it" is taken as it is only when it starts with a verb that asks to be shown something.)
 */
const DEFINED_THEN_ASKED =
  /^\s*(?:(?:so|ok|okay|hey|hi|sorry|um|uh)[,:!.]?\s+)*(?:what(?:'s| is| are)|whats)\s+(?!the\b|a\b|an\b|my\b|our\b|your\b|it\b|this\b|that\b|there\b|going\b|happening\b|exposed\b|public\b|new\b|wrong\b|allowed\b)([^?.!,;]{2,40}?)(?:\s+(?:exactly|actually|again))?(?:\s*[?.!,;]+\s*(?:and\s+)?|\s+and\s+)(.+)$/i;
const DEFINED_BY_MEANING = /^\s*(?:(?:so|ok|okay|hey|hi|sorry|um|uh)[,:!.]?\s+)*what does\s+['"‘’“”]?([^?.!,;'"‘’“”]{2,40}?)['"‘’“”]?\s+(?:mean|stand for)(?:\s+(?:exactly|actually|again))?\s*[?.!,;]+\s*(.+)$/i;
const ASK_OPENS = /^(?:and\s+)?(?:can|could|would|will|is|are|do|does|did|have|has|please|pls)\b/i;
const SHOW_OPENS = /^(?:and\s+)?(?:please\s+)?(?:show|list|check|tell|give)\b/i;

export function definedThenAsked(raw: string): string {
  const m = DEFINED_THEN_ASKED.exec(raw) ?? DEFINED_BY_MEANING.exec(raw);
  if (!m) return raw;
  const [, thing, rest] = m;
  // (a definition's subject is a bare thing: "what is X's exposure and …", "what is on X and …" ask about a target)
  if (/\b(?:on|in|for|of|at|with|from|to)\b|'s\b/i.test(thing)) return raw;
  if (/\b(?:it|they|them)\b/i.test(rest) && ASK_OPENS.test(rest)) return rest.replace(/\b(?:it|they|them)\b/i, thing.trim());
  if (SHOW_OPENS.test(rest)) return rest;
  return raw;
}

/** Praise said with a thank-you ("Excellent work, thank you.", "great job, thanks!", "well done, cheers"). */
const PRAISE_THANKS = /^(?:(?:really|truly)\s+)?(?:(?:excellent|great|nice|good|amazing|awesome|fantastic|brilliant|superb|outstanding|solid|stellar|lovely)\s+(?:work|job|stuff|effort|help)|well done|nicely done|good (?:catch|call))(?:\s+(?:there|today|as always|again))?[\s,.!—-]+(?:(?:and\s+)?(?:thx|thanks|thank you|thank u|cheers|ty|much appreciated))\b(?:\s+(?:so|very) much|\s+a lot|\s+again)?[\s,.!]*$/i;

/** A thank-you and a sign-off ("thanks. done for today", "thanks, that's all for now", "cheers, signing off"). */
const THANKS_SIGN_OFF = /^(?:thx|thanks|thank you|thank u|cheers|ty)(?:\s+(?:so|very) much|\s+a lot|\s+again)?[\s,.!—-]+(?:i'?m |we'?re |i am |we are )?(?:(?:all\s+)?done(?: here)?(?: for (?:today|now|the day|tonight))?|that'?s (?:all|it)(?: for (?:today|now))?|signing off|calling it a day|off for (?:today|the day|now)|have a (?:good|nice|great) (?:one|day|evening|night|weekend)|see (?:you|ya) (?:tomorrow|later|soon|monday)|bye|good ?night)[\s,.!]*$/i;

/**
 * "That fixed the timeout we were chasing all morning, thank you.": a report that it worked, whatever it fixed, then a
 * thank-you (no question, nothing more asked in it).
 */
const FIXED_THEN_THANKS = /^(?:(?:great|perfect|amazing|awesome|nice|cool|brilliant|super|excellent|lovely|ok|okay|wow|yes)[\s,.!]+)*(?:that|it|this|the change|your change|the fix)(?: (?:has|have|totally|really|finally|just))? (?:fixed|solved|sorted(?: out)?|resolved|cleared|unblocked)\b(?![^?]*\b(?:can|could|would|will) (?:you|u)\b)(?![^?]*\b(?:please|pls|also|now|next|then|but|not|make|add|remove|allow|restrict|disable|enable|turn|set|show|check|list|give|send)\b)[^?.;!]{1,100}?[\s,.!—-]+(?:thx|thanks|thank you|thank u|cheers|ty)\b(?: (?:so|very) much| a lot| a ton| again| loads)?[\s,.!]*$/i;

/**
 * "hi! I'm following the AKS network security workshop", "hello, we're doing the lab today": a greeting and what the
 * writer is doing (a workshop, a lab, a course), with nothing asked, is a greeting, even when the words name the
 * workshop's cluster.
 */
const GREETING_WITH_CONTEXT = /^(?:hey|hi|hello|hallo|hiya|howdy|morning|good (?:morning|afternoon|evening))(?:\s+(?:there|all|everyone|palisade|team))?[\s,.!—-]+(?:i'?m|i am|we'?re|we are)\s+(?:currently\s+|just\s+|now\s+)?(?:following|doing|taking|attending|starting|working through|going through|in|on)\s+(?:the|a|an|this|our|today'?s)\s+(?![^?]*\b(?:please|pls|can|could|would|need|want|make|add|remove|allow|restrict|disable|enable|show|check|list|give|send)\b)[^?.,;!]{0,60}?\b(?:workshop|lab|course|training|tutorial|class|session|bootcamp)(?:\s+(?:today|this week|right now|now))?[\s,.!]*$/i;

/** Social lines with context: thanks (praise, a sign-off, a report that it worked) or a greeting. */
export function socialWithContext(raw: string): Understanding | undefined {
  const said = raw.trim();
  if (PRAISE_THANKS.test(said) || THANKS_SIGN_OFF.test(said) || FIXED_THEN_THANKS.test(said)) return { kind: 'sure', command: 'thanks', intent: 'thanks', score: 1 };
  if (GREETING_WITH_CONTEXT.test(said)) return { kind: 'sure', command: 'hello', intent: 'greet', score: 1 };
  return undefined;
}
