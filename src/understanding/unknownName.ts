import { sureChange } from './sureChange.js';
import type { Snapshot, Understanding } from './types.js';

/** A name as people write Kubernetes names: lowercase words joined by hyphens ("ratings-webapp", "payments-api"). */
const NAME = /(?<![\w./-])[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![\w/-])/gi;

/** Everything the snapshot knows by name: clusters, namespaces, workloads and Services. */
function knownNames(snap: Snapshot): Set<string> {
  const names = new Set(snap.clusters.map((c) => c.toLowerCase()));
  for (const inv of Object.values(snap.inventories)) {
    for (const ns of inv.namespaces) names.add(ns.toLowerCase());
    for (const item of inv.items) names.add(item.name.toLowerCase());
  }
  return names;
}

/**
 * Round 13: "restrict ratings-webapp 203.0.113.5" was read as `set ip ranges 203.0.113.5` (a wrong write): the name
 * nobody has was left over, and the change went to something else. A change read while a name-like word it did not
 * use is unknown to every cluster is asked about, never planned.
 */
export function unknownNameAsked(typed: string, u: Understanding, snap: Snapshot): Understanding {
  if (!sureChange(typed, u) || !u.leftovers?.length) return u;
  const left = new Set(u.leftovers.map((w) => w.toLowerCase()));
  const known = knownNames(snap);
  const unknown = [...typed.matchAll(NAME)]
    .map((m) => m[0].toLowerCase())
    .filter((name) => !known.has(name) && !u.command.toLowerCase().includes(name) && name.split('-').every((part) => left.has(part) || /^\d+$/.test(part)));
  if (!unknown.length) return u;
  const near = [...known].filter((k) => unknown.some((n) => k.startsWith(n.split('-')[0]) || n.startsWith(k))).slice(0, 5);
  return {
    kind: 'ask',
    question: `I don't know \`${unknown[0]}\` on ${snap.clusters.length > 1 ? 'any cluster' : snap.clusters[0] ?? 'the cluster'}.`,
    detail: `${near.length ? `Names I know that look like it: ${near.join(', ')}. ` : ''}Nothing changed; say it again with the exact name.`,
    options: [],
    intent: u.intent,
    score: u.score,
  };
}
