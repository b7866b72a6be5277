import { type Command, type CommandKind, format, parse, SPECS, specOf } from '../commands/grammar.js';
import { helpSections } from '../commands/help.js';
import { MAX_COMMAND_LENGTH, normalize } from '../commands/normalize.js';
import type { Entity } from './entities.js';
import { ENTITY_TYPES, tagEntities } from './entities.js';
import { quoted } from '../text/markdown.js';
import { fillTemplate, type Filled } from './fill.js';
import { loadIntents, type IntentSpec } from './intents.js';
import { isFiller, normaliseText, orderOf } from './normalise.js';
import { features, fillPlaceholders, type Ranked, reverses, Scorer } from './scorer.js';
import { loadScorerSnapshot } from './scorerSnapshot.js';
import type { Choice, Snapshot, Understanding } from './types.js';
import { own } from '../text/own.js';
import { fromToolSyntax, toolTargets } from './toolSyntax.js';
import { clauseViews, saidAsBroken, saysWhenItHappened, type View } from './clauses.js';
import { isClusterWord, resolveCluster, unknownClusterAsk, unknownServiceAsk } from './exactChecks.js';
import { checkTargets } from './targets.js';
import { withSubscriptionScope } from './subscriptionScope.js';
import { removalWordsChecked } from './removalWords.js';
import { helpFor } from './howTo.js';
import { invalidAddressReply } from './addressCheck.js';
import { undictate } from './dictation.js';
import { askAroundPaste, ordersSomething, pastedToolTargets, readPasted } from './pasted.js';
import { apiServerDoubt, onlyTheseDoubt } from './apiServerScope.js';
import { exposureOfApiServer } from './apiServerRead.js';
import { dryRunAsk, withoutDryRun } from './dryRun.js';
import { withoutChatNoise } from './chatNoise.js';
import { severalTargetsAsked } from './severalTargets.js';
import { metOnlyOnWhen } from './offTopic.js';
import { labCleanupAsked, withoutOwnCluster } from './learner.js';
import { conceptAsked, definedThenAsked, lifeThingAsked, socialWithContext } from './notOurs.js';
import { asksAbilities } from './abilities.js';
import { rangesOfWords } from './fastPathRanges.js';
import { grammarText } from './approximateSyntax.js';
import { withoutTimeWordCluster } from './timeWordCluster.js';
import { laterAsked } from './later.js';
import { takenBack } from './retracted.js';
import { changeInDoubt } from './changeInDoubt.js';
import { withoutAsides } from './asideHedges.js';
import { periodSetsTheScene } from './periodContext.js';
import { comparedClusterAsked } from './comparedCluster.js';
import { oldAndNewAsked, replacementOnly } from './oldAndNew.js';
import { oppositeWordsAsked } from './oppositeWords.js';
import { unknownNameAsked } from './unknownName.js';
import { alreadySoAsked, stateSaidAsked } from './stateSaid.js';
import { withoutListMarker } from './listMarker.js';
import { withShorthandSpelled } from './shorthand.js';
import { pastEventAsked } from './pastEvent.js';
import { pastChangeAsked } from './pastChangeAsked.js';
import { objectDeletionRefused } from './deletesObject.js';
import { digestOffRead, digestScheduleRead } from './digestPlain.js';
import { useClusterRead } from './useClusterPlain.js';
import { clusterOverviewRead } from './clusterOverview.js';
import { REPORT_THEN_THANKS } from './casualPhrases.js';
import { flowEndsAgree, looseMatchesNamed, withNicknamesResolved } from './nicknames.js';
import { internetAsked } from './internetAsked.js';
import { withoutRestatedPurpose } from './restated.js';
import { howToThenAsked } from './howToDone.js';
import { asChoice, whichOneAsked } from './whichOne.js';
import { mentionedOnly } from './mentioned.js';
import { vagueDurationAsked } from './vagueDuration.js';
import { alternativesAsked } from './alternatives.js';
import { guardedRead } from './changeGuard.js';
import { twoReadsAsked } from './twoReads.js';
import { withoutTicketRef } from './ticketRef.js';
import { finalRequestRead } from './finalRequest.js';
import { oppositeSideUnsaid } from './sideSaid.js';

/** A reading that leaves out a value the message gave loses this much. */
const UNUSED_PENALTY = Number(process.env.NLU_UNUSED ?? 0.25);
/** A reading that lacks a value it needs loses this much against complete readings. */
const MISSING_PENALTY = Number(process.env.NLU_MISSING ?? 0.15);
/** Below this best-example similarity nothing is close enough: "I don't know". */
export const LOST_BELOW = Number(process.env.NLU_LOST ?? 0.4);
/** Advice asked about a change is answered (with its state) from this close to an example. */
const ADVICE_AT_LEAST = 0.25;
/** A change that opens access, asked for with no value named, is offered only from this close to an example. */
const OPENER_ASK_AT_LEAST = 0.52;
/** Two readings closer than this are both offered. */
export const ASK_WITHIN = 0.05;
/** A change runs only when its reading is at least this close to an example… */
export const WRITE_AT_LEAST = 0.42;
/** …and this much ahead of any other reading. */
export const WRITE_AHEAD_BY = Number(process.env.NLU_AHEAD ?? 0.12);
/** A change's best example may carry at most this share of its meaning in words the message does not use. */
export const UNCOVERED_AT_MOST = Number(process.env.NLU_UNCOV ?? 0.4);
const CONFLICT_DOUBT = process.env.NLU_CONFLICT === '1';
const SLOTLESS_UNCOVERED_AT_MOST = Number(process.env.NLU_SLOTLESS ?? 0.15);
/** …and this much ahead of any other change. */
export const WRITE_RIVAL_WITHIN = Number(process.env.NLU_RIVAL ?? 0.25);

/** A clause is read instead of the whole message only when it scores this much better. */
const CLAUSE_BETTER_BY = Number(process.env.NLU_CLAUSE ?? 0.05);

const SOCIAL = new Set<CommandKind>(['greet', 'thanks']);
/** A verb in the past: the clause tells what happened ("making X internal broke the demo"). */
const PAST_TENSE = /^(?:\w{3,}ed|broke|made|went|came|did|was|were|had|got|took|left|began|ran|stopped|happened)$/;

interface Candidate {
  ranked: Ranked;
  filled: Filled;
  command?: Command;
  canonical?: string;
  /** The score less a little for each value of the message this reading leaves out. */
  adjusted: number;
  unused: Entity[];
}

/** Values that change what a command does: a reading that ignores one of them is probably the wrong reading. */
const MEANINGFUL = new Set(['NAME', 'ADDR', 'MYIP', 'NS', 'IMAGE', 'SINCE', 'TIME', 'DAY', 'SEV', 'PORT', 'PROTO', 'DUR', 'CRON', 'FIXABLE', 'RUNNING', 'GUID', 'MONTHDAY', 'TZ', 'FORCE', 'SUBNET']);

/** Values a command acts on (not where or when it does). */
const TARGET_VALUES = new Set(['NAME', 'NS', 'ADDR', 'MYIP', 'IMAGE']);
/** Commands about the clusters themselves (which one, which there are): a workload or an address is no value of theirs. */
const CLUSTER_ONLY = new Set<CommandKind>(['useCluster', 'clusters']);

let scorer: Scorer | undefined;
const kindOfIntent = new Map<string, CommandKind>();

/** The scorer over every intent's examples, built once. */
export function getScorer(): Scorer {
  if (!scorer) {
    // the production build's snapshot of the same examples when there is one (see scorerSnapshot.ts)
    scorer = loadScorerSnapshot() ?? new Scorer(loadIntents());
    for (const it of scorer.intents) {
      const r = parse(fillPlaceholders(it.command.replace(/[[\]]/g, '')));
      if (!r.ok) throw new Error(`intent ${it.intent}: its command template does not parse: ${r.reply}`);
      kindOfIntent.set(it.intent, r.command.kind);
      // a command whose spec plans a change is a change, whatever its example file says
      if (specOf(r.command.kind).proposesChange) it.write = true;
    }
  }
  return scorer;
}

/** Command kinds that change something (any intent marked `write`). */
export function writeKinds(): Set<CommandKind> {
  return new Set(getScorer().intents.filter((i) => i.write).map(kindOf));
}

export function kindOf(intent: IntentSpec): CommandKind {
  getScorer();
  return kindOfIntent.get(intent.intent)!;
}

/** Filled templates repeat across messages; some parse slowly (cron expressions), so recent ones are kept. */
const parsed = new Map<string, ReturnType<typeof parse>>();
function parseCached(text: string): ReturnType<typeof parse> {
  let r = parsed.get(text);
  if (!r) {
    r = parse(text);
    if (parsed.size > 500) parsed.delete(parsed.keys().next().value!);
    parsed.set(text, r);
  }
  return r;
}

/** The message's values a filled template used (a value made of others, "ns/name", uses those). */
function usedEntities(filled: Filled): Set<Entity> {
  const used = [...filled.used.values()].flat();
  return new Set([...used, ...used.flatMap((e) => e.parts ?? [])]);
}

/** Slots that take a day or a period, or a protocol: a reading without one has no use for such a value. */
const TIME_SLOT = /\{(?:since|day|dow|cron|span|monthday)\}/;
const FLOW_SLOT = /\{(?:portspec|flowproto)\}/;

/**
 * A value that only sets the scene for this reading: a time said before the request ("it broke last week, could you
 * …") when the reading takes no time, or a protocol when it takes no port ("dial tcp …: i/o timeout — allow my ip").
 */
function saysOnlyContext(e: Entity, template: string, write = false): boolean {
  if (e.type === 'PROTO') return !FLOW_SLOT.test(template);
  // (round 12b: "today" beside a change is when to act, now: no change takes a period; a change that takes a length
  // never reads it so, "allowlist my ip for today" is no entry for ever)
  if (write && e.type === 'SINCE' && /^today$/i.test(e.value) && !/\{duration\}/.test(template)) return true;
  return Boolean(e.context) && !TIME_SLOT.test(template);
}

function candidate(r: Ranked, entities: Entity[]): Candidate {
  const filled = fillTemplate(r.intent.command, entities);
  const usedSet = usedEntities(filled);
  const literalMyIp = /\bmy ip\b/.test(filled.text);
  // the same value said twice ("force it even with the warnings") is one value
  const usedValues = new Set([...usedSet].map((e) => `${e.type} ${e.value}`));
  // a period beside a length the reading uses ("this week … for the next 3 days") is when, not a second value
  const usesLength = [...usedSet].some((e) => e.type === 'DUR');
  const unused = entities.filter((e) => !usedSet.has(e) && MEANINGFUL.has(e.type) && !(e.type === 'MYIP' && literalMyIp) && !usedValues.has(`${e.type} ${e.value}`) && !(e.type === 'SINCE' && usesLength) && !saysOnlyContext(e, r.intent.command, r.intent.write));
  const base = { ranked: r, filled, unused, adjusted: r.score - UNUSED_PENALTY * unused.length - MISSING_PENALTY * filled.missing.length };
  if (filled.missing.length) return base;
  const p = parseCached(filled.text);
  if (!p.ok || p.command.kind !== kindOf(r.intent)) return base;
  return { ...base, command: p.command, canonical: format(p.command) };
}

/** Words the grammar can take for a value although they never are one ("make it internal", "allowlist an ip"). */
/** Words that stand for a target without naming it. */
const STAND_IN = /^(?:it|this|that|them|these|those|everything|everyone|all|something|anything|one)$/i;
const NOT_A_VALUE = new Set(['it', 'this', 'that', 'them', 'these', 'those', 'me', 'my', 'ip', 'an', 'a', 'the', 'one', 'something', 'everything', 'all', 'service', 'svc', 'address', 'range', 'ranges', 'cluster', 'namespace', 'internet']);

/** Far longer than any request people type (the longest of ~3,000 written ones is ~350 characters); the step's cost grows with the square of the length. */
const LONGEST_READ = 4000;

/**
 * The whole step: the exact grammar first (unchanged: its commands run as before, and its handlers explain unknown
 * names), then the reading of free text. The grammar's reading is passed to the understanding step only when a
 * value it took is plainly not a value ("make it internal", "status on prod"), and a name that lives only on
 * another cluster is offered there.
 */
export function read(said: string, snap: Snapshot): Understanding {
  if (typeof said === 'string' && said.length > LONGEST_READ) {
    // (the grammar's own answer to a message that long, "commands are short")
    const exact = parse(said);
    if (!exact.ok) return { kind: 'lost', reply: exact.reply, suggestions: exact.suggestions.map((command) => ({ title: command, command })), score: 0 };
  }
  // dictated text ("make ratings web internal", "port four forty three") as a keyboard would have typed it
  // (round 12b: an aside that hedges the request's wording or a detail is no question about it)
  // (round 13b: a ticket or work-item id before or after the request only files it: "INC0042410: …", "… (ref AB#44)")
  // (round 13d: a learner's "what is X and can you apply it to Y?": the request after the definition is what counts)
  // (and "on my cluster" is the conversation's; "I finished the lab, how do I remove X?" asks for the clean-up)
  const typed = typeof said === 'string' ? labCleanupAsked(withoutOwnCluster(definedThenAsked(readPasted(withoutAsides(undictate(withoutTicketRef(withoutListMarker(withShorthandSpelled(said)), snap.clusters), snap, getScorer().vocabulary)))))) : said;
  // (round 13d: thanks with praise, a sign-off or what it fixed; a greeting with what the writer is doing)
  const social = typeof typed === 'string' ? socialWithContext(withoutChatNoise(typed)) : undefined;
  if (social) return social;
  const raw = typeof typed === 'string' ? grammarText(fromToolSyntax(typed), snap) : typed;
  // names the grammar took as typed keep their handlers' precise answers ("no namespace ratingsap… did you mean")
  // (round 12a: "…; do not modify anything" forbids every change: the question beside it is answered when it is a read)
  // the checks of a reading, each given the reading so far (a new one is a line here; the order matters)
  const vocabulary = getScorer().vocabulary;
  const checks: Array<(u: Understanding) => Understanding> = [
    (u) => withSubscriptionScope(typed, u, snap),
    (u) => withRealTargets(u, snap, parse(raw).ok),
    (u) => severalTargetsAsked(typed, u, snap),
    (u) => laterAsked(typed, u),
    (u) => takenBack(typed, u),
    (u) => mentionedOnly(typed, u),
    (u) => stateSaidAsked(typed, u),
    (u) => alreadySoAsked(typed, u),
    (u) => pastEventAsked(typed, u),
    (u) => comparedClusterAsked(typed, u, snap),
    (u) => oldAndNewAsked(typed, u),
    (u) => replacementOnly(typed, u),
    (u) => oppositeWordsAsked(typed, u),
    (u) => unknownNameAsked(typed, u, snap),
    (u) => changeInDoubt(typed, u),
    (u) => vagueDurationAsked(typed, u),
    (u) => alternativesAsked(typed, u),
    (u) => flagTargetsKept(typed, u),
    (u) => removalWordsChecked(typed, u),
    (u) => pastedLineAskedAbout(typed, raw, u),
    (u) => changeAskedAbout(typed, u),
    (u) => pasteOrdered(said, u),
    (u) => imperativeAsked(typed, snap, u),
    (u) => objectDeletionRefused(typed, u),
    (u) => digestScheduleRead(typed, snap, vocabulary, u),
    (u) => digestOffRead(typed, snap, vocabulary, u),
    (u) => useClusterRead(typed, snap, vocabulary, u),
    (u) => clusterOverviewRead(typed, snap, vocabulary, u),
    (u) => pastChangeAsked(typed, u),
    // (round 13d: a thing of the office or of life, a concept compared or defined: not ours)
    (u) => lifeThingAsked(typed, u, snap, vocabulary),
    (u) => conceptAsked(typed, u, snap, vocabulary),
  ];
  const whole = checks.reduce((reading, check) => check(reading), readWords(typed, snap));
  // (round 13b: the one request at the end of a message, after a retraction, a choice, background or a handover note)
  const u = finalRequestRead(typed, whole, snap, vocabulary, (part) => read(part, snap));
  return twoReadsAsked(typed, guardedRead(typed, u, (rest) => read(rest, snap)), (part) => read(part, snap));
}

/**
 * Round 10b: a short order said with a question mark ("disable ranges?") asks whether to do it: the change it names is
 * offered beside the read, never run, and never read as the read alone.
 */
function proposesChangeText(command: string): boolean {
  const p = parseCached(command);
  return p.ok && specOf(p.command.kind).proposesChange === true;
}

function imperativeAsked(typed: string, snap: Snapshot, u: Understanding): Understanding {
  if (u.kind !== 'sure' || typeof typed !== 'string' || !/^\s*(?:disable|enable|remove|turn (?:off|on)|switch (?:off|on)|restrict|unrestrict|allowlist|make|allow|set|zero[- ]?trust)\b(?:[^?.!,;]|[.,](?=\d)){0,60}\?\s*$/i.test(typed)) return u;
  const first = parseCached(u.command);
  if (!first.ok) return u;
  // (round 11: an exact change with a question mark, "enable defender?", is asked the same way: one button, never planned)
  if (specOf(first.command.kind).proposesChange)
    return parseCached(typed.replace(/\?\s*$/, '')).ok ? { kind: 'ask', question: `Do you want \`${u.command}\`?`, detail: 'You asked it as a question, so I changed nothing. Pick it to see the plan; you still approve it.', options: [{ title: u.command, command: u.command }], intent: u.intent, score: u.score } : u;
  const order = read(typed.replace(/\?\s*$/, ''), snap);
  // (the order alone may itself be asked about, "disable ranges": its buttons, then the read)
  if (order.kind === 'ask' && order.options.some((o) => proposesChangeText(o.command))) return { ...order, question: 'You asked it as a question, so I changed nothing. Which do you mean?', options: [...order.options.slice(0, 3), { title: u.command, command: u.command }] };
  if (order.kind !== 'sure') return u;
  const p = parseCached(order.command);
  if (!p.ok || !specOf(p.command.kind).proposesChange) return u;
  return { kind: 'ask', question: `Do you want \`${order.command}\`?`, detail: 'You asked it as a question, so I changed nothing. Pick the change to see its plan (you still approve it), or the current state.', options: [{ title: order.command, command: order.command }, { title: u.command, command: u.command }], intent: order.intent, score: order.score };
}

/** Round 10a: a pasted manifest becomes a change only when the words around it ask for one; else it is offered. */
function pasteOrdered(said: string, u: Understanding): Understanding {
  if (u.kind !== 'sure' || typeof said !== 'string') return u;
  const p = parseCached(u.command);
  if (!p.ok || !specOf(p.command.kind).proposesChange) return u;
  // (a pasted line's own targets, `-n`/`--context`/`--subscription`, are named by the change, or it is not run elsewhere)
  const missed = pastedToolTargets(said).filter((t) => !JSON.stringify(p.command).toLowerCase().includes(t.toLowerCase()));
  if (missed.length) return { kind: 'ask', question: `Your paste names ${missed.join(', ')}, which \`${u.command}\` would not use.`, detail: `Usage: ${specOf(p.command.kind).usage}`, options: [], intent: u.intent, score: u.score };
  const around = askAroundPaste(said);
  if (around === undefined || ordersSomething(around)) return u;
  return { kind: 'ask', question: `Do you want \`${u.command}\`?`, detail: 'You pasted that without asking for it, so I changed nothing. Pick it to see the plan; you still approve it.', options: [{ title: u.command, command: u.command }], intent: u.intent, score: u.score };
}

/**
 * Round 9a: "make X public, right?", "zero-trust X, would the ingress still work?": an order followed by a question
 * about it asks about the change; it is offered as one button, never planned as said.
 */
function changeAskedAbout(typed: string, u: Understanding): Understanding {
  if (u.kind !== 'sure' || typeof typed !== 'string') return u;
  const p = parseCached(u.command);
  if (!p.ok || !specOf(p.command.kind).proposesChange) return u;
  // (round 13: "disable X would this lock us out", asked with no mark at all: a question about the change after it)
  if (!typed.includes('?')) {
    if (!/\S\s+(?:would|will|could|might|does|should|is) (?:this|that|it) (?!be (?:great|nice|good|helpful|appreciated|possible|ok|okay|alright|fine|doable)\b)[a-z]+\b[^,.;!]*$/i.test(typed)) return u;
    return { kind: 'ask', question: `Do you want \`${u.command}\`?`, detail: 'You asked about that change, so I changed nothing. Pick it to see the plan (what it would change); you still approve it.', options: [{ title: u.command, command: u.command }], intent: u.intent, score: u.score };
  }
  // the question: the last sentence when there are several, else what follows the last comma of the one sentence
  const sentences = typed.trim().split(/(?<=[.!;])\s+|\s+[—–-]\s+/).filter(Boolean);
  const segments = sentences[sentences.length - 1].split(/,\s+/);
  const question = sentences.length > 1 ? sentences[sentences.length - 1] : segments.length > 1 ? segments[segments.length - 1] : undefined;
  if (!question || !/[a-z]{2}/i.test(question.replace(/\d[\d.:/]*/g, ''))) return u;
  // (not a continuation, "…, into the prod API for 12 hours?", nor one after an address said in passing, "…, 203.0.113.0/25, can reach it?")
  if (sentences.length === 1 && (/^(?:into|in|to|onto|on|for|from|with|within|inside|across|via|through|at|until|till|by|so|and)\b/i.test(question) || !/[a-z]{2}/i.test(segments[segments.length - 2].replace(/\d[\d.:/]*/g, '')))) return u;
  // (nor a request put as a question: "is that something you can do for me?")
  // (nor the request itself, said anywhere in it: "…broke checkout, can we remove it again?")
  if (/\b(?:you|u) (?:can|could) do\b|\bsomething (?:you|u) (?:can|could)\b|\b(?:can|could|would|will|shall|might|may) (?:you|u|we)\b(?! still\b)|\bplease\b/i.test(question)) return u;
  const n = normaliseText(question);
  if (n.request || !n.question) return u;
  return { kind: 'ask', question: `Do you want \`${u.command}\`?`, detail: 'You asked about that change, so I changed nothing. Pick it to see the plan (what it would change); you still approve it.', options: [{ title: u.command, command: u.command }], intent: u.intent, score: u.score };
}

/**
 * "az aks update … --api-server-authorized-ip-ranges 0.0.0.0/0 ?? would that open it up": a pasted change with a
 * question or a "what if" around it asks about the change; it is offered as one button, never planned as typed.
 */
function pastedLineAskedAbout(typed: string, plain: string, u: Understanding): Understanding {
  if (u.kind !== 'sure' || typeof typed !== 'string' || plain === typed) return u;
  const p = parseCached(u.command);
  if (!p.ok || !specOf(p.command.kind).proposesChange) return u;
  const words = normaliseText(typed.replace(/(["'])[^"']*\1/g, ' '));
  if (!words.question && !words.hypothetical && !words.negated && !/\?|\b(?:would|will|could|does|is|should|can) (?:this|that|it)\b/i.test(typed)) return u;
  return { kind: 'ask', question: `Do you want \`${u.command}\`?`, detail: 'You pasted that change with a question, so I changed nothing. Pick it to see the plan; you still approve it.', options: [{ title: u.command, command: u.command }], intent: u.intent, score: u.score };
}

/** A change read from a pasted line names every target its flags name, or it is not run on another one. */
function flagTargetsKept(typed: string, u: Understanding): Understanding {
  if (u.kind !== 'sure' || typeof typed !== 'string') return u;
  const p = parseCached(u.command);
  if (!p.ok || !specOf(p.command.kind).proposesChange) return u;
  const said = JSON.stringify(p.command).toLowerCase();
  const missed = toolTargets(typed).filter((t) => !said.includes(t.toLowerCase()));
  if (!missed.length) return u;
  return { kind: 'ask', question: `Your line names ${missed.join(', ')}, which \`${u.command}\` would not use.`, detail: `Usage: ${specOf(p.command.kind).usage}`, options: [], intent: u.intent, score: u.score };
}

/** A reading that runs names only real targets: resolved ("in prod" → on aks-prod) or, for a change, asked about. */
function withRealTargets(u: Understanding, snap: Snapshot, typedExactly: boolean): Understanding {
  if (u.kind !== 'sure') return u;
  const p = parseCached(u.command);
  if (!p.ok) return u;
  const checked = checkTargets(p.command, snap, typedExactly);
  if ('ask' in checked) return checked.ask;
  const command = format(checked.command);
  return command === u.command ? u : { ...u, command };
}

function readWords(typed: string, snap: Snapshot): Understanding {
  // a pasted terminal line (`kubectl get netpol -n shop`) is read as the plain words it stands for
  const raw = typeof typed === 'string' ? grammarText(fromToolSyntax(typed), snap) : typed;
  const exact = parse(raw);
  if (!exact.ok) {
    const text = normalize(raw ?? '');
    if (!text || text.length > MAX_COMMAND_LENGTH) return { kind: 'lost', reply: exact.reply, suggestions: exact.suggestions.map((x) => ({ title: x, command: x })), score: 0 };
    // the grammar recognised the command but not its values: read the words as that command only
    const kind = exact.usage ? SPECS.find((x) => x.usage === exact.usage)?.kind : undefined;
    const u = socialFallback(raw, understand(raw, snap, kind), snap);
    // a reading that drops a word or value the grammar choked on ("at 09:00 Mars/Olympus_Mons") would be a guess
    if (kind && u.kind === 'sure' && u.leftovers?.length) return { kind: 'lost', reply: exact.reply, suggestions: exact.suggestions.map((x) => ({ title: x, command: x })), score: u.score };
    // …and when a value is missing, the grammar's own question says it best
    const missing = u.kind === 'ask' && !/^(Did you mean|Which one|Which change|Only when|Do you want)/.test(u.question);
    if (u.kind === 'ask' && missing && kind && u.intent && getScorer().intents.some((i) => i.intent === u.intent && kindOf(i) === kind)) return { ...u, question: exact.reply };
    return u;
  }
  // round 11d: words the grammar took as ranges ("add a policy so A can get to B on 27017") are no command of its:
  // the understanding step reads them before any cluster the grammar thought it saw is asked about
  const wordRanges = rangesOfWords(exact.command);
  if (wordRanges) {
    const u = understand(raw, snap);
    if (u.kind !== 'lost' || u.negated) return u;
    if (wordRanges.length > 1) return { kind: 'lost', reply: `${quoted(wordRanges[0])} is not an address: I read your words as a list of ranges. Write the addresses alone, e.g. 203.0.113.7 or 203.0.113.0/24.\nUsage: ${specOf(exact.command.kind).usage}`, suggestions: [], score: u.score };
  }
  // (round 14a: "status NOW": a word of time taken for the cluster of a read is when it is wanted)
  const untimed = withoutTimeWordCluster(raw, exact.command, Boolean(specOf(exact.command.kind).proposesChange));
  if (untimed !== undefined) return readWords(untimed, snap);
  // "on prod", "on cilium": the cluster the words name; a change on a cluster nobody has is asked about
  const resolved = resolveCluster(exact.command, snap);
  const isChange = Boolean(specOf(exact.command.kind).proposesChange);
  if (resolved.unknown && isChange) return unknownClusterAsk(exact.command, resolved.unknown, snap);
  // a read "on" a cluster nobody has may be other words ("privte cluster?"): the words decide when they can
  if (resolved.unknown) {
    const u = understand(raw, snap);
    // (the same command on a guessed cluster is no other reading: the handler names the clusters it can see)
    const sameCommand = u.kind === 'sure' && parseCached(u.command).ok && (parseCached(u.command) as { command: Command }).command.kind === exact.command.kind;
    if ((u.kind === 'sure' && !sameCommand) || u.kind === 'ask') return u;
  }
  const command = withNicknamesResolved(resolved.command, snap);
  const c = command as Record<string, unknown>;
  const names = ['service', 'from', 'to'].map((k) => c[k]).filter((v): v is string => typeof v === 'string');
  const ranges = Array.isArray(c.ranges) ? (c.ranges as string[]) : [];
  const ns = typeof c.namespace === 'string' ? c.namespace : undefined;
  const topic = command.kind === 'help' ? command.topic : undefined;
  const vocabulary = getScorer().vocabulary;
  // a cluster's name where a Service's goes ("make aks-workshop private") is no Service name either
  const notAName = (v: string) => NOT_A_VALUE.has(v.toLowerCase()) || (vocabulary.has(v.toLowerCase()) && !/[-\d]/.test(v)) || isClusterWord(v, snap);
  const notAnAddress = ranges.find((r) => !/\d/.test(r));
  // "restrict X to 300.1.2.3": a value no address parser accepts is answered with that, never read as understood
  const badAddress = notAnAddress === undefined ? invalidAddressReply(ranges, specOf(command.kind).usage) : undefined;
  if (badAddress) return badAddress;
  if (notAnAddress !== undefined || names.some(notAName) || (ns !== undefined && notAName(ns)) || (topic && !helpSections(topic).length)) {
    const u = understand(raw, snap);
    // a sentence the grammar swallowed as a list of ranges ("please, the, range, 192.0.2.0/26, to, …") is never run;
    // one mistyped value stays with the handler, which names exactly what is wrong with it
    if (notAnAddress !== undefined && ranges.length > 1 && u.kind === 'lost')
      return { kind: 'lost', reply: `${quoted(notAnAddress)} is not an address: I read your words as a list of ranges. Write the addresses alone, e.g. 203.0.113.7 or 203.0.113.0/24.\nUsage: ${specOf(command.kind).usage}`, suggestions: [], score: u.score };
    // lost: the grammar's literal reading stands in, and its handler explains the value ("banana" is not a Service);
    // a change on it is refused there, never planned (a value that is no value never passes the handler's check)
    // (round 11: a change on "them", "everything": which target is asked, never left to the handler to refuse)
    const standIn = [...names, ...(ns ? [ns] : [])].find((v) => STAND_IN.test(v));
    if (u.kind === 'lost' && !u.negated && standIn && isChange) return { kind: 'ask', question: `Which one do you mean by "${standIn}"?`, detail: `A change names its target. Usage: ${specOf(command.kind).usage}`, options: [], intent: command.kind, score: u.score };
    return u.kind === 'lost' && !u.negated ? { kind: 'sure', command: format(command), intent: command.kind, score: 1 } : u;
  }
  const elsewhere = names.length || ns ? absentOnChosen(command, names, ns, snap) : undefined;
  return elsewhere ?? unknownServiceAsk(command, snap) ?? { kind: 'sure', command: format(command), intent: command.kind, score: 1 };
}


const GREETING = /^(?:hey|hi|hello|hallo|yo|hiya|howdy|morning|good (?:morning|afternoon|evening|day))\b/i;
const THANKING = /^(?:thx|thanks|thank you|thank u|ty|cheers|much appreciated)\b/i;
/** A short message that thanks anywhere ("Acknowledged, thank you.", "perfect, thanks!"): a thank-you. */
const SHORT_THANKS = /^(?:\S+[\s,.!]+){0,3}(?:thx|thanks|thank you|thank u|cheers|much appreciated)\b[\s\S]{0,20}$/i;

/**
 * "great, thanks for turning that around", "thanks, that fixed it": a thank-you with what it thanks for, and no request
 * or question after it (a name, an address, "can you", "also", "now" or a "?" would ask for something more).
 */
const THANKS_FOR = /^(?:(?:great|perfect|awesome|nice|cool|brilliant|super|excellent|lovely|ok|okay|wow)[\s,.!]+)?(?:thx|thanks|thank you|thank u|cheers|ty)\b[\s,.!]*(?:(?:for|that|it|this|you|u)\b(?![^?]*\b(?:can|could|would|will) (?:you|u)\b)(?![^?]*\b(?:please|pls|also|now|next|then|but)\b)[^?]*)?$/i;

const REPORTS_FIXED = /\b(?:thx|thanks|thank you|thank u|cheers|ty)\b[\s,.!]*(?:that|it|this|you) (?:fixed|solved|sorted|resolved|did the trick|cleared|unblocked)\b/i;

function thanksFor(raw: string, snap: Snapshot): Understanding | undefined {
  const said = withoutChatNoise(raw);
  // (round 12c: or after a report that it worked, "that fixed it, thank you so much")
  if (!THANKS_FOR.test(said) && !REPORT_THEN_THANKS.test(said)) return undefined;
  const named = tagEntities(normaliseText(raw).tokens, snap, getScorer().vocabulary).entities.some((e) => ['CLUSTER', 'NAME', 'NS', 'ADDR', 'GUID'].includes(e.type));
  // (round 11a: "thanks, that fixed the mongo problem": a name in what the thanks reports fixed asks for nothing)
  return named && !REPORTS_FIXED.test(said) ? undefined : { kind: 'sure', command: 'thanks', intent: 'thanks', score: 1 };
}

/** "hi! first day on the team": a greeting (or a thank-you) whose rest asks for nothing we know is answered as one. */
function socialFallback(raw: string, u: Understanding, snap: Snapshot): Understanding {
  // (round 11c: "What can you actually do? Sorry, it's my first day": what Palisade does, whatever the rest matched)
  const named = () => tagEntities(normaliseText(raw).tokens, snap, getScorer().vocabulary).entities.some((e) => ['CLUSTER', 'NAME', 'NS', 'ADDR', 'GUID'].includes(e.type));
  if (!(u.kind === 'sure' && u.intent === 'help') && asksAbilities(raw) && !named()) return { kind: 'sure', command: 'help', intent: 'help', score: u.score };
  if (u.kind !== 'lost' || u.negated || !u.reply.startsWith("I don't know")) return u;
  // (a rest that names a cluster, a Service or an address asked for something: that stays "I don't know")
  if (named()) return u;
  const said = withoutChatNoise(raw);
  if (GREETING.test(said)) return { kind: 'sure', command: 'hello', intent: 'greet', score: u.score };
  if (THANKING.test(said) || SHORT_THANKS.test(said)) return { kind: 'sure', command: 'thanks', intent: 'thanks', score: u.score };
  return u;
}

/** Verbs that ask to be shown something: a message that starts with one asks for a read, whatever its list names. */
const READ_VERB = /^(?:check|verify|show|review|inspect|list|confirm|describe|report|display|examine|assess|summari[sz]e|explain|look)$/;

const choice = (c: Candidate): Choice => ({ title: c.canonical!, command: c.canonical! });

/** Pure: a message and what we know of the clusters → run this command, ask which one, or say we are lost. */
export function understand(said: string, snap: Snapshot, onlyKind?: CommandKind): Understanding {
  const raw = howToThenAsked(withoutRestatedPurpose(said));
  const sc = getScorer();
  const rest = whichOneAsked(raw);
  if (rest) return asChoice(understand(rest, snap, onlyKind), raw, snap, sc.vocabulary);
  const first = normaliseText(raw);
  if (!first.tokens.length) return lost(sc, [], [], 0, "Say `help` to see what I can do, or `status` for your cluster's security posture.");
  const thanked = thanksFor(raw, snap);
  if (thanked) return thanked;
  // "restrict X --dry-run …", "dry run: make X internal": a preview is asked for, so the change is only offered
  const preview = withoutDryRun(raw);
  if (preview !== undefined) {
    const u = understand(preview, snap, onlyKind);
    const p = u.kind === 'sure' ? parseCached(u.command) : undefined;
    return u.kind === 'sure' && p?.ok && specOf(p.command.kind).proposesChange ? dryRunAsk(u.command, u.intent, u.score) : u;
  }
  // "make X internal if it is still public": the order is read without its condition, whose words ("public") are no order
  // (round 9a: "if X is public, tell me": the order is to be told, so the condition is the question)
  const toldIf = first.conditional ? /^(?:if|in case) ([^,;]+?),? (?:then )?(?:please )?(?:tell|let|inform|notify|ping|warn|alert) (?:me|us)(?: know)?\s*[.!]*$/i.exec(raw.trim()) : null;
  if (toldIf) return understand(`whether ${toldIf[1]}`, snap, onlyKind);
  const order = first.conditional ? orderOf(raw) : undefined;
  if (order) {
    const u = understand(order, snap, onlyKind);
    const p = u.kind === 'sure' ? parseCached(u.command) : undefined;
    if (u.kind === 'sure' && p?.ok && specOf(p.command.kind).proposesChange) return onConditionText(u.command, u.intent, u.score);
  }
  const whole: View = { n: first, tagged: tagEntities(first.tokens, snap, sc.vocabulary), whole: true };
  // the whole message, or one of its clauses when that reads clearly better (the rest was context)
  const read = (v: View) => {
    const corrected = sc.correct(v.tagged.tokens);
    const tagged = { ...v.tagged, tokens: corrected.tokens, entities: looseMatchesNamed(v.whole ? contextMarked(v.tagged.entities, v.tagged.tokens) : v.tagged.entities) };
    const feats = features(tagged, v.n);
    return { n: v.n, tagged, corrected, feats, all: sc.rank(feats, tagged.tokens) };
  };
  let view = read(whole);
  // (a greeting or a thank-you is never the request of a longer message)
  // (nor a statement read as a question when the message asks for a change: "the IP limit on X is not needed any
  // more, please delete it" is no question about X's limit)
  const views = clauseViews(raw, whole, snap, sc.vocabulary, (w) => !isFiller(w) && !sc.isFunctionWord(w));
  const asksForChange = first.request && Boolean(view.all[0]?.intent.write);
  // (a clause that tells what happened, "making X internal broke the demo", is no request for that change when
  // another clause asks for something)
  const someClauseAsks = views.some((v) => !v.statement);
  // ("someone put X on the list", "we set it up": a past said with a verb whose past looks like its present)
  const tellsThePast = (k: number) => views[k].n.tokens.some((w, i, ws) => PAST_TENSE.test(w) || (/^(?:put|set|let|cut|shut)$/.test(w) && /^(?:someone|somebody|we|they|he|she|who|anyone|nobody)$/.test(ws[i - 1] ?? '')) || /^(?:yesterday|ago|earlier)$/.test(w) || (w === 'last' && /^(?:week|month|night|time|\w+day)$/.test(ws[i + 1] ?? '')));
  // (nor one that states a fact, "the ranges on X are obsolete", while another clause asks: "please replace them with Y")
  // (nor a list of things to look at after "check/verify/show X:": "…: public IP, ports and NSG rules" asks for no change)
  const asksToSee = READ_VERB.test(first.tokens.find((w) => !isFiller(w)) ?? '');
  const clauses = views.map(read);
  const clauseAsksForChange = views.some((v, k) => !v.statement && clauses[k].all[0]?.intent.write && clauses[k].all[0].score >= LOST_BELOW);
  const storyOnly = (k: number, write: boolean) => views[k].statement && ((someClauseAsks && write && (clauseAsksForChange || tellsThePast(k))) || (asksToSee && write) || (asksForChange && !write));
  // (a statement of a need, "the API needs to read from the database", is the context of a clause that asks for the
  // same change, "please add a rule allowing A to connect to B": the request's own words and ends are what it asks)
  const askedElsewhere = (k: number) => clauses.some((c, j) => j !== k && views[j].n.request && !views[j].statement && c.all[0]?.intent.intent === clauses[k].all[0]?.intent.intent);
  // (round 9a: nor a clause whose "not" the whole message explains, "X shouldn't be public, … can you do that?": alone
  // it would read the opposite change)
  const notExplained = (k: number) => views[k].n.negated && !first.negated;
  // (round 11c: when the message says not to do something and asks to know, "I didn't mean to restrict X, can you
  // check what it is set to now?", only the clause with the "not" may stand for it: the state of X is what is asked)
  const notWithQuestion = first.negated && first.wantsToKnow;
  for (const [k, clause] of clauses.entries())
    if (clause.all[0] && !(notWithQuestion && !views[k].n.negated) && !SOCIAL.has(kindOf(clause.all[0].intent)) && !exposureOfApiServer(kindOf(clause.all[0].intent), first.tokens, whole.tagged.entities) && !notExplained(k) && !storyOnly(k, clause.all[0].intent.write) && !(views[k].statement && clause.all[0].intent.write && askedElsewhere(k)) && clause.all[0].score > (view.all[0]?.score ?? 0) + CLAUSE_BETTER_BY) view = clause;
  const { n, tagged, corrected, feats, all } = view;
  // one slip in a long word ("alowlist") is read; more than that, or in a short word, is asked about before a change
  const typo = corrected.worst > 1 || (corrected.word !== undefined && corrected.word.length < 6) ? corrected.word : undefined;
  const same = onlyKind ? all.filter((r) => kindOf(r.intent) === onlyKind) : [];
  // (round 9b: unless another command's reading is clearly better: "digest for prod rn" is sent now, not a schedule)
  const clearlyOther = same.length && all[0] && kindOf(all[0].intent) !== onlyKind && all[0].score >= same[0].score + WRITE_RIVAL_WITHIN;
  const ranked = trendsRead(same.length && same[0].score >= LOST_BELOW && !clearlyOther ? same : all, tagged.tokens);
  const top = ranked[0];
  // "why did someone remove X?", "who did that?": a question about a past change is answered by the audit
  // (round 8: whatever else the words match, or fail to: "did someone open up the apiserver last night")
  if (/\bwho changed\b/.test(first.text)) {
    const audit = ranked.filter((r) => kindOf(r.intent) === 'audit').map((r) => candidate(r, tagged.entities.filter((e) => e.type === 'CLUSTER' || e.type === 'SINCE'))).find((c) => c.command);
    if (audit) return { kind: 'sure', command: audit.canonical!, intent: audit.ranked.intent.intent, score: audit.ranked.score };
  }
  // (round 9a: advice asked about a change the words only half match, "my lead wants X restricted but I don't know
  // what the range is, what should I do?": still the change's state, never an "I don't know")
  const adviceOn = first.advice && !n.howTo && top && top.intent.write && top.score >= ADVICE_AT_LEAST && top.score < LOST_BELOW ? candidate(top, tagged.entities) : undefined;
  if (adviceOn) return adviceAsked(adviceOn, true);
  // (round 11c: and the effect asked of a change not to make yet, "the lab says disable X but I don't want to yet, what
  // does that do?": its state is offered on the advice bar, since only reads are offered)
  const effectOn = first.negated && first.wantsToKnow && first.asksEffect && top && top.intent.write && top.score >= ADVICE_AT_LEAST && top.score < LOST_BELOW ? candidate(top, tagged.entities) : undefined;
  if (effectOn) return effectAsked(effectOn);
  if (!top || top.score < LOST_BELOW) return lost(sc, ranked, tagged.entities, top?.score ?? 0);

  // Readings worth considering: close to the best, completed with the message's own values
  const pool = ranked
    .filter((r) => r.score >= top.score - 0.2)
    .slice(0, 6)
    .map((r) => candidate(r, tagged.entities))
    // (switching the conversation's cluster, or listing them, takes a cluster at most: a message that also names a workload,
    // a namespace or an address asks something about them, "…, cluster aks-cilium" only says where; "my default" is no namespace)
    .filter((c) => !(CLUSTER_ONLY.has(kindOf(c.ranked.intent)) && c.unused.some((e) => TARGET_VALUES.has(e.type) && !(e.type === 'NS' && e.value === 'default'))))
    // (round 11a: nor is a question about the API server the exposure of Services it does not name)
    .filter((c) => !exposureOfApiServer(kindOf(c.ranked.intent), [...tagged.tokens, ...first.tokens], tagged.entities))
    .sort((a, b) => b.adjusted - a.adjusted);
  if (!pool.length) return lost(sc, ranked, tagged.entities, top.score);
  // A question is a read: prefer a complete read that scored nearly as well as a change
  if (n.question) {
    const incompleteChange = pool[0].ranked.intent.write && !pool[0].command;
    const read = pool.find((c) => c.command && !c.ranked.intent.write && (c.adjusted >= pool[0].adjusted - 0.25 || (incompleteChange && c.ranked.score >= LOST_BELOW)));
    if (read) pool.unshift(...pool.splice(pool.indexOf(read), 1));
  }
  const lead = pool[0];
  // "what would happen if I made X internal?": an imagined change is never made, nor is a read run for it
  if ((first.hypothetical || n.hypothetical) && !n.howTo) return imagined(sc, pool.find((c) => c.ranked.intent.write) ?? lead, ranked, tagged.entities);
  // round 9a: "should we make X internal?", "restrict X to my ip, or is that a bad idea?": advice about a change is
  // answered with where it stands now and the plan (which shows what it would change); nothing runs
  // (the change the words match best, complete or not: "…restricted to the vpn range, but which range?" is no `unrestrict`)
  const advised = first.advice && !n.howTo ? pool.filter((c) => c.ranked.intent.write && c.adjusted >= lead.adjusted - 0.25).sort((a, b) => b.ranked.score - a.ranked.score)[0] : undefined;
  if (advised) return adviceAsked(advised, n.negated || first.negated);
  // "if the test fails, then make X internal": Palisade cannot tell when the condition holds, so the change is only offered
  // (only when the message reads as a change: "tell me if X is public" stays the question)
  const waitingChange = first.conditional && !n.howTo && !n.negated && lead.ranked.intent.write ? lead : undefined;
  if (waitingChange) return onCondition(waitingChange, snap, tagged.entities);
  // "how do I make X internal?": the help for that change; a how-to about a read is answered by the read itself
  // (round 9a: "how do I install kubectl": a how-to whose verb no command uses is not about our commands)
  const howVerb = n.howTo && lead.ranked.intent.write ? tagged.tokens.find((t) => !ENTITY_TYPES.has(t) && !isFiller(t) && !sc.isFunctionWord(t)) : undefined;
  if (howVerb && !sc.knows(howVerb) && !isValueLike(howVerb)) return lost(sc, ranked, tagged.entities, lead.ranked.score);
  if (n.howTo && lead.ranked.intent.write && !n.negated) return { kind: 'sure', command: helpFor(kindOf(lead.ranked.intent)), intent: 'help', score: lead.ranked.score };
  // "do not expose X": an instruction not to change something is never turned into a change, nor answered with a guess
  const negatedWrite = pool.slice(0, 3).find((c) => c.ranked.intent.write && !c.ranked.exampleNegated);
  // "don't open X, I only want to know whether it already is": the question inside the "not" is answered
  // (a read only: the weaker bar is safe, and the rest of the message is about the change not to make)
  // (first the state of the very change not to make: "don't disable defender, just tell me if it's on")
  // (round 9a: "…, I only want to know what it would change / the risk": the effect of the change not to make is
  // asked about: its state is offered, never the change)
  const wantsState = first.tokens.includes('whether') || first.wantsToKnow;
  // (round 9a: "please do not make any changes to X today": an order not to change anything changes nothing, and reads nothing)
  if (first.negated && /\b(?:not|never) (?:make|apply|do|push|run|deploy) (?:any|anything)\b/.test(first.text)) return { kind: 'lost', negated: true, reply: 'You said not to change anything, so I changed nothing.', suggestions: [], score: lead.ranked.score };
  if (n.negated && negatedWrite && first.wantsToKnow && first.asksEffect) return effectAsked(negatedWrite);
  const stateAsked = n.negated && wantsState && negatedWrite ? stateRead(negatedWrite) : undefined;
  if (stateAsked) return stateAsked;
  const askedRead = n.negated && wantsState ? ranked.filter((r) => !r.intent.write && r.score >= LOST_BELOW - 0.15).slice(0, 6).map((r) => candidate(r, tagged.entities)).find((c) => c.command) : undefined;
  if (askedRead) return { kind: 'sure', command: askedRead.canonical!, intent: askedRead.ranked.intent.intent, score: askedRead.ranked.score };
  if (n.negated && negatedWrite && (lead.ranked.intent.write || !n.question)) return negated(sc, negatedWrite, ranked, tagged, first.question);
  // A complete reading beats an incomplete one that scored only a little higher, but only a read: never swap in another change
  const complete = pool.filter((c) => c.command);
  const firstComplete = complete.find((c) => c.adjusted >= lead.adjusted - 0.03);
  if (!lead.command && firstComplete?.ranked.intent.write) {
    // an incomplete reading first, a complete change close behind: offer the change, never run it
    const ask = missingSlot(lead, snap, n.negated, tagged.entities);
    return ask.kind === 'ask' && !n.negated ? { ...ask, options: [choice(firstComplete), ...ask.options].slice(0, 4) } : ask;
  }
  if (!lead.command && !firstComplete) {
    // one word in common with an example and nothing else to go on ("test"): not a request we know
    if (!tagged.entities.length && lead.ranked.uncovered > 0.5) return lost(sc, ranked, tagged.entities, lead.ranked.score);
    const read = !lead.ranked.intent.write ? complete.find((c) => !c.ranked.intent.write && c.ranked.score >= LOST_BELOW && c.adjusted >= lead.adjusted - 0.3) : undefined;
    if (!read) return missingSlot(lead, snap, n.negated, tagged.entities);
    pool.unshift(...pool.splice(pool.indexOf(read), 1));
  }
  let best = pool[0].command ? pool[0] : firstComplete!;
  // "is X reachable from the internet?": whether the internet can reach a Service is its exposure
  const internetTo = (c: Candidate) => c.command?.kind === 'canReach' && c.command.from === 'internet' && !c.command.port ? c.command.to : undefined;
  const exposureOf = (svc: string) => complete.find((c) => c.command?.kind === 'exposure' && c.command.service === svc && c.adjusted >= best.adjusted - ASK_WITHIN);
  const sameAsExposure = (c: Candidate) => Boolean(internetTo(c) && exposureOf(internetTo(c)!));
  // (round 11a: whether X can reach the internet is its way out; a Service's exposure is the way in, no rival reading)
  const reachesOut = (c: Candidate) => c.command?.kind === 'canReach' && c.command.to === 'internet';
  // (round 12d: unless the internet is what "can" asks about: "can the internet hit X?" is the flow, not X's exposure,
  // when the words read as that flow well enough to be understood at all)
  const flowAsked = internetAsked(first.text);
  const flowFor = (c: Candidate) => {
    const svc = c.command?.kind === 'exposure' ? c.command.service : undefined;
    if (!svc) return undefined;
    return ranked.filter((r) => kindOf(r.intent) === 'canReach' && r.score >= LOST_BELOW).map((r) => candidate(r, tagged.entities)).find((f) => internetTo(f) === svc);
  };
  if (flowAsked && flowFor(best)) best = flowFor(best)!;
  else if (sameAsExposure(best) && !flowAsked) best = exposureOf(internetTo(best)!)!;
  // "make everything internal": the words ask for a change whose value is missing; a read that scored lower is no answer
  const wanted = pool.find((c) => c.ranked.intent.write && !c.command && c.ranked.score > best.ranked.score + ASK_WITHIN);
  if (!best.ranked.intent.write && wanted && !n.question) return missingSlot(wanted, snap, n.negated, tagged.entities);
  // A change must also be the reading the words match best: "restrict X" is not `unrestrict X` because the latter is complete
  const topRaw = pool.reduce((a, b) => (b.ranked.score > a.ranked.score ? b : a));
  // (an incomplete one that lacks a Service while the message names none, barely ahead, is no rival: "kill the ip
  // allowlist on prod" is the cluster's allowlist, not some Service's)
  const noServiceSaid = !topRaw.command && topRaw.filled.missing.includes('service') && !tagged.entities.some((e) => e.type === 'NAME') && topRaw.ranked.score - best.ranked.score < ASK_WITHIN;
  // (nor is one that leaves out a value the best reading uses: "only I can open X" names X, so X is restricted)
  const dropsValues = topRaw.unused.length > best.unused.length && topRaw.ranked.score - best.ranked.score < WRITE_AHEAD_BY;
  if (best.ranked.intent.write && topRaw !== best && topRaw.ranked.intent.write && kindOf(topRaw.ranked.intent) !== kindOf(best.ranked.intent) && topRaw.ranked.score > best.ranked.score && !noServiceSaid && !dropsValues)
    return topRaw.command
      ? { kind: 'ask', question: 'Which change do you mean?', detail: 'I can read that more than one way:', options: [choice(topRaw), choice(best)], intent: topRaw.ranked.intent.intent, score: topRaw.ranked.score }
      : missingSlot(topRaw, snap, n.negated, tagged.entities);
  const rivals = uniqueBy(
    // (a request that is no question, "please let A talk to B", is not also asking whether A can)
    // (nor is a read that leaves one of the message's words unexplained where the best read explains them all:
    // "the images trend" is the images' trend, not the overall one)
    // (nor is the opposite change when the best reading is ahead: the doubt below asks about the best one alone)
    complete.filter((c) => c !== best && c.canonical !== best.canonical && c.adjusted >= best.adjusted - ASK_WITHIN && !(opposite(best, c) && best.ranked.score > c.ranked.score) && !(n.question && c.ranked.intent.write) && !(best.command?.kind === 'exposure' && sameAsExposure(c)) && !(flowAsked && internetTo(best) && c.command?.kind === 'exposure' && c.command.service === internetTo(best)) && !(c.command?.kind === 'exposure' && reachesOut(best)) && !(n.request && !n.question && best.ranked.intent.write && !c.ranked.intent.write) && !(!c.ranked.intent.write && !best.ranked.intent.write && !best.ranked.conflicts.length && c.ranked.conflicts.length)),
    (c) => c.canonical!,
  );
  const isWrite = best.ranked.intent.write;

  if (isWrite && n.negated && !best.ranked.exampleNegated) return negated(sc, best, ranked, tagged, first.question);
  if (rivals.length) {
    const options = [best, ...rivals].slice(0, 3).filter((c) => !(c.ranked.intent.write && n.negated && !c.ranked.exampleNegated));
    return { kind: 'ask', question: 'Which one do you mean?', detail: 'I can read that more than one way:', options: options.map(choice), intent: best.ranked.intent.intent, score: best.ranked.score };
  }
  const clusterDoubt = clusterQuestion(best, tagged.entities, snap);
  if (clusterDoubt) return clusterDoubt;
  const elsewhere = absentFromChosenCluster(best, snap);
  if (elsewhere) return elsewhere;
  // "did the zero trust on X get applied?", "is X still restricted, or did someone unrestrict it?": a question about
  // a change is answered by the read that shows whether it is so (nothing changes, and no button offers the change)
  // (round 9a: so is a change beside a question whether something is so: "the CISO wants us to disable defender,
  // can you tell me if it's on?" asks about Defender, it orders nothing)
  const asksWhether = first.tokens.includes('whether');
  if (isWrite && (n.question || asksWhether) && !n.negated && !n.howTo && !typo) {
    const state = stateRead(best);
    if (state) return state;
  }
  // (an API-server change read from words about a workload, or an added range where the words ask for it alone: asked)
  const scopeDoubt = isWrite ? (apiServerDoubt(kindOf(best.ranked.intent), first.tokens, tagged.entities) ?? onlyTheseDoubt(kindOf(best.ranked.intent), first.text, raw)) : undefined;
  if (scopeDoubt) {
    const replacing = kindOf(best.ranked.intent) === 'allowlistAdd' ? sameValuesAs(best, 'ipRangesSet') : undefined;
    const options = [...(replacing ? [choice(replacing)] : []), ...alternativesOf(best, complete, tagged.entities)].filter((o, i, all) => all.findIndex((x) => x.command === o.command) === i).slice(0, 3);
    return { kind: 'ask', question: `Did you mean \`${(replacing ?? best).canonical}\`?`, detail: `${scopeDoubt} Nothing changes until you pick one and approve the plan.`, options, intent: best.ranked.intent.intent, score: best.ranked.score };
  }
  if (isWrite) {
    const doubt = typo ? `I read ${quoted(typo)} as a word I know.` : (stateDoubt(best, complete, snap) ?? writeDoubt(sc, best, complete, n.question, n.negated, n.request, reverses(feats), tagged.tokens.find((t) => !ENTITY_TYPES.has(t) && !isFiller(t)), snap, raw));
    if (doubt) return { kind: 'ask', question: `Did you mean \`${best.canonical}\`?`, detail: `${doubt} Nothing changes until you pick it and approve the plan.`, options: alternativesOf(best, complete, tagged.entities), intent: best.ranked.intent.intent, score: best.ranked.score };
  } else {
    const ambiguous = ambiguousName(best, complete, tagged.entities);
    if (ambiguous) return ambiguous;
  }
  const leftovers = leftoversOf(best, tagged, sc);
  if (isWrite && leftovers.some(isValueLike))
    return { kind: 'ask', question: `I did not understand ${quoted(leftovers.find(isValueLike)!)}.`, detail: `Usage: ${specOf(kindOf(best.ranked.intent)).usage}`, options: [], intent: best.ranked.intent.intent, score: best.ranked.score };
  // a change is planned straight away only when every word of the request is one Palisade knows
  // (the first meaningful word: that is where the verb is; "test connectivity …" must not become a change)
  // (after a request marker, "…; please add X", "given that …, i would like X", the verb follows the marker)
  const firstWord = tagged.tokens.slice(requestStart(tagged.tokens)).find((t) => !ENTITY_TYPES.has(t) && !isFiller(t) && !sc.isFunctionWord(t));
  const unknownWord = firstWord && leftovers.includes(firstWord) && !isValueLike(firstWord) ? firstWord : undefined;
  if (isWrite && unknownWord)
    return { kind: 'ask', question: `Did you mean \`${best.canonical}\`?`, detail: `I don't know the word ${quoted(unknownWord)}. Nothing changes until you pick it and approve the plan.`, options: alternativesOf(best, complete, tagged.entities), intent: best.ranked.intent.intent, score: best.ranked.score };
  // (round 11c: a read met only on a time word, "what's for lunch today?", is not about us)
  if (!isWrite && metOnlyOnWhen(feats, best.ranked.example, sc.vocabulary, (w) => sc.knows(w))) return lost(sc, ranked.filter((r) => r !== best.ranked), tagged.entities, best.ranked.score);
  return { kind: 'sure', command: best.canonical!, intent: best.ranked.intent.intent, score: best.ranked.score, leftovers };
}

/** The read that shows whether a change is in place. */
const STATE_OF: Partial<Record<CommandKind, CommandKind>> = {
  makeInternal: 'exposure', makePublic: 'exposure', restrict: 'exposure', unrestrict: 'exposure',
  zeroTrust: 'networkPolicies', removeZeroTrust: 'networkPolicies', allowFlow: 'canReach',
  allowlistAdd: 'ipRanges', allowlistMyIp: 'ipRanges', allowlistRemove: 'ipRanges', ipRangesSet: 'ipRanges', ipRangesDisable: 'ipRanges',
  defenderSet: 'defenderStatus',
};

/** The same values in a command of another kind ("allowlist X on C" → `set ip ranges X on C`), if it takes them. */
function sameValuesAs(change: Candidate, kind: CommandKind): Candidate | undefined {
  return readingsAs(change, kind, [...change.filled.used.values()].flat()).find((c) => c.unused.length === 0);
}

/** The complete readings of a command kind filled with (some of) a change's values. */
function readingsAs(change: Candidate, kind: CommandKind, values: Entity[]): Candidate[] {
  return getScorer().intents.filter((it) => kindOf(it) === kind).map((intent) => candidate({ ...change.ranked, intent }, values)).filter((c) => c.command);
}

/** The state read of a change, with the values the change would have used (its target, never its new value). */
function stateRead(change: Candidate): Understanding | undefined {
  const kind = STATE_OF[kindOf(change.ranked.intent)];
  if (!kind) return undefined;
  const used = [...change.filled.used.values()].flat().filter((e) => !['ADDR', 'MYIP', 'DUR', 'FORCE', 'SUBNET'].includes(e.type));
  const reads = readingsAs(change, kind, used);
  const best = reads.sort((a, b) => a.unused.length - b.unused.length || (b.canonical?.length ?? 0) - (a.canonical?.length ?? 0))[0];
  return best ? { kind: 'sure', command: best.canonical!, intent: best.ranked.intent.intent, score: change.ranked.score } : undefined;
}

/**
 * A command for one cluster, but the words name several ("on both prod and cilium"), or one nobody has ("the
 * staging cluster"): ask, one button per cluster, never pick one of them or fall back to the default.
 */
function clusterQuestion(best: Candidate, entities: Entity[], snap: Snapshot): Understanding | undefined {
  const template = best.ranked.intent.command;
  if (!/\{cluster\}/.test(template)) return undefined;
  const named = [...new Set(entities.filter((e) => e.type === 'CLUSTER').map((e) => e.value))];
  const unknown = entities.find((e) => e.type === 'CLUSTER' && e.quality === 'unknown');
  const base = { intent: best.ranked.intent.intent, score: best.ranked.score };
  const on = (cluster: string): Choice => choice(candidate(best.ranked, [{ type: 'CLUSTER', value: cluster, quality: 'exact', at: -1 }, ...entities.filter((e) => e.type !== 'CLUSTER')]));
  if (unknown && best.ranked.intent.write)
    return { kind: 'ask', question: `I don't know a cluster named ${unknown.value}.`, detail: `The clusters I can see: ${snap.clusters.join(', ')}. Which one do you mean?`, options: snap.clusters.slice(0, 4).map(on).filter((o) => o.command), ...base };
  if (named.length > 1)
    return { kind: 'ask', question: 'Which cluster?', detail: `This works on one cluster at a time, and you named ${named.join(', ')}: pick one (and then the next).`, options: named.slice(0, 4).map(on).filter((o) => o.command), ...base };
  return undefined;
}

/** Times said before the request marker ("today kubectl times out, can you add my ip") set the scene. */
function contextMarked(entities: Entity[], tokens: string[]): Entity[] {
  // (round 9a: "…, broke nightly-report": a name said as what a change broke tells why, it is no value of the request)
  entities = entities.map((e) => (e.type === 'NAME' && saidAsBroken(e, tokens) ? { ...e, context: true } : e));
  // (round 12b: a period told of the past, "it was made internal last week", or "today" said of when to act)
  entities = entities.map((e) => (periodSetsTheScene(e, tokens) ? { ...e, context: true } : e));
  const start = requestStart(tokens);
  if (!start) return entities;
  return entities.map((e) => (e.at < start && saysWhenItHappened(e, tokens) ? { ...e, context: true } : e));
}

/** Where the request itself starts: after the last "please", "could/can/would/will you", "would like (it)". */
function requestStart(tokens: string[]): number {
  let start = 0;
  tokens.forEach((t, i) => {
    if (/^(?:please|pls|plz|kindly)$/.test(t)) start = i + 1;
    // (round 9a: "…, go ahead and add it": the request follows)
    else if (t === 'ahead' && tokens[i - 1] === 'go') start = i + (tokens[i + 1] === 'and' ? 2 : 1);
    else if (t === 'you' && /^(?:could|can|would|will)$/.test(tokens[i - 1] ?? '')) start = i + 1;
    else if (t === 'like' && tokens[i - 1] === 'would') start = i + (tokens[i + 1] === 'it' || tokens[i + 1] === 'to' ? 2 : 1);
  });
  return start < tokens.length ? start : 0;
}

/** A token that looks like a value (a number, an address, a zone, a time) rather than a word. */
function isValueLike(t: string): boolean {
  return /[\d/:_]/.test(t);
}

/** The message's words no intent knows, and its values this reading leaves out. */
function leftoversOf(best: Candidate, tagged: { tokens: string[]; entities: Entity[] }, sc: Scorer): string[] {
  const words = tagged.tokens.filter((t) => !ENTITY_TYPES.has(t) && !isFiller(t) && (isValueLike(t) || !sc.knows(t)));
  const usedSet = usedEntities(best.filled);
  const values = tagged.entities.filter((e) => !usedSet.has(e) && ['NAME', 'ADDR', 'NS', 'NUM', 'PORT', 'TZ', 'TIME', 'GUID', 'IMAGE', 'CLUSTER'].includes(e.type)).map((e) => e.value);
  return [...words, ...values];
}

function uniqueBy<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => (seen.has(key(x)) ? false : (seen.add(key(x)), true)));
}

/** Changes that open a Service up (the others close it). */
const OPENING = new Set<CommandKind>(['makePublic', 'unrestrict']);

/** Why a change is not certain enough to plan straight away, or undefined when it is. */
/** The Service is already where this change would put it ("make public" on a public Service): something else was meant. */
function stateDoubt(best: Candidate, complete: Candidate[], snap: Snapshot): string | undefined {
  const svc = best.filled.used.get('service')?.[0];
  if (!best.ranked.intent.when || !svc) return undefined;
  const cluster = (best.command as { cluster?: string }).cluster ?? snap.defaultCluster;
  const state = cluster ? own(snap.inventories, cluster)?.items.find((x) => x.name === svc.value && x.state)?.state : undefined;
  const fits = (c: Candidate) => !c.ranked.intent.when || !state || state.some((st) => c.ranked.intent.when!.includes(st));
  if (fits(best)) return undefined;
  // only a tie-breaker: another change to the same Service, the same way round (opening or closing), that would do
  // something ("open X back up": unrestrict or make public); closing it instead is not what removing a limit asks
  const way = (c: Candidate) => (OPENING.has(kindOf(c.ranked.intent)) ? 'open' : 'close');
  const other = complete.find((c) => c !== best && c.ranked.intent.write && c.ranked.intent.when && fits(c) && way(c) === way(best) && c.filled.used.get('service')?.[0]?.value === svc.value);
  return other ? `${svc.value} is ${state!.join(' and ')} on ${cluster} already, so \`${best.canonical}\` would change nothing.` : undefined;
}

function writeDoubt(sc: Scorer, best: Candidate, complete: Candidate[], question: boolean, negatedMsg: boolean, request: boolean, messageReverses: boolean, verb: string | undefined, snap: Snapshot, text = ''): string | undefined {
  if (negatedMsg) return 'Your message says "not", so I will not guess.';
  if (question) return 'That reads like a question, and this would be a change.';
  const kind = kindOf(best.ranked.intent);
  if (best.ranked.score < WRITE_AT_LEAST) return 'I am not sure I understood the request.';
  if (best.ranked.uncovered > UNCOVERED_AT_MOST) return 'Your words match that change only in part.';
  // a change with no value to name ("disable ip ranges") must be said in full: its object is all there is to go on
  const slotless = !/\{\w+\}/.test(best.ranked.intent.command.replace(/\[[^\]]*\]/g, ''));
  if (slotless && best.ranked.uncovered > SLOTLESS_UNCOVERED_AT_MOST) return 'Your words match that change only in part.';
  if (best.ranked.exampleReverses !== messageReverses) return 'I am not sure which way round you mean it.';
  const conflict = CONFLICT_DOUBT ? best.ranked.conflicts.find((w) => sc.usedByAnotherWrite(w, (it) => kindOf(it) !== kind)) : undefined;
  if (conflict) return `${quoted(conflict)} usually asks for another change.`;
  // "let A reach B" with no request around it: allow it, or asking whether A can? (with "please" it is the change)
  if (kind === 'allowFlow' && !request && verb === 'let' && complete.some((c) => c.command?.kind === 'canReach'))
    return '"let A reach B" can mean allowing it or asking whether it can.';
  // a read that scores nearly as well: unless the message plainly asks for something to be done
  // (round 9a: nor the opposite change clearly behind it: "someone put X on the list by mistake, can we take it off?")
  const runnerUp = complete.find((c) => c !== best && c.canonical !== best.canonical && !(request && !c.ranked.intent.write) && !(opposite(best, c) && best.ranked.score > c.ranked.score + ASK_WITHIN));
  if (runnerUp && runnerUp.adjusted > best.adjusted - WRITE_AHEAD_BY) return 'I am not sure I understood the request.';
  // another change that reads almost as well ("open X up to everyone": make public, or lift its restriction?)
  // (a change the other way round, "zero-trust X" against "delete the default deny policies in X", is no rival)
  // (a change that leaves out a value this reading uses, "allowlist my ip" for "only I can open X", is no rival)
  const otherChange = complete.find((c) => c.ranked.intent.write && kindOf(c.ranked.intent) !== kind && c.adjusted > best.adjusted - WRITE_RIVAL_WITHIN && !(c.ranked.exampleReverses !== messageReverses && best.ranked.exampleReverses === messageReverses) && c.unused.length <= best.unused.length && !oppositeSideUnsaid(kind, c.command?.kind, text));
  if (otherChange) return `It could also mean \`${otherChange.canonical}\`.`;
  for (const [, es] of best.filled.used)
    for (const e of es) {
      // (round 12d: a short name with no other reading, at one end of a flow whose ends are neighbours, is no guess)
      // (round 13a: never a piece of a longer name nobody has: "ratings-web" is no short name for orders-web)
      if (e.quality === 'partial' && e.type === 'NAME' && !e.alternatives?.length && !e.pieceOfName && flowEndsAgree(best.command, snap)) continue;
      if (e.quality === 'fuzzy' || e.quality === 'partial') return `I read ${quoted(e.value)} from your words, not exactly as you typed it.`;
      if (e.type === 'NAME' && e.quality === 'unknown') return `I can't see anything named ${quoted(e.value)} on the clusters I know.`;
      if (e.type === 'DUR' && e.quality === 'unknown') return 'I could not tell how long that should last.';
    }
  if (best.unused.length) return `Your message also mentions ${best.unused.map((e) => e.value || e.type.toLowerCase()).join(', ')}, which this change would not use.`;
  return undefined;
}

/** Changes that undo each other. */
const OPPOSITES: Array<[CommandKind, CommandKind]> = [['allowlistAdd', 'allowlistRemove'], ['makeInternal', 'makePublic'], ['restrict', 'unrestrict'], ['zeroTrust', 'removeZeroTrust']];
function opposite(a: Candidate, b: Candidate): boolean {
  const [ka, kb] = [a.command?.kind, b.command?.kind];
  return OPPOSITES.some(([x, y]) => (ka === x && kb === y) || (ka === y && kb === x));
}

/** The reading itself, then other names a loose match could mean, then the next-best reading. */
function alternativesOf(best: Candidate, complete: Candidate[], entities: Entity[]): Choice[] {
  const out: Choice[] = [choice(best)];
  for (const [, es] of best.filled.used)
    for (const e of es)
      for (const alt of e.alternatives ?? []) {
        const swapped = entities.map((x) => (x === e ? { ...x, value: alt, quality: 'exact' as const } : x));
        const c = candidate(best.ranked, swapped);
        if (c.canonical && !out.some((o) => o.command === c.canonical)) out.push(choice(c));
      }
  // (never the opposite of the reading: "someone put X on the list, can we take it off" offers no button adding X)
  for (const c of complete) if (c !== best && c.canonical && !out.some((o) => o.command === c.canonical) && c.adjusted >= best.adjusted - 0.2 && !opposite(best, c)) out.push(choice(c));
  // the other changes to the same Service are likely what was meant
  for (const c of complete)
    if (c !== best && c.canonical && c.ranked.intent.when && !out.some((o) => o.command === c.canonical) && c.filled.used.get('service')?.[0]?.value === best.filled.used.get('service')?.[0]?.value)
      out.push(choice(c));
  return out.slice(0, 3);
}

function ambiguousName(best: Candidate, complete: Candidate[], entities: Entity[]): Understanding | undefined {
  for (const [, es] of best.filled.used)
    for (const e of es)
      if ((e.quality === 'partial' || e.quality === 'fuzzy') && e.alternatives?.length) {
        const options = alternativesOf(best, [], entities);
        if (options.length > 1) return { kind: 'ask', question: `Which ${e.type === 'NAME' ? 'one' : 'value'} do you mean?`, detail: `${quoted(e.value)} could be more than one name:`, options, intent: best.ranked.intent.intent, score: best.ranked.score };
      }
  return undefined;
}

/** The grammar's reading names a workload that is only on another cluster: say so and offer that cluster. */
function absentOnChosen(command: Command, names: string[], namespace: string | undefined, snap: Snapshot): Understanding | undefined {
  const chosen = (command as { cluster?: string }).cluster ?? snap.defaultCluster;
  if (!chosen || !own(snap.inventories, chosen)) return undefined;
  if (namespace && !own(snap.inventories, chosen)!.namespaces.includes(namespace)) {
    // "lock down ratings-web": a workload's name where a namespace goes means the namespace it lives in, if asked
    const homes = [...new Set(own(snap.inventories, chosen)!.items.filter((x) => x.name === namespace).map((x) => x.namespace))];
    if (homes.length) {
      const options = homes.slice(0, 3).map((ns) => ({ title: format({ ...command, namespace: ns } as Command), command: format({ ...command, namespace: ns } as Command) }));
      return { kind: 'ask', question: `${namespace} is a workload, not a namespace, on ${chosen}`, detail: `It lives in ${homes.join(', ')}. Did you mean its namespace?`, options, intent: command.kind, score: 1 };
    }
    const there = Object.entries(snap.inventories).filter(([, i]) => i.namespaces.includes(namespace)).map(([c]) => c);
    if (there.length) {
      const options = there.slice(0, 3).map((c) => ({ title: format({ ...command, cluster: c } as Command), command: format({ ...command, cluster: c } as Command) }));
      return { kind: 'ask', question: `${chosen} has no namespace ${namespace}`, detail: `${there.join(', ')} has. Run it there?`, options, intent: command.kind, score: 1 };
    }
  }
  for (const n of names) {
    const bare = n.split('/').pop()!;
    const here = own(snap.inventories, chosen)!.items.some((x) => x.name === bare);
    const there = Object.entries(snap.inventories).filter(([, i]) => i.items.some((x) => x.name === bare)).map(([c]) => c);
    if (here || !there.length || n === 'internet') continue;
    const options = there.slice(0, 3).map((c) => ({ title: format({ ...command, cluster: c } as Command), command: format({ ...command, cluster: c } as Command) }));
    return { kind: 'ask', question: `${bare} is not on ${chosen}`, detail: `It is on ${there.join(', ')}. Run it there?`, options, intent: command.kind, score: 1 };
  }
  return undefined;
}

/** A workload or Service named in the message that the chosen cluster does not have, but another does. */
function absentFromChosenCluster(best: Candidate, snap: Snapshot): Understanding | undefined {
  const cmd = best.command as { cluster?: string };
  const chosen = cmd.cluster ?? snap.defaultCluster;
  if (!chosen || !own(snap.inventories, chosen) || !('cluster' in cmd || specOf(best.command!.kind).usage.includes('on <cluster>'))) return undefined;
  const ns = best.filled.used.get('namespace')?.[0];
  if (ns && !own(snap.inventories, chosen)!.namespaces.includes(ns.value)) {
    const there = Object.entries(snap.inventories).filter(([, i]) => i.namespaces.includes(ns.value)).map(([c]) => c);
    if (there.length) {
      const options = there.slice(0, 3).map((c) => ({ title: format({ ...best.command!, cluster: c } as Command), command: format({ ...best.command!, cluster: c } as Command) }));
      return { kind: 'ask', question: `${chosen} has no namespace ${ns.value}`, detail: `${there.join(', ')} has. Run it there?`, options, intent: best.ranked.intent.intent, score: best.ranked.score };
    }
  }
  for (const slot of ['service', 'from', 'to', 'target']) {
    for (const e of best.filled.used.get(slot) ?? []) {
      if (e.type !== 'NAME' || !e.where) continue;
      const clusters = Object.keys(e.where);
      if (clusters.includes(chosen) || !clusters.length) continue;
      const options = clusters.slice(0, 3).map((c) => {
        const cmdOn = format({ ...best.command!, cluster: c } as Command);
        return { title: `${cmdOn}`, command: cmdOn };
      });
      return { kind: 'ask', question: `${e.value} is not on ${chosen}`, detail: `It is on ${clusters.join(', ')}. Run it there?`, options, intent: best.ranked.intent.intent, score: best.ranked.score };
    }
  }
  return undefined;
}

/** The intent is clear but a value is missing: offer the values the cluster has, never pick one. */
function missingSlot(best: Candidate, snap: Snapshot, negatedMsg: boolean, entities: Entity[]): Understanding {
  const it = best.ranked.intent;
  // round 9a: a change that opens access, read weakly from words that name nothing ("I'll be back in ten minutes",
  // "hey bot u up"), is no request to pick a Service to open: "I don't know" (which never offers an opening change)
  if (OPENS_ACCESS.has(kindOf(it)) && best.ranked.score < OPENER_ASK_AT_LEAST && !entities.some((e) => TARGET_VALUES.has(e.type)))
    return lost(getScorer(), [best.ranked], entities, best.ranked.score);
  const slot = best.filled.missing[0] ?? '';
  const chosen = (entities.find((e) => e.type === 'CLUSTER')?.value) ?? snap.defaultCluster;
  const inventories = chosen && own(snap.inventories, chosen) ? [own(snap.inventories, chosen)!] : Object.values(snap.inventories);
  let values: string[] = [];
  if (slot === 'service') values = inventories.flatMap((i) => i.items.filter((x) => x.kind === 'Service' && x.type === 'LoadBalancer').map((x) => x.name));
  else if (slot === 'namespace') values = inventories.flatMap((i) => i.namespaces.filter((ns) => !/^kube-|^default$/.test(ns)));
  else if (slot === 'cluster') values = snap.clusters;
  const options: Choice[] = [];
  if (!(it.write && negatedMsg))
    for (const v of [...new Set(values)]) {
      const extra: Entity = { type: slot === 'namespace' ? 'NS' : slot === 'cluster' ? 'CLUSTER' : 'NAME', value: v, quality: 'exact', at: -1 };
      const c = candidate(best.ranked, [extra, ...entities]);
      if (c.canonical && !options.some((o) => o.command === c.canonical)) options.push(choice(c));
      if (options.length === 4) break;
    }
  // e.g. `allowlist <ip>` without an address: `allowlist my ip` is the other way to say it
  for (const other of it.offer ?? []) {
    const o = getScorer().intents.find((x) => x.intent === other);
    const c = o && candidate({ ...best.ranked, intent: o }, [{ type: 'MYIP', value: 'my ip', quality: 'exact', at: -1 }, ...entities]);
    if (c?.canonical && !(o!.write && negatedMsg)) options.push(choice(c));
  }
  const spec = specOf(kindOf(it));
  const question = it.ask ?? `Which ${slot === 'sources' || slot === 'ranges' ? 'address or range' : slot}?`;
  return { kind: 'ask', question, detail: `Usage: ${spec.usage}`, options, intent: it.intent, score: best.ranked.score };
}

/** An imagined change: say nothing was changed, and offer the reads that tell what it would touch. */
function imagined(sc: Scorer, best: Candidate, ranked: Ranked[], entities: Entity[]): Understanding {
  const reads = lost(sc, ranked.filter((r) => !r.intent.write), entities, best.ranked.score);
  const what = best.ranked.intent.write && best.canonical ? ` \`${best.canonical}\`` : ' that';
  // round 9a: about a change we know, the question is answered with a choice of the reads that show its state (the
  // state of the very change first); never a button for the change itself
  const state = best.ranked.intent.write ? stateRead(best) : undefined;
  const options = [...(state?.kind === 'sure' ? [{ title: state.command, command: state.command }] : []), ...(reads.kind === 'lost' ? reads.suggestions : [])];
  if (options.length) return { kind: 'ask', question: `That reads as "what if", so I changed nothing.`, detail: `I can't predict the effect of${what}; these show the current state:`, options: uniqueBy(options, (o) => o.command).slice(0, 3), intent: best.ranked.intent.intent, score: best.ranked.score };
  return {
    kind: 'lost',
    reply: `That reads as "what if", so I changed nothing. I can't predict the effect of${what}; these show the current state:`,
    suggestions: reads.kind === 'lost' ? reads.suggestions : [],
    score: best.ranked.score,
  };
}


/** Advice asked about a change: where it stands now, and (unless the message says not to) the plan to look at. */
function adviceAsked(change: Candidate, negatedMsg: boolean): Understanding {
  const state = stateRead(change);
  const options: Choice[] = state?.kind === 'sure' ? [{ title: state.command, command: state.command }] : [];
  if (change.canonical && !negatedMsg) options.push(choice(change));
  const what = change.canonical ? `\`${change.canonical}\`` : 'that change';
  return { kind: 'ask', question: `I can't advise on ${what}, so I changed nothing.`, detail: 'This shows where it stands now; the plan shows exactly what it would change, and nothing changes until it is approved.', options, intent: change.ranked.intent.intent, score: change.ranked.score };
}

/** "don't X, I only want to know what it would change": the state of X is offered; X itself never is. */
function effectAsked(change: Candidate): Understanding {
  const state = stateRead(change);
  const options: Choice[] = state?.kind === 'sure' ? [{ title: state.command, command: state.command }] : [];
  const what = change.canonical ? `\`${change.canonical}\`` : 'that';
  return { kind: 'ask', question: `You said not to, so I won't ${what}. Nothing was changed.`, detail: "I can't predict its effect; this shows the current state:", options, intent: change.ranked.intent.intent, score: change.ranked.score };
}

/** A word that asks about a score over time: without one (or a period), a trend is no reading ("who can get to X right now"). */
const TREND_WORD = /^(?:trend\w*|history|historic\w*|overtime|time|chart\w*|graph\w*|progress\w*|improv\w*|better|worse|safer|getting|going|chang\w*|evolv\w*|across|weeks?|months?|days?|recent\w*|since|over|past|lately|previous\w*|DUR|SINCE|SPAN)$/;
/** The area a trend is about, by the words that name it (none or several: the overall trend). */
const TREND_AREAS: Array<[RegExp, string]> = [
  [/^(?:apiserver|authorizedranges|allowlist|controlplane)$/, 'trend control plane'],
  [/^(?:exposure|exposed|public|loadbalancer)$/, 'trend exposure'],
  [/^(?:networkpolicy|network|policy|policies|zerotrust)$/, 'trend network policy'],
  [/^(?:images?|imgs?|vulnerability|vulnerabilities|containers?)$/, 'trend images'],
];
const isTrend = (r: Ranked) => kindOf(r.intent) === 'trend';

/**
 * Round 9a: a trend is read only when the words ask about time, and its area is the one the words name ("trend prod
 * 7d" names none: the overall trend; "the control plane score trend" is the control plane's), whatever example scored best.
 */
function trendsRead(ranked: Ranked[], tokens: string[]): Ranked[] {
  const top = ranked[0];
  if (!top || !isTrend(top)) return ranked;
  if (!tokens.some((w) => TREND_WORD.test(w))) return ranked.filter((r) => !isTrend(r));
  const named = TREND_AREAS.filter(([re]) => tokens.some((w) => re.test(w))).map(([, command]) => command);
  const area = named.length === 1 ? named[0] : 'trend';
  const wanted = ranked.find((r) => isTrend(r) && r.intent.command.replace(/\[.*$/, '') === area);
  if (!wanted) return ranked;
  return [{ ...wanted, score: Math.max(wanted.score, top.score) }, ...ranked.filter((r) => !isTrend(r))];
}

function onConditionText(command: string, intent: string, score: number): Understanding {
  return {
    kind: 'ask',
    question: `Only when your condition holds: \`${command}\`?`,
    detail: "I can't tell when it does, so I changed nothing. Pick this when it is time; you still approve the plan.",
    options: [{ title: command, command }],
    intent,
    score,
  };
}

/** A change ordered on a condition: one button for it (still a plan to approve), or the usual question for a missing value. */
function onCondition(change: Candidate, snap: Snapshot, entities: Entity[]): Understanding {
  if (!change.command) return missingSlot(change, snap, false, entities);
  return onConditionText(change.canonical!, change.ranked.intent.intent, change.ranked.score);
}

/**
 * "don't disable the ranges on prod", "never allowlist 0.0.0.0/0": nothing changes, and (round 11c) the answer is a
 * question card offering where that change stands now (its state read first), never the change itself: the writers
 * since the fourth expect a card to act on, and a state to look at is the one next step a prohibition leaves.
 */
function negated(sc: Scorer, best: Candidate, ranked: Ranked[], tagged: { tokens: string[]; entities: Entity[] }, question: boolean): Understanding {
  const reads = lost(sc, ranked.filter((r) => !r.intent.write), tagged.entities, best.ranked.score);
  // (a bare "not X" corrects a name and names no change; "… cannot list pods, why?" asks a cause: no order not to;
  // "X, never mind" takes a change back rather than forbids it: retracted.ts says so)
  const forbids = tagged.tokens.some((t, i) => t === 'not' || (t === 'never' && tagged.tokens[i + 1] !== 'mind') || (t === 'longer' && tagged.tokens[i - 1] === 'no'));
  const saysAChange = !question && forbids && tagged.tokens.some((t) => !ENTITY_TYPES.has(t) && !isFiller(t) && !sc.isFunctionWord(t) && !NEGATION_WORD.test(t));
  const state = best.ranked.intent.write && best.canonical && saysAChange ? stateRead(best) : undefined;
  if (state?.kind === 'sure') return { kind: 'ask', question: `You said not to, so I won't \`${best.canonical}\`. Nothing was changed.`, detail: 'Did you want to see where it stands now?', options: [{ title: state.command, command: state.command }], intent: best.ranked.intent.intent, score: best.ranked.score };
  return {
    kind: 'lost',
    negated: true,
    reply: best.canonical ? `You said not to, so I won't \`${best.canonical}\`. Nothing was changed.` : 'You said not to, so I changed nothing.',
    suggestions: reads.kind === 'lost' ? reads.suggestions : [],
    score: best.ranked.score,
  };
}

const NEGATION_WORD = /^(?:not|never|no|nope|longer)$/;

const OPENS_ACCESS = new Set<string>(['makePublic', 'unrestrict', 'ipRangesDisable', 'removeZeroTrust', 'allowFlow']);

/** "I don't know" with the nearest commands, completed with the message's own values where they fit. */
function lost(sc: Scorer, ranked: Ranked[], entities: Entity[], score: number, reply?: string): Understanding {
  const suggestions: Choice[] = [];
  for (const r of ranked.slice(0, 6)) {
    // words we could not read never get a button that opens access ("lock it down" must not offer `make … public`)
    if (OPENS_ACCESS.has(kindOf(r.intent))) continue;
    const c = candidate(r, entities);
    const text = c.canonical ?? specOf(kindOf(r.intent)).example;
    if (!suggestions.some((s) => s.command === text)) suggestions.push({ title: text, command: text });
    if (suggestions.length === 3) break;
  }
  if (!suggestions.length) suggestions.push({ title: 'help', command: 'help' }, { title: 'status', command: 'status' });
  void sc;
  return { kind: 'lost', reply: reply ?? "I don't know how to do that. The nearest things I can do:", suggestions, score };
}
