import type { StoredPlan, TimerDoc } from '../approvals/types.js';
import type { DigestCardModel, DigestCluster, DigestFinding, DigestPageData, DigestRow, Fact, Tone } from './models.js';
import { type AdaptiveCard, CardTooLargeError, MAX_MESSAGE_BYTES, cardSizeBytes, renderCard } from './render.js';
import { proposesChange } from '../commands/grammar.js';
import { formatDuration } from '../text/durations.js';
import type { Severity } from '../domain.js';
import { countBy, formatCounts, severityRank, type Posture, type PostureFinding } from '../posture/assess.js';
import type { ClusterChange } from '../posture/diff.js';
import type { DigestTrends } from './digestTrends.js';

/** Everything a digest shows, kept so "show more" can render any page later without scanning again. */
export interface DigestSnapshot {
  run: string;
  conversationId: string;
  title: string;
  subtitle: string;
  headline: string;
  tone: Tone;
  overview: Fact[];
  clusters: DigestCluster[];
  approvals: DigestRow[];
  approvalsMore?: string;
  expiring: DigestRow[];
  notes: Array<{ text: string }>;
  /** Charts and what is new, for page 1 (absent in snapshots stored before history existed). */
  trends?: DigestTrends;
  /** [first, end) cluster indexes of each page. */
  pages: Array<[number, number]>;
}

const MAX_FINDINGS_PER_CLUSTER = 12;
const MAX_CHANGES_PER_CLUSTER = 8;
const MAX_CLUSTERS_PER_PAGE = 4;
const MAX_OVERVIEW = 25;
const MAX_ROWS = 5;
/** Room for the footer and the paging buttons added after packing. */
const PAGE_BUDGET = MAX_MESSAGE_BYTES - 1_200;

const LABEL_COLOR: Record<Severity, DigestRow['color']> = { critical: 'Attention', high: 'Attention', medium: 'Warning', low: 'Default', info: 'Accent' };

function fixButton(command: string | undefined): DigestFinding['fix'] {
  if (!command) return undefined;
  return { title: proposesChange(command) ? 'Fix' : 'Details', command };
}

function findingView(f: PostureFinding): DigestFinding {
  return {
    label: f.severity.toUpperCase(),
    color: LABEL_COLOR[f.severity],
    title: f.title,
    why: f.why,
    detail: f.detail,
    ref: [`id ${f.id}`, f.cis ? `CIS AKS ${f.cis}` : undefined].filter(Boolean).join(' · '),
    fix: fixButton(f.fix),
  };
}

export function scoreColor(score: number): DigestCluster['scoreColor'] {
  return score >= 80 ? 'Good' : score >= 50 ? 'Warning' : 'Attention';
}

function trendText(change: ClusterChange, formatTime: (ms: number) => string): string {
  if (!change.previous) return 'First digest of this cluster here';
  const since = `since ${formatTime(Date.parse(change.previous.at))}`;
  const counts = `${change.added.length} new, ${change.fixed.length} fixed`;
  if (change.scoreDelta > 0) return `▲ +${change.scoreDelta} ${since} · ${counts}`;
  if (change.scoreDelta < 0) return `▼ −${-change.scoreDelta} ${since} · ${counts}`;
  return `No score change ${since} · ${counts}`;
}

/** Pure: one cluster's section of the digest, findings by area (worst first), with what changed. */
export function clusterView(p: Posture, change: ClusterChange, formatTime: (ms: number) => string): DigestCluster {
  let budget = MAX_FINDINGS_PER_CLUSTER;
  let hidden = 0;
  const areas = p.areas.map((a) => {
    const sorted = [...a.findings].sort((x, y) => severityRank(y.severity) - severityRank(x.severity));
    const shown = sorted.slice(0, Math.max(0, budget));
    budget -= shown.length;
    hidden += sorted.length - shown.length;
    return { name: a.name, summary: a.summary, findings: shown.map(findingView) };
  });
  const changes: DigestRow[] = [
    ...change.added.map((f) => ({ label: 'NEW', color: LABEL_COLOR[f.severity], title: f.title, detail: `${f.severity} · id ${f.id}` })),
    ...change.fixed.map((f) => ({ label: 'FIXED', color: 'Good' as const, title: f.title, detail: `was ${f.severity} · id ${f.id}` })),
  ];
  const moreChanges = changes.length - MAX_CHANGES_PER_CLUSTER;
  if (moreChanges > 0) changes.splice(MAX_CHANGES_PER_CLUSTER, moreChanges, { label: '…', color: 'Default', title: `and ${moreChanges} more changes` });
  return {
    name: p.cluster.name,
    detail: `${p.cluster.subscriptionId} · ${p.cluster.resourceGroup} · ${p.cluster.location}`,
    score: String(p.score),
    scoreColor: scoreColor(p.score),
    trend: trendText(change, formatTime),
    changes,
    areas,
    more: hidden ? `${hidden} more finding(s): say "status on ${p.cluster.name}"` : undefined,
  };
}

export function overviewFact(p: Posture, change: ClusterChange): Fact {
  const findings = p.areas.flatMap((a) => a.findings);
  const counts = formatCounts(countBy(findings.map((f) => f.severity))) || 'no findings';
  const delta = change.previous ? (change.scoreDelta > 0 ? ` ▲${change.scoreDelta}` : change.scoreDelta < 0 ? ` ▼${-change.scoreDelta}` : '') : '';
  const moves = change.previous && (change.added.length || change.fixed.length) ? ` · ${change.added.length} new, ${change.fixed.length} fixed` : '';
  return { title: p.cluster.name, value: `${p.score}/100${delta} · ${counts}${moves}` };
}

export function headlineOf(postures: Posture[], changes: ClusterChange[]): { headline: string; tone: Tone } {
  if (!postures.length) return { headline: 'No clusters to report on.', tone: 'warning' };
  const all = postures.flatMap((p) => p.areas.flatMap((a) => a.findings));
  const worst = [...postures].sort((a, b) => a.score - b.score)[0];
  const added = changes.reduce((n, c) => n + c.added.length, 0);
  const fixed = changes.reduce((n, c) => n + c.fixed.length, 0);
  const compared = changes.some((c) => c.previous);
  const parts = [
    postures.length === 1 ? `Score ${worst.score}/100` : `${postures.length} clusters, lowest score ${worst.score}/100 (${worst.cluster.name})`,
    formatCounts(countBy(all.map((f) => f.severity))) || 'no findings',
    compared ? `${added} new, ${fixed} fixed since the last digest` : undefined,
  ];
  const top = Math.max(0, ...all.map((f) => severityRank(f.severity)));
  return { headline: parts.filter(Boolean).join(' · '), tone: top >= severityRank('high') ? 'attention' : top >= severityRank('medium') ? 'warning' : 'good' };
}

export function approvalRows(plans: StoredPlan[], formatTime: (ms: number) => string): { rows: DigestRow[]; more?: string } {
  const rows = plans.slice(0, MAX_ROWS).map((p) => ({
    label: 'PENDING',
    color: 'Warning' as const,
    title: p.title,
    detail: `requested by ${p.requester.name ?? p.requester.id} · expires ${formatTime(Date.parse(p.expiresAt))}`,
  }));
  return { rows, more: plans.length > MAX_ROWS ? `and ${plans.length - MAX_ROWS} more: say "approvals"` : undefined };
}

export function expiringRows(timers: TimerDoc[], nowMs: number, formatTime: (ms: number) => string): DigestRow[] {
  return timers.slice(0, MAX_ROWS).map((t) => {
    const ranges = (t.args as { ranges?: unknown } | undefined)?.ranges;
    const what = Array.isArray(ranges) && ranges.length ? `${ranges.join(', ')} on ${t.cluster ?? 'the cluster'}` : t.title;
    return { label: 'EXPIRES', color: 'Accent' as const, title: what, detail: `removed automatically in ${formatDuration(Math.max(0, Date.parse(t.dueAt) - nowMs))} (${formatTime(Date.parse(t.dueAt))})` };
  });
}

function model(s: DigestSnapshot, page: number, withPaging: boolean): DigestCardModel {
  const [start, end] = s.pages[page - 1] ?? [0, s.clusters.length];
  const first = page === 1;
  const total = s.pages.length;
  const partial = end - start < s.clusters.length;
  return {
    title: first ? s.title : `${s.title} · page ${page}`,
    subtitle: s.subtitle,
    headline: s.headline,
    tone: s.tone,
    overviewTitle: first && partial ? `All clusters (${s.clusters.length}), lowest score first` : undefined,
    overview: first && partial ? s.overview.slice(0, MAX_OVERVIEW) : [],
    clusters: s.clusters.slice(start, end),
    approvalsTitle: first && s.approvals.length ? `Pending approvals${s.approvalsMore ? ` (${s.approvalsMore})` : ''}` : undefined,
    approvals: first ? s.approvals : [],
    expiringTitle: first && s.expiring.length ? 'Timed allowlist entries expiring soon' : undefined,
    expiring: first ? s.expiring : [],
    notes: first ? [...s.notes, ...(s.overview.length > MAX_OVERVIEW ? [{ text: `The overview shows the ${MAX_OVERVIEW} lowest scores of ${s.overview.length}.` }] : [])] : [],
    newSince: first ? s.trends?.newSince : undefined,
    trendLine: first ? s.trends?.line : undefined,
    severityBars: first ? s.trends?.bars : undefined,
    footer: withPaging && total > 1 ? `Page ${page} of ${total} · clusters ${start + 1}–${end} of ${s.clusters.length}` : undefined,
    previous: withPaging && page > 1 ? { run: s.run, page: page - 1 } : undefined,
    next: withPaging && page < total ? { run: s.run, page: page + 1 } : undefined,
  };
}

function fits(m: DigestCardModel): boolean {
  try {
    return cardSizeBytes(renderCard('digest', m)) <= PAGE_BUDGET;
  } catch (e) {
    if (e instanceof CardTooLargeError) return false;
    throw e;
  }
}

/** Drops findings from the end of a cluster section until it fits on a page on its own. */
function shrink(c: DigestCluster, fitsAlone: (c: DigestCluster) => boolean): DigestCluster {
  let cur = c;
  let dropped = 0;
  while (!fitsAlone(cur)) {
    const areas = cur.areas.map((a) => ({ ...a, findings: [...a.findings] }));
    const last = [...areas].reverse().find((a) => a.findings.length);
    if (!last) return { ...cur, changes: cur.changes.slice(0, 2), areas: areas.map((a) => ({ ...a, summary: a.summary.slice(0, 200) })) };
    last.findings.pop();
    dropped++;
    cur = { ...cur, areas, more: `${dropped} more finding(s) not shown here: say "status on ${c.name}"` };
  }
  return cur;
}

/** Packs clusters into pages under 28 KB (page 1 also carries the overview, approvals and expiring entries). */
export function paginate(base: Omit<DigestSnapshot, 'pages'>): DigestSnapshot {
  const clusters = [...base.clusters];
  const pages: Array<[number, number]> = [];
  let start = 0;
  while (start < clusters.length || pages.length === 0) {
    const page = pages.length + 1;
    const fitsWith = (end: number, first = clusters[start]) =>
      fits(model({ ...base, clusters: clusters.map((c, i) => (i === start ? first : c)), pages: [...pages, [start, end]] }, page, false));
    if (start < clusters.length) clusters[start] = shrink(clusters[start], (c) => fitsWith(start + 1, c));
    let end = Math.min(start + 1, clusters.length);
    while (end < clusters.length && end - start < MAX_CLUSTERS_PER_PAGE && fitsWith(end + 1)) end++;
    pages.push([start, end]);
    start = end;
  }
  return { ...base, clusters, pages };
}

/** The card for one page of a digest. */
export function renderDigestPage(s: DigestSnapshot, page: number): AdaptiveCard {
  const p = Math.min(Math.max(1, Math.trunc(page) || 1), Math.max(1, s.pages.length));
  return renderCard('digest', model(s, p, true));
}

export function isPageData(x: unknown): x is DigestPageData {
  const d = x as { run?: unknown; page?: unknown } | undefined;
  return typeof d?.run === 'string' && /^[A-Za-z0-9_-]{8,32}$/.test(d.run) && Number.isFinite(Number(d.page));
}
