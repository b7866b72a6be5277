import type { Entity, Tagged } from './entities.js';
import { ENTITY_TYPES, messageClusterOf, tagEntities, withoutVagueLengths } from './entities.js';
import { normaliseText, type Normalised } from './normalise.js';
import type { Snapshot } from './types.js';
import { periodSetsTheScene } from './periodContext.js';

/**
 * Long messages carry one request among context: "Our CI runners egress through 203.0.113.64/27; please add that
 * range to the production cluster's authorized IPs." Each clause is a reading of its own, with the values of the
 * whole message (the address was in the other clause), so the scorer can judge the request without the context
 * words. "not" anywhere in the message still counts: a clause never drops a negation.
 */

export interface View {
  n: Normalised;
  tagged: Tagged;
  /** The whole message (not one clause of it). */
  whole: boolean;
  /** A clause that is neither a request nor a question of its own ("the IP limit on X is not needed any more"). */
  statement?: boolean;
}

/** Sentence ends, semicolons, commas, dashes (" — ", " - ") and "then" that start a new clause (never the dots inside an address or a version). */
// (chat without punctuation: an emoji ends a sentence, and "…broke the demo can we make it public" asks from "can we")
const CLAUSE_END = /(?<=[.?!;])\s+|;\s*|,\s+|:\s+|\s+[—–]\s+|\s+--?\s+|\s+then\s+|\s*\p{Extended_Pictographic}[\p{Extended_Pictographic}\u{FE0F}\u{200D}]*\s*|(?<!\b(?:how|what|where|when|why|which|who|whom|if|whether|that|and|or)\s*)\s+(?=(?:can|could|would) (?:you|we|u)\b)/iu;

const CONTINUES = /^(?:into|in|to|onto|on|for|from|with|at|until|till|by)\b/i;

/** Words that only say where the values are. */
const WHERE_WORDS = new Set(['cluster', 'namespace', 'ns', 'ctx', 'context', 'is', 'it', 'on', 'in', 'the']);

/**
 * A value that says when something happened, not when the request should: a past period ("last week", "today"), or a
 * day after a past-tense verb ("ended on Friday"; "on Friday please remove X" is when to do it, so it is not).
 */
export function saysWhenItHappened(e: Entity, tokens: string[]): boolean {
  if (e.type === 'SINCE') return true;
  return e.type === 'DAY' && tokens.slice(Math.max(0, e.at - 3), e.at).some((w) => /^(?:\w{3,}ed|was|were|did|had|left|broke|went|came|got|began|started)$/.test(w));
}

/** Words that say what a change broke or disturbed: a name after one tells why, it is no value of the request. */
export const BROKE = /^(?:broke|breaks|broken|breaking|disrupted|disrupts|affected|affects|impacted|impacts|killed|kills|hurt|hurts)$/;

/** A name right after a word of breaking ("broke nightly-report", "disrupted the nightly reporting"). */
export function saidAsBroken(e: Entity, tokens: string[]): boolean {
  const before = /^(?:the|our|my|their|its)$/.test(tokens[e.at - 1] ?? '') ? tokens[e.at - 2] : tokens[e.at - 1];
  return BROKE.test(before ?? '');
}

/** Filters whose words are read as values only beside the thing they filter ("deployed" beside "images"). */
const CARRIED = new Set(['RUNNING', 'FIXABLE', 'SEV']);

/** Values of other clauses come after this clause's own words (so "from X … to Y" order within a clause holds). */
const ELSEWHERE = 1000;

export function clauseViews(raw: string, whole: View, snap: Snapshot, vocabulary: ReadonlySet<string>, meaningful: (word: string) => boolean): View[] {
  const parts = raw.split(CLAUSE_END).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2 || parts.length > 6) return [];
  // "…: control plane, exposure, policy and images." — the short items of a list after a colon are no requests
  const listStart = listAfterColon(raw, parts);
  // names in a clause are read on the cluster the whole message is about ("…, cluster is aks-cilium")
  const messageCluster = messageClusterOf(whole.n.tokens, snap, vocabulary);
  const tagged = parts.map((p) => {
    const n = normaliseText(p);
    return { n, tagged: tagEntities(n.tokens, snap, vocabulary, messageCluster) };
  });
  // (round 9b: a value only the whole message shows, "…: fixable, only stuff actually deployed" where "deployed" is a
  // filter because the first clause is about images, comes along with every clause)
  const found = tagged.flatMap((t) => t.tagged.entities.map((e) => `${e.type}:${e.value}`));
  const wholeOnly = whole.tagged.entities.filter((e) => CARRIED.has(e.type) && !found.includes(`${e.type}:${e.value}`)).map((e) => ({ ...e, at: e.at + ELSEWHERE * (parts.length + 1), said: e.at }));
  return tagged
    .map((t, k) => ({ ...t, k }))
    // a clause of values alone ("…, 203.0.113.0/24.") says nothing about what to do with them
    // (nor does one that only says where: "cluster is aks-cilium", "shop namespace")
    .filter((t) => t.tagged.tokens.some((w) => !ENTITY_TYPES.has(w) && !WHERE_WORDS.has(w) && meaningful(w)))
    // (a clause that starts with a preposition, "…, into the aks-prod API for 12 hours?", continues the one before)
    .filter((t) => t.k === 0 || !CONTINUES.test(parts[t.k]))
    .filter((t) => listStart === undefined || t.k < listStart)
    .map((t) => {
      const k = t.k; // (its place among all the clauses, so the values of every other clause come along)
      // (a time said in a clause before a request clause is its context: "I added it last week, could you remove it")
      // (round 9a: and a name said as what broke, in another clause: "undo X in shop, broke nightly-report")
      const context = (e: Entity, j: number) => ((j < k && t.n.request && saysWhenItHappened(e, tagged[j].tagged.tokens)) || (e.type === 'NAME' && saidAsBroken(e, tagged[j].tagged.tokens)) || periodSetsTheScene(e, tagged[j].tagged.tokens) ? { context: true } : {});
      const others: Entity[] = [...tagged.flatMap((o, j) => (j === k ? [] : o.tagged.entities.map((e) => ({ ...e, at: e.at + ELSEWHERE * (j + 1), said: e.at + ELSEWHERE * j, ...context(e, j) })))), ...wholeOnly];
      const own = t.tagged.entities.map((e) => ({ ...e, said: e.at + ELSEWHERE * k, ...(periodSetsTheScene(e, t.tagged.tokens) ? { context: true } : {}) }));
      const n: Normalised = { ...t.n, negated: t.n.negated || whole.n.negated, request: t.n.request || whole.n.request };
      const tokens = [...t.tagged.tokens, ...topicOf(t.tagged.tokens, tagged.slice(0, k).map((o) => o.tagged.tokens), meaningful), ...others.filter((e) => !e.context).map((e) => e.type)];
      return { n, tagged: { tokens, entities: withoutVagueLengths([...own, ...others]) }, whole: false, statement: !t.n.request && !t.n.question };
    });
}

/** The index of the first part of a list of short items (≤ 4 words each, at least two) that ends the message after a colon. */
function listAfterColon(raw: string, parts: string[]): number | undefined {
  const colon = raw.indexOf(': ');
  if (colon < 0) return undefined;
  const before = raw.slice(0, colon).split(CLAUSE_END).filter((p) => p.trim()).length;
  const items = parts.slice(before);
  return items.length >= 2 && items.every((p) => p.split(/\s+/).length <= 4) ? before : undefined;
}

/** What a clause can be about: the thing an "it" or "them" in the next clause stands for. */
const TOPICS = new Set(['zerotrust', 'lockdown', 'defaultdeny', 'networkpolicy', 'allowlist', 'authorizedranges', 'apiserver', 'defender', 'digest', 'digests']);
const PRONOUN = /^(?:it|them|that|this|those|these)$/;
/** Round 12a: "… Services with a LoadBalancer are public. Do we have any like that?": what a vague "any" can be about. */
const ANY_TOPICS = new Set([...TOPICS, 'loadbalancer']);

/**
 * "the zero trust on orders broke checkout, can we remove it again?": a clause that says "it" and names no topic of its
 * own is about the topic of the nearest clause before it that has one (its words are added to the clause's).
 */
function topicOf(own: string[], before: string[][], meaningful: (word: string) => boolean): string[] {
  // (only an "it" a verb acts on, "remove it", "roll them back": "whether that happened" asks about an event)
  // (round 8: so does a vague object, "show me what we have", "tell me if there are any")
  const vague = /\b(?:what (?:we|you|they) (?:have|got)|(?:we|you) have any|there (?:is|are) any)\b/.test(own.join(' '));
  if ((!vague && !own.some((w, i) => PRONOUN.test(w) && i > 0 && meaningful(own[i - 1]))) || own.some((w) => TOPICS.has(w))) return [];
  for (const words of [...before].reverse()) {
    const topics = words.filter((w) => (vague ? ANY_TOPICS : TOPICS).has(w));
    if (topics.length) return [...new Set(topics)];
  }
  return [];
}
