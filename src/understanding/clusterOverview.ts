import { proposesChange } from '../commands/grammar.js';
import { tagEntities } from './entities.js';
import { normaliseText } from './normalise.js';
import type { Snapshot, Understanding } from './types.js';

/**
 * Round 12c: a cluster asked to be shown with nothing else named, "show prod", "give me a quick rundown of prod",
 * "an overview of the workshop cluster please": the cluster's overall posture, its status (not one of its lists,
 * which "show CLUSTER" met on the allowlist's "show the allowlist for {cluster}").
 */
const VIEW = new Set(['show', 'give', 'get', 'see', 'overview', 'rundown', 'summary', 'picture', 'snapshot', 'lowdown', 'view', 'display']);
const AROUND = new Set(['me', 'us', 'a', 'an', 'the', 'quick', 'brief', 'short', 'high-level', 'general', 'overall', 'of', 'on', 'for', 'cluster', 'please', 'pls', 'can', 'could', 'would', 'you', 'i', 'we', 'have', 'just', 'ok', 'okay', 'so', 'an', 'now']);

export function clusterOverviewRead(typed: string, snap: Snapshot, vocabulary: ReadonlySet<string>, u: Understanding): Understanding {
  if (typeof typed !== 'string' || (u.kind === 'sure' && (proposesChange(u.command) || /^status\b/.test(u.command))) || (u.kind === 'lost' && u.negated)) return u;
  const words = typed.toLowerCase().match(/[a-z0-9][a-z0-9-]*/g) ?? [];
  if (!words.some((w) => VIEW.has(w)) || words.length > 10) return u;
  const rest = words.filter((w) => !VIEW.has(w) && !AROUND.has(w));
  if (!rest.length || rest.length > 2) return u;
  const n = normaliseText(rest.join(' '));
  const { tokens, entities } = tagEntities(n.tokens, snap, vocabulary);
  const clusters = [...new Set(entities.filter((e) => e.type === 'CLUSTER' && e.quality !== 'unknown').map((e) => e.value))];
  if (clusters.length !== 1 || !tokens.every((t) => t === 'CLUSTER') || normaliseText(typed).negated) return u;
  return { kind: 'sure', command: `status on ${clusters[0]}`, intent: 'status', score: u.score };
}
