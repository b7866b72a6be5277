import type { Severity } from '../domain.js';
import { HISTORY_SEVERITIES, type ClusterHistory, type FindingRef, type HistoryPoint } from './history.js';

/** Pure reads of a cluster's history: one value per day, and what changed between two days. */

export interface DailyPoint {
  /** UTC day, `YYYY-MM-DD` (the form Chart.Line draws as a time series). */
  day: string;
  /** Epoch seconds of the scan that stands for the day (its last). */
  t: number;
  score: number;
  counts: Record<Severity, number>;
  point: HistoryPoint;
}

export interface DayChange {
  /** The day the change was seen, and the day before it that had a point. */
  day: string;
  since: string;
  /** Epoch seconds of the two points: audit entries between them explain the change. */
  fromT: number;
  toT: number;
  from: number;
  to: number;
  fixed: FindingRef[];
  added: FindingRef[];
}

const DAY_MS = 86_400_000;

/** Day names by epoch day: a status card names its month's days on every turn, and toISOString is not cheap. */
const dayNames = new Map<number, string>();

export function isoDay(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let name = dayNames.get(day);
  if (name === undefined) {
    if (dayNames.size >= 1024) dayNames.clear();
    name = new Date(ms).toISOString().slice(0, 10);
    dayNames.set(day, name);
  }
  return name;
}

function countsOf(p: HistoryPoint, area?: number): Record<Severity, number> {
  const tuples = area === undefined ? p.a : [p.a[area] ?? []];
  const counts = {} as Record<Severity, number>;
  // plain loops: every status card counts each day of its month
  for (let i = 0; i < HISTORY_SEVERITIES.length; i++) {
    let n = 0;
    for (const t of tuples) n += t[i + 1] ?? 0;
    counts[HISTORY_SEVERITIES[i]] = n;
  }
  return counts;
}

/** The last point of each UTC day among the last `days` days (today included); days without a scan are left out. */
export function dailyPoints(doc: ClusterHistory | undefined, days: number, nowMs: number, area?: number): DailyPoint[] {
  if (!doc) return [];
  const first = isoDay(nowMs - (days - 1) * DAY_MS);
  const last = isoDay(nowMs);
  // days are compared as epoch ms; only points inside the window get their day's name
  const fromMs = Date.parse(first);
  const toMs = Date.parse(last) + DAY_MS;
  // by day number (epoch days): a day is named once, not once per point (a week of hourly points)
  const byDay = new Map<number, HistoryPoint>();
  for (const p of doc.points) {
    const ms = p.t * 1000;
    if (ms >= fromMs && ms < toMs) byDay.set(Math.floor(ms / DAY_MS), p);
  }
  return [...byDay.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([day, p]) => ({ day: isoDay(day * DAY_MS), t: p.t, score: area === undefined ? p.s : (p.a[area]?.[0] ?? 100), counts: countsOf(p, area), point: p }));
}

/** Findings fixed and added from one point to a later one (within one area if given); unread areas fix nothing. */
export function changesBetween(doc: ClusterHistory, from: HistoryPoint, to: HistoryPoint, area?: number): { fixed: FindingRef[]; added: FindingRef[] } {
  const inArea = (i: number) => area === undefined || doc.refs[i]?.[2] === area;
  const before = new Set(from.f.filter(inArea));
  const after = new Set(to.f.filter(inArea));
  const unread = new Set(to.u ?? []);
  const fixed = [...before].filter((i) => !after.has(i) && !unread.has(doc.refs[i][2])).map((i) => doc.refs[i]);
  const added = [...after].filter((i) => !before.has(i) && !doc.refs[i][0].endsWith('.unreachable')).map((i) => doc.refs[i]);
  return { fixed, added };
}

/** Day-to-day changes of score or findings over the daily points, oldest first. */
export function dayChanges(doc: ClusterHistory, points: DailyPoint[], area?: number): DayChange[] {
  const out: DayChange[] = [];
  for (let i = 1; i < points.length; i++) {
    const [prev, cur] = [points[i - 1], points[i]];
    const { fixed, added } = changesBetween(doc, prev.point, cur.point, area);
    if (prev.score === cur.score && !fixed.length && !added.length) continue;
    out.push({ day: cur.day, since: prev.day, fromT: prev.t, toT: cur.t, from: prev.score, to: cur.score, fixed, added });
  }
  return out;
}
