import type { Entity, Tagged } from './entities.js';
import { ENTITY_TYPES, messageClusterOf, tagEntities } from './entities.js';
import { normaliseText, type Normalised } from './normalise.js';
import type { Snapshot } from './types.js';

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
const CLAUSE_END = /(?<=[.?!;])\s+|;\s*|,\s+|:\s+|\s+[—–]\s+|\s+--?\s+|\s+then\s+/i;

const CONTINUES = /^(?:into|in|to|onto|on|for|from|with|at|until|till|by)\b/i;

/** Words that only say where the values are. */
const WHERE_WORDS = new Set(['cluster', 'namespace', 'ns', 'ctx', 'context', 'is', 'it', 'on', 'in', 'the']);

/** Values of other clauses come after this clause's own words (so "from X … to Y" order within a clause holds). */
const ELSEWHERE = 1000;

export function clauseViews(raw: string, whole: View, snap: Snapshot, vocabulary: ReadonlySet<string>, meaningful: (word: string) => boolean): View[] {
  const parts = raw.split(CLAUSE_END).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2 || parts.length > 6) return [];
  // names in a clause are read on the cluster the whole message is about ("…, cluster is aks-cilium")
  const messageCluster = messageClusterOf(whole.n.tokens, snap, vocabulary);
  const tagged = parts.map((p) => {
    const n = normaliseText(p);
    return { n, tagged: tagEntities(n.tokens, snap, vocabulary, messageCluster) };
  });
  return tagged
    .map((t, k) => ({ ...t, k }))
    // a clause of values alone ("…, 203.0.113.0/24.") says nothing about what to do with them
    // (nor does one that only says where: "cluster is aks-cilium", "shop namespace")
    .filter((t) => t.tagged.tokens.some((w) => !ENTITY_TYPES.has(w) && !WHERE_WORDS.has(w) && meaningful(w)))
    // (a clause that starts with a preposition, "…, into the aks-prod API for 12 hours?", continues the one before)
    .filter((t) => t.k === 0 || !CONTINUES.test(parts[t.k]))
    .map((t) => {
      const k = t.k; // (its place among all the clauses, so the values of every other clause come along)
      const others: Entity[] = tagged.flatMap((o, j) => (j === k ? [] : o.tagged.entities.map((e) => ({ ...e, at: e.at + ELSEWHERE * (j + 1) }))));
      const n: Normalised = { ...t.n, negated: t.n.negated || whole.n.negated, request: t.n.request || whole.n.request };
      return { n, tagged: { tokens: [...t.tagged.tokens, ...others.map((e) => e.type)], entities: [...t.tagged.entities, ...others] }, whole: false, statement: !t.n.request && !t.n.question };
    });
}
