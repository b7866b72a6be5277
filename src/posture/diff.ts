import type { Severity } from '../domain.js';
import type { Posture, PostureFinding } from './assess.js';

/** Pure: what changed in a cluster's posture since the last time someone was shown it. */

/** What a digest remembers of one cluster, to tell the next digest in the same conversation what changed. */
export interface ClusterMemory {
  name: string;
  score: number;
  at: string;
  findings: Array<{ id: string; severity: Severity; title: string }>;
}

export interface ClusterChange {
  /** Undefined on the first digest of this cluster in this conversation. */
  previous?: { score: number; at: string };
  scoreDelta: number;
  added: PostureFinding[];
  fixed: ClusterMemory['findings'];
}

/** "Could not read" findings (see assess.ts) → the id prefixes of the findings that area would have produced. */
const UNREADABLE: Record<string, string[]> = { 'kube.unreachable': ['wl.', 'np.'], 'img.unreachable': ['img.'] };

export function remember(p: Posture): ClusterMemory {
  return {
    name: p.cluster.name,
    score: p.score,
    at: p.checkedAt,
    findings: uniqueById(p.areas.flatMap((a) => a.findings)).map((f) => ({ id: f.id, severity: f.severity, title: f.title })),
  };
}

/** Pure: new and fixed findings (by stable id) and the score trend against what the last digest showed. */
export function diffPosture(previous: ClusterMemory | undefined, now: Posture): ClusterChange {
  const current = uniqueById(now.areas.flatMap((a) => a.findings));
  if (!previous) return { scoreDelta: 0, added: [], fixed: [] };
  const before = new Set(previous.findings.map((f) => f.id));
  const after = new Set(current.map((f) => f.id));
  // An area that could not be read is no evidence that its findings were fixed
  const unknown = current.flatMap((f) => UNREADABLE[f.id] ?? []);
  return {
    previous: { score: previous.score, at: previous.at },
    scoreDelta: now.score - previous.score,
    added: current.filter((f) => !before.has(f.id)),
    fixed: previous.findings.filter((f) => !after.has(f.id) && !unknown.some((prefix) => f.id.startsWith(prefix))),
  };
}

/** "Could not read" findings share one id across areas: count each id once. */
function uniqueById<T extends { id: string }>(findings: T[]): T[] {
  return [...new Map(findings.map((f) => [f.id, f])).values()];
}
