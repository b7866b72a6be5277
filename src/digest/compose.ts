import { randomBytes } from 'node:crypto';
import type { AdaptiveCard } from '../cards/render.js';
import type { ClusterInfo } from '../domain.js';
import { UserError } from '../errors.js';
import type { Posture } from '../posture/assess.js';
import type { Services } from '../handlers/types.js';
import { approvalRows, clusterView, expiringRows, headlineOf, overviewFact, paginate, renderDigestPage, type DigestSnapshot } from '../cards/digest.js';
import { digestTrends } from '../cards/digestTrends.js';
import { diffPosture } from '../posture/diff.js';
import { loadMemory } from './memory.js';
import { clusterKey } from './scan.js';
import { shortInZone } from '../text/time.js';

/** Timed entries due within this window (or before the next digest, if later) count as "expiring soon". */
const EXPIRING_HORIZON_MS = 24 * 3600_000;

export interface ComposeInput {
  conversationId: string;
  /** e.g. "Daily at 09:00 Europe/Berlin · Sat 2026-11-28 09:00 CET". */
  subtitle: string;
  postures: Posture[];
  /** Scope names Palisade cannot see (any more). */
  missing: string[];
  nowMs: number;
  timeZone: string;
  nextRunMs?: number;
}

export interface ComposedDigest {
  snapshot: DigestSnapshot;
  card: AdaptiveCard;
  /** Set when the digest has several pages: the stored snapshot "show more" reads. */
  pageId?: string;
}

export function pageDocId(run: string): string {
  return `page:${run}`;
}

/** Clusters named in a scope (case-insensitive), or all of them; names Palisade cannot see are returned apart. */
export function resolveScope(all: ClusterInfo[], names: string[]): { clusters: ClusterInfo[]; missing: string[] } {
  if (!names.length) return { clusters: all, missing: [] };
  const clusters: ClusterInfo[] = [];
  const missing: string[] = [];
  for (const n of names) {
    const hits = all.filter((c) => c.name.toLowerCase() === n.toLowerCase());
    if (hits.length) clusters.push(...hits.filter((h) => !clusters.includes(h)));
    else missing.push(n);
  }
  return { clusters, missing };
}

/** Throws a UserError naming what Palisade can see when a scope names an unknown cluster. */
export function requireScope(all: ClusterInfo[], names: string[]): ClusterInfo[] {
  const { clusters, missing } = resolveScope(all, names);
  if (missing.length)
    throw new UserError(
      `I can't see ${missing.length === 1 ? 'a cluster' : 'clusters'} named ${missing.join(', ')}.`,
      all.length ? `Clusters I can see: ${all.map((c) => c.name).join(', ')}.` : 'I cannot see any cluster: check AZURE_SUBSCRIPTION_IDS and my access.',
    );
  if (!clusters.length) throw new UserError('I cannot see any AKS cluster.', 'Check AZURE_SUBSCRIPTION_IDS and that my identity can read the subscriptions.');
  return clusters;
}

/** Builds a digest for one conversation from a shared scan: changes since its last digest, approvals, expiring entries. */
export async function composeDigest(s: Services, input: ComposeInput): Promise<ComposedDigest> {
  const fmt = (ms: number) => shortInZone(ms, input.timeZone);
  const memory = await loadMemory(s.store, input.conversationId);
  const sorted = [...input.postures].sort((a, b) => a.score - b.score || a.cluster.name.localeCompare(b.cluster.name));
  const changes = sorted.map((p) => diffPosture(memory?.clusters[clusterKey(p.cluster)], p));
  const names = new Set(sorted.map((p) => p.cluster.name.toLowerCase()));
  const subscriptions = new Set(sorted.map((p) => p.cluster.subscriptionId));
  const plans = (await s.engine.pendingPlans()).filter((p) =>
    p.target.cluster ? names.has(p.target.cluster.toLowerCase()) : Boolean(p.target.subscriptionId && subscriptions.has(p.target.subscriptionId)),
  );
  const horizon = input.nowMs + Math.max(EXPIRING_HORIZON_MS, (input.nextRunMs ?? 0) - input.nowMs);
  const timers = (await s.engine.pendingTimers())
    .filter((t) => t.cluster && names.has(t.cluster.toLowerCase()) && Date.parse(t.dueAt) <= horizon)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  // Charts are a nicety: a digest without them beats no digest
  const histories = await s.history.readMany(sorted.map((p) => p.cluster)).catch((err: unknown) => {
    s.log.warn({ err }, 'posture history could not be read; digest without trend lines');
    return new Map();
  });
  const approvals = approvalRows(plans, fmt);
  const { headline, tone } = headlineOf(sorted, changes);
  const run = randomBytes(12).toString('base64url');
  const snapshot = paginate({
    run,
    conversationId: input.conversationId,
    title: sorted.length === 1 ? sorted[0].cluster.name : `${sorted.length} clusters`,
    subtitle: input.subtitle,
    headline,
    tone,
    overview: sorted.map((p, i) => overviewFact(p, changes[i])),
    clusters: sorted.map((p, i) => clusterView(p, changes[i], fmt)),
    approvals: approvals.rows,
    approvalsMore: approvals.more,
    expiring: expiringRows(timers, input.nowMs, fmt),
    notes: input.missing.map((n) => ({ text: `${n}: I cannot see this cluster any more, so it is not in this digest.` })),
    trends: digestTrends(sorted, changes, histories, input.nowMs),
  });
  const pageId = snapshot.pages.length > 1 ? pageDocId(run) : undefined;
  if (pageId) await s.store.put('digests', pageId, snapshot);
  return { snapshot, card: renderDigestPage(snapshot, 1), pageId };
}
