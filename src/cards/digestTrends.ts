import type { Severity } from '../domain.js';
import { countBy, severityRank, type Posture } from '../posture/assess.js';
import type { ClusterChange } from '../posture/diff.js';
import { historyId, type ClusterHistory } from '../posture/history.js';
import { dailyPoints } from '../posture/historyQuery.js';
import { scoreLines, severityBars, type LineView, type StackedBarsView } from './charts.js';
import type { DigestRow } from './models.js';

/** The charts and the "new since the last digest" box of a digest's first page: aggregates, never the whole fleet. */
export interface DigestTrends {
  line?: LineView;
  bars?: StackedBarsView;
  newSince?: { title: string; rows: DigestRow[]; more?: string };
}

export const DIGEST_TREND_DAYS = 30;
/** Lines on one chart: more are unreadable, so the clusters that moved most are drawn. */
export const MAX_LINES = 5;
/** Bars: the clusters with the most severe findings; the rest are summed into one bar. */
export const MAX_BARS = 8;
const MAX_NEW_ROWS = 8;

const LABEL_COLOR: Record<Severity, DigestRow['color']> = { critical: 'Attention', high: 'Attention', medium: 'Warning', low: 'Default', info: 'Accent' };

/** Orders clusters by how bad their findings are: criticals first, then highs, and so on. */
function weight(counts: Partial<Record<Severity, number>>): number {
  return (counts.critical ?? 0) * 1e9 + (counts.high ?? 0) * 1e6 + (counts.medium ?? 0) * 1e3 + (counts.low ?? 0);
}

function lines(postures: Posture[], histories: Map<string, ClusterHistory>, nowMs: number): LineView | undefined {
  const series = postures
    .map((p) => ({ legend: p.cluster.name, values: dailyPoints(histories.get(historyId(p.cluster)), DIGEST_TREND_DAYS, nowMs).map((d) => ({ x: d.day, y: d.score })) }))
    .filter((s) => s.values.length > 1)
    .map((s) => ({ ...s, moved: Math.abs(s.values[s.values.length - 1].y - s.values[0].y), last: s.values[s.values.length - 1].y }))
    .sort((a, b) => b.moved - a.moved || a.last - b.last || a.legend.localeCompare(b.legend));
  if (!series.length) return undefined;
  const top = series.slice(0, MAX_LINES);
  const title =
    series.length > MAX_LINES ? `Score, last ${DIGEST_TREND_DAYS} days: the ${MAX_LINES} clusters that moved most (of ${series.length})` : `Score, last ${DIGEST_TREND_DAYS} days`;
  return scoreLines(title, top);
}

function bars(postures: Posture[]): StackedBarsView | undefined {
  const rows = postures
    .map((p) => ({ title: p.cluster.name, counts: countBy(p.areas.flatMap((a) => a.findings).filter((f) => f.severity !== 'info').map((f) => f.severity)) }))
    .filter((r) => weight(r.counts) > 0)
    .sort((a, b) => weight(b.counts) - weight(a.counts) || a.title.localeCompare(b.title));
  if (!rows.length) return undefined;
  const shown = rows.slice(0, MAX_BARS);
  const rest = rows.slice(MAX_BARS);
  if (rest.length) {
    const sum: Partial<Record<Severity, number>> = {};
    for (const r of rest) for (const [s, n] of Object.entries(r.counts) as Array<[Severity, number]>) sum[s] = (sum[s] ?? 0) + n;
    shown.push({ title: `${rest.length} other clusters`, counts: sum });
  }
  return severityBars(rest.length ? `Findings by severity: the ${MAX_BARS} clusters with the most severe, then the rest together` : 'Findings by severity', shown);
}

function newSince(postures: Posture[], changes: ClusterChange[]): DigestTrends['newSince'] {
  if (!changes.some((c) => c.previous)) return undefined;
  const added = postures.flatMap((p, i) => changes[i].added.map((f) => ({ cluster: p.cluster.name, f })));
  if (!added.length) return undefined;
  added.sort((a, b) => severityRank(b.f.severity) - severityRank(a.f.severity) || a.cluster.localeCompare(b.cluster));
  const clusters = new Set(added.map((a) => a.cluster)).size;
  return {
    title: `New since the last digest: ${added.length} finding${added.length === 1 ? '' : 's'} in ${clusters} cluster${clusters === 1 ? '' : 's'}`,
    rows: added.slice(0, MAX_NEW_ROWS).map(({ cluster, f }) => ({ label: 'NEW', color: LABEL_COLOR[f.severity], title: `${cluster}: ${f.title}`, detail: `${f.severity} · id ${f.id}` })),
    more: added.length > MAX_NEW_ROWS ? `and ${added.length - MAX_NEW_ROWS} more: see each cluster below or say "status on <cluster>"` : undefined,
  };
}

/** Pure: score lines of the clusters that moved most, severity bars of the worst, and what is new since last time. */
export function digestTrends(postures: Posture[], changes: ClusterChange[], histories: Map<string, ClusterHistory>, nowMs: number): DigestTrends {
  return { line: lines(postures, histories, nowMs), bars: bars(postures), newSince: newSince(postures, changes) };
}
