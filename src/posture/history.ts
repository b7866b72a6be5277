import { clusterRef, type ClusterRef, type Severity } from '../domain.js';
import { scoreOf, type Posture, type PostureArea } from './assess.js';

/**
 * Posture history, compactly: one document per cluster with the findings it has ever shown (interned once) and its
 * points (one per scan that changed something, coalesced per day), pruned by the retention rules below. Pure.
 */

export const HISTORY_AREAS: ReadonlyArray<PostureArea['name']> = ['Control plane', 'Workload exposure', 'Network policy', 'Images'];
/** Order of the counts in a point's area tuple, after the area score. */
export const HISTORY_SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export const RETENTION = {
  /** Nothing older is kept. */
  keepDays: 90,
  /** Older points are thinned to the last one of each UTC day. */
  fineDays: 7,
  /** At most this many points per UTC day within the fine window (the first and the latest kept). */
  maxPerDay: 24,
};

const DAY_S = 86_400;

/** One scan: `t` epoch seconds, `s` score, `a` per area [score, critical, high, medium, low, info], `f` finding refs. */
export interface HistoryPoint {
  t: number;
  s: number;
  a: number[][];
  f: number[];
  /** Areas that could not be read in this scan: their findings' absence says nothing. */
  u?: number[];
}

/** A finding as history remembers it: stable id, severity, area index, title (the latest seen). */
export type FindingRef = [id: string, severity: Severity, area: number, title: string];

export interface ClusterHistory {
  v: 1;
  cluster: ClusterRef;
  refs: FindingRef[];
  points: HistoryPoint[];
}

/** What one scan contributes, before its findings are interned into a cluster's refs. */
export interface Observation {
  cluster: ClusterRef;
  /** Epoch seconds. */
  t: number;
  findings: ObservedFinding[];
  unreadable: number[];
}

export interface ObservedFinding {
  id: string;
  severity: Severity;
  area: number;
  title: string;
}

/** The store id of a cluster's history: subscription/resource group/name, lower case. */
export function historyId(c: ClusterRef): string {
  return `${c.subscriptionId}/${c.resourceGroup}/${c.name}`.toLowerCase();
}

export function observationOf(p: Posture): Observation {
  const findings: ObservedFinding[] = [];
  const unreadable: number[] = [];
  p.areas.forEach((area) => {
    const index = HISTORY_AREAS.indexOf(area.name);
    if (index < 0) return;
    if (area.findings.some((f) => f.id.endsWith('.unreachable'))) unreadable.push(index);
    for (const f of area.findings) findings.push({ id: f.id, severity: f.severity, area: index, title: f.title });
  });
  return { cluster: clusterRef(p.cluster), t: Math.floor(Date.parse(p.checkedAt) / 1000), findings, unreadable };
}

/** Area tuples [score, critical, high, medium, low, info] for these findings. */
export function areaTuples(findings: ReadonlyArray<{ severity: Severity; area: number }>): number[][] {
  return HISTORY_AREAS.map((_, i) => {
    const mine = findings.filter((f) => f.area === i);
    return [scoreOf(mine), ...HISTORY_SEVERITIES.map((s) => mine.filter((f) => f.severity === s).length)];
  });
}

export function emptyHistory(cluster: ClusterRef): ClusterHistory {
  return { v: 1, cluster: clusterRef(cluster), refs: [], points: [] };
}

function utcDay(t: number): number {
  return Math.floor(t / DAY_S);
}

function sameContent(a: HistoryPoint, b: HistoryPoint): boolean {
  return a.s === b.s && JSON.stringify([a.a, a.f, a.u ?? []]) === JSON.stringify([b.a, b.f, b.u ?? []]);
}

/** Pure: the history with this scan added (a scan that changed nothing since earlier that day moves that point). */
export function addObservation(doc: ClusterHistory, obs: Observation, nowMs: number): ClusterHistory {
  const refs = doc.refs.map((r) => [...r] as FindingRef);
  const index = new Map(refs.map((r, i) => [r[0], i]));
  const f: number[] = [];
  for (const o of obs.findings) {
    let i = index.get(o.id);
    if (i === undefined) {
      i = refs.push([o.id, o.severity, o.area, o.title]) - 1;
      index.set(o.id, i);
    } else refs[i] = [o.id, o.severity, refs[i][2], o.title];
    if (!f.includes(i)) f.push(i);
  }
  const point: HistoryPoint = { t: obs.t, s: scoreOf(obs.findings), a: areaTuples(obs.findings), f: f.sort((x, y) => x - y) };
  if (obs.unreadable.length) point.u = [...obs.unreadable].sort();
  const points = [...doc.points];
  const at = points.findLastIndex((p) => p.t <= point.t);
  const before = points[at];
  if (before && utcDay(before.t) === utcDay(point.t) && sameContent(before, point)) points[at] = { ...before, t: point.t };
  else points.splice(at + 1, 0, point);
  const kept = compactPoints(points, nowMs);
  // Only dropped points can leave a ref unused
  const next: ClusterHistory = { v: 1, cluster: doc.cluster, refs, points: kept };
  return kept.length < points.length ? pruneRefs(next) : next;
}

/** Retention: 90 days; older than a week, the last point of each day; within the week, at most 24 a day. */
export function compactPoints(points: HistoryPoint[], nowMs: number): HistoryPoint[] {
  const now = Math.floor(nowMs / 1000);
  const oldest = now - RETENTION.keepDays * DAY_S;
  const fine = utcDay(now) - RETENTION.fineDays;
  const byDay = new Map<number, HistoryPoint[]>();
  for (const p of points) {
    if (p.t < oldest) continue;
    const day = utcDay(p.t);
    const same = byDay.get(day);
    if (same) same.push(p);
    else byDay.set(day, [p]);
  }
  const out: HistoryPoint[] = [];
  for (const [day, ps] of [...byDay.entries()].sort((a, b) => a[0] - b[0])) {
    if (day < fine) out.push(ps[ps.length - 1]);
    else if (ps.length > RETENTION.maxPerDay) out.push(ps[0], ...ps.slice(ps.length - RETENTION.maxPerDay + 1));
    else out.push(...ps);
  }
  return out;
}

/** Drops refs no point uses any more and renumbers the rest. */
function pruneRefs(doc: ClusterHistory): ClusterHistory {
  const used = new Set(doc.points.flatMap((p) => p.f));
  if (used.size === doc.refs.length) return doc;
  const renumber = new Map<number, number>();
  const refs: FindingRef[] = [];
  doc.refs.forEach((r, i) => {
    if (used.has(i)) renumber.set(i, refs.push(r) - 1);
  });
  return { ...doc, refs, points: doc.points.map((p) => ({ ...p, f: p.f.map((i) => renumber.get(i)!) })) };
}

/** A backstory day the sandbox hands over: when, and which findings the cluster had then. */
export interface BackstoryDay {
  at: string;
  findings: Array<{ id: string; severity: Severity; title: string; area: string }>;
}

/** Sandbox only: earlier days for a cluster seen for the first time, ending where it is now (see palisade.ts). */
export type HistoryBackstory = (first: { cluster: string; at: string; findings: BackstoryDay['findings'] }) => BackstoryDay[];

/** The history a backstory tells, as observations of this cluster. */
export function backstoryObservations(cluster: ClusterRef, days: BackstoryDay[]): Observation[] {
  return days.map((d) => ({
    cluster: clusterRef(cluster),
    t: Math.floor(Date.parse(d.at) / 1000),
    findings: d.findings
      .map((f) => ({ id: f.id, severity: f.severity, title: f.title, area: HISTORY_AREAS.indexOf(f.area as PostureArea['name']) }))
      .filter((f) => f.area >= 0),
    unreadable: [],
  }));
}

export function observedFindingsForBackstory(obs: Observation): BackstoryDay['findings'] {
  return obs.findings.map((f) => ({ id: f.id, severity: f.severity, title: f.title, area: HISTORY_AREAS[f.area] }));
}
