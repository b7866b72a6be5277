import { describe, expect, it } from 'vitest';
import { assessPosture, type Posture } from '../../src/posture/assess.js';
import { addObservation, emptyHistory, observationOf, RETENTION, type ClusterHistory } from '../../src/posture/history.js';
import { changesBetween, dailyPoints, dayChanges } from '../../src/posture/historyQuery.js';
import { cluster, posture } from '../digest/fixtures.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-01T09:00:00Z');

function at(p: Posture, ms: number): Posture {
  return { ...p, checkedAt: new Date(ms).toISOString() };
}

function record(doc: ClusterHistory, p: Posture, nowMs = Date.parse(p.checkedAt)): ClusterHistory {
  return addObservation(doc, observationOf(p), nowMs);
}

/** aks-a with `open` public Services (each a high finding) in namespace team-0. */
function withServices(open: number): Posture {
  return posture(cluster('aks-a'), { services: open, namespaces: 1 });
}

describe('posture history (pure)', () => {
  it('stores a scan as score, per-area severity counts and interned finding ids', () => {
    const p = withServices(2);
    const doc = record(emptyHistory(p.cluster), at(p, T0));
    expect(doc.points).toHaveLength(1);
    const [point] = doc.points;
    expect(point.s).toBe(p.score);
    expect(point.t).toBe(T0 / 1000);
    // Workload exposure: 2 high; Network policy: 1 medium (team-0 without default deny); Images: 1 medium (Defender off)
    expect(point.a[1]).toEqual([76, 0, 2, 0, 0, 0]);
    expect(point.a[2]).toEqual([95, 0, 0, 1, 0, 0]);
    expect(point.a[3]).toEqual([95, 0, 0, 1, 0, 0]);
    expect(doc.refs.map((r) => r[0]).sort()).toEqual(['img.defender-off', 'np.no-default-deny.team-0', 'wl.public-open.team-0.web-0', 'wl.public-open.team-0.web-1']);
    expect(point.f.map((i) => doc.refs[i][0]).sort()).toEqual(doc.refs.map((r) => r[0]).sort());
  });

  it('a scan that changes nothing moves that day’s point; a change or a new day adds one', () => {
    const p = withServices(2);
    let doc = record(emptyHistory(p.cluster), at(p, T0));
    doc = record(doc, at(p, T0 + 3_600_000));
    expect(doc.points.map((x) => x.t)).toEqual([(T0 + 3_600_000) / 1000]);
    doc = record(doc, at(withServices(1), T0 + 7_200_000));
    expect(doc.points).toHaveLength(2);
    doc = record(doc, at(withServices(1), T0 + DAY));
    expect(doc.points).toHaveLength(3);
    expect(doc.points.map((x) => x.s)).toEqual([p.score, p.score + 12, p.score + 12]);
  });

  it('keeps 90 days, one point a day after a week, at most 24 a day within it, and forgets findings no point uses', () => {
    let doc = emptyHistory(cluster('aks-a'));
    const end = T0 + 120 * DAY;
    // 120 days, hourly scans, alternating between 1 and 2 public Services so that every scan is a change
    for (let t = T0; t <= end; t += 3_600_000) {
      const hour = Math.round((t - T0) / 3_600_000);
      const p = hour === 0 ? assessPosture({ ...baseInputs(), cluster: cluster('aks-a'), now: new Date(t) }) : at(withServices(1 + (hour % 2)), t);
      doc = record(doc, p, t);
    }
    const days = new Map<string, number>();
    for (const p of doc.points) days.set(new Date(p.t * 1000).toISOString().slice(0, 10), (days.get(new Date(p.t * 1000).toISOString().slice(0, 10)) ?? 0) + 1);
    const oldest = Math.min(...doc.points.map((p) => p.t)) * 1000;
    expect(end - oldest).toBeLessThanOrEqual(RETENTION.keepDays * DAY);
    const fineFrom = new Date(end - RETENTION.fineDays * DAY).toISOString().slice(0, 10);
    for (const [day, n] of days) expect(n, day).toBeLessThanOrEqual(day < fineFrom ? 1 : RETENTION.maxPerDay);
    expect(days.size).toBeLessThanOrEqual(RETENTION.keepDays + 1);
    expect(doc.points.length).toBeLessThanOrEqual(RETENTION.keepDays - RETENTION.fineDays + (RETENTION.fineDays + 1) * RETENTION.maxPerDay);
    // the first scan's "could not read" finding is long gone, and so is its ref
    expect(doc.refs.map((r) => r[0])).not.toContain('kube.unreachable');
    expect(doc.points.every((p) => p.f.every((i) => i < doc.refs.length))).toBe(true);
  });

  it('tells fixed from new between two days; an area it could not read fixes nothing', () => {
    const c = cluster('aks-a');
    let doc = record(emptyHistory(c), at(withServices(2), T0));
    doc = record(doc, at(withServices(1), T0 + DAY));
    const { fixed, added } = changesBetween(doc, doc.points[0], doc.points[1]);
    expect(fixed.map((f) => f[0])).toEqual(['wl.public-open.team-0.web-1']);
    expect(added).toEqual([]);

    const unreadable = assessPosture({ ...baseInputs(), cluster: c, now: new Date(T0 + 2 * DAY) });
    doc = record(doc, unreadable);
    const blind = changesBetween(doc, doc.points[1], doc.points[2]);
    expect(blind.fixed.map((f) => f[0])).not.toContain('wl.public-open.team-0.web-0');
    expect(blind.fixed.map((f) => f[0])).not.toContain('np.no-default-deny.team-0');
    expect(blind.added).toEqual([]);
  });

  it('daily points: the last scan of each day in the window; day changes name the findings', () => {
    const c = cluster('aks-a');
    let doc = emptyHistory(c);
    for (let d = 0; d < 40; d++) doc = record(doc, at(withServices(d < 35 ? 2 : 0), T0 + d * DAY), T0 + 39 * DAY);
    doc = record(doc, at(withServices(1), T0 + 39 * DAY + 3_600_000));
    const points = dailyPoints(doc, 30, T0 + 39 * DAY + 3_600_000);
    expect(points).toHaveLength(30);
    expect(points[0].day).toBe('2026-11-11');
    expect(points.at(-1)!.score).toBe(withServices(1).score);
    const changes = dayChanges(doc, points);
    expect(changes.map((ch) => [ch.day, ch.from, ch.to])).toEqual([
      ['2026-12-06', withServices(2).score, withServices(0).score],
      ['2026-12-10', withServices(0).score, withServices(1).score],
    ]);
    expect(changes[0].fixed.map((f) => f[3])).toEqual(['web-0 (team-0) is public to the whole internet', 'web-1 (team-0) is public to the whole internet']);
    expect(changes[1].added.map((f) => f[0])).toEqual(['wl.public-open.team-0.web-0']);
    // one area: its own score and only its findings
    const exposure = dailyPoints(doc, 30, T0 + 39 * DAY + 3_600_000, 1);
    expect(exposure.at(-1)!.score).toBe(88);
    expect(dayChanges(doc, exposure, 1).map((ch) => ch.to)).toEqual([100, 88]);
    expect(dayChanges(doc, dailyPoints(doc, 30, T0 + 39 * DAY + 3_600_000, 3), 3)).toEqual([]);
  });
});

function baseInputs() {
  return {
    kube: { ok: false as const, error: 'connect ETIMEDOUT' },
    defender: { ok: true as const, plans: [{ name: 'Containers', tier: 'Free' as const, deprecated: false, replacedBy: [] }], findings: [] },
  };
}
