import { describe, expect, it } from 'vitest';
import { digestTrends, MAX_BARS, MAX_LINES } from '../../src/cards/digestTrends.js';
import { renderCard } from '../../src/cards/render.js';
import { trendModel } from '../../src/cards/trend.js';
import type { Posture } from '../../src/posture/assess.js';
import { diffPosture, remember } from '../../src/posture/diff.js';
import { addObservation, emptyHistory, historyId, observationOf, type ClusterHistory } from '../../src/posture/history.js';
import type { AuditEntry } from '../../src/store/types.js';
import { cardText } from '../helpers/bot.js';
import { schemaErrors } from './schema.js';
import { cluster, posture } from '../digest/fixtures.js';

const DAY = 86_400_000;
const END = Date.parse('2026-11-28T09:00:00Z');

function scan(name: string, services: number, ms: number): Posture {
  return { ...posture(cluster(name), { services, namespaces: 1 }), checkedAt: new Date(ms).toISOString() };
}

/** A history of `days` daily scans; `services(d)` public Services on day d (0 = the oldest). */
function history(name: string, days: number, services: (d: number) => number): ClusterHistory {
  let doc = emptyHistory(cluster(name));
  for (let d = 0; d < days; d++) doc = addObservation(doc, observationOf(scan(name, services(d), END - (days - 1 - d) * DAY)), END);
  return doc;
}

const applied = (at: string, summary: string): AuditEntry => ({ at, kind: 'apply', outcome: 'applied', summary, actor: { name: 'Alice' }, cluster: 'aks-a' });

describe('trend card model', () => {
  it('draws the line and explains each step: the applied change between the two scans, then fixed and new findings', () => {
    const doc = history('aks-a', 30, (d) => (d < 20 ? 2 : d < 25 ? 1 : 2));
    const audit = [
      applied(new Date(END - 10 * DAY + 3_600_000).toISOString(), 'Make web-1 internal in team-0 on aks-a'),
      { ...applied(new Date(END - 10 * DAY + 3_600_000).toISOString(), 'Rejected thing'), outcome: 'failed: nope' },
      applied(new Date(END - 40 * DAY).toISOString(), 'Too old to matter'),
    ];
    const model = trendModel({ cluster: 'aks-a', history: doc, days: 30, audit, nowMs: END });
    expect(model.chart?.series[0].values).toHaveLength(30);
    expect(model.headline).toBe(`${scan('aks-a', 2, END).score}/100 now · ±0 since 10-30 · 2 day(s) with changes`);
    expect(model.changes.map((c) => [c.day, c.delta])).toEqual([
      ['2026-11-24', '▼ 12'],
      ['2026-11-19', '▲ 12'],
    ]);
    expect(model.changes[1].rows.map((r) => [r.label, r.title])).toEqual([
      ['APPLIED', 'Make web-1 internal in team-0 on aks-a'],
      ['FIXED', 'web-1 (team-0) is public to the whole internet'],
    ]);
    expect(model.changes[0].rows.map((r) => r.label)).toEqual(['NEW']);
    const card = renderCard('trend', model);
    expect(schemaErrors(card)).toEqual([]);
    expect(cardText(card)).toContain('What moved it, newest first (2 days with changes)');
  });

  it('one area: its score and only its findings', () => {
    const doc = history('aks-a', 10, (d) => (d < 5 ? 2 : 1));
    const images = trendModel({ cluster: 'aks-a', history: doc, days: 30, area: { index: 3, name: 'Images' }, audit: [], nowMs: END });
    expect(images.subtitle).toBe('Images score · last 30 days');
    expect(images.changes).toEqual([]);
    const exposure = trendModel({ cluster: 'aks-a', history: doc, days: 7, area: { index: 1, name: 'Workload exposure' }, audit: [], nowMs: END });
    expect(exposure.chart?.series[0].values.map((v) => v.y)).toEqual([76, 76, 88, 88, 88, 88, 88]);
  });

  it('says so when there is no history or a single day, and keeps only the newest changed days', () => {
    const none = trendModel({ cluster: 'aks-a', history: undefined, days: 30, audit: [], nowMs: END });
    expect(none.headline).toBe('No history yet');
    expect(none.chart).toBeUndefined();
    const single = trendModel({ cluster: 'aks-a', history: history('aks-a', 1, () => 1), days: 30, audit: [], nowMs: END });
    expect(single.chart).toBeUndefined();
    expect(single.noChart).toMatch(/Only one day with a scan so far/);
    const flappy = trendModel({ cluster: 'aks-a', history: history('aks-a', 30, (d) => d % 2), days: 30, audit: [], nowMs: END });
    expect(flappy.changes).toHaveLength(8);
    expect(flappy.more).toBe('and 21 earlier day(s) with changes');
  });
});

describe('digest trends', () => {
  it('draws the clusters that moved most, sums the rest of the bars, and highlights what is new since the last digest', () => {
    const names = Array.from({ length: 12 }, (_, i) => `aks-${String(i).padStart(2, '0')}`);
    // aks-i fixes i % 3 of its Services during the month
    const postures = names.map((n, i) => scan(n, 3 - (i % 3), END));
    const histories = new Map(names.map((n, i) => [historyId(cluster(n)), history(n, 30, (d) => (d < 15 ? 3 : 3 - (i % 3)))]));
    const previous = postures.map((p, i) => (i === 0 ? remember(scan(p.cluster.name, 2, END - DAY)) : undefined));
    const changes = postures.map((p, i) => diffPosture(previous[i], p));
    const t = digestTrends(postures, changes, histories, END);
    expect(t.line?.series).toHaveLength(MAX_LINES);
    expect(t.line?.title).toBe('Score, last 30 days: the 5 clusters that moved most (of 12)');
    // four clusters fixed two Services (±24), then the first of those that fixed one (±12)
    expect(t.line?.series.map((s) => s.legend)).toEqual(['aks-02', 'aks-05', 'aks-08', 'aks-11', 'aks-01']);
    expect(t.bars?.rows).toHaveLength(MAX_BARS + 1);
    expect(t.bars?.rows.at(-1)?.title).toBe('4 other clusters');
    expect(t.bars?.fallback.at(-1)?.value).toBe('4 high · 8 medium');
    expect(t.newSince?.title).toBe('New since the last digest: 1 finding in 1 cluster');
    expect(t.newSince?.rows[0].title).toBe('aks-00: web-2 (team-0) is public to the whole internet');
    const first = digestTrends(postures, postures.map((p) => diffPosture(undefined, p)), new Map(), END);
    expect(first.line).toBeUndefined();
    expect(first.newSince).toBeUndefined();
  });
});
