import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clusterView, headlineOf, overviewFact, paginate, renderDigestPage } from '../../src/cards/digest.js';
import { digestTrends } from '../../src/cards/digestTrends.js';
import { cardSizeBytes, MAX_MESSAGE_BYTES } from '../../src/cards/render.js';
import type { Posture } from '../../src/posture/assess.js';
import { diffPosture, remember } from '../../src/posture/diff.js';
import { addObservation, emptyHistory, historyId, observationOf, RETENTION, type ClusterHistory } from '../../src/posture/history.js';
import { openStore, SQLITE_FILE } from '../../src/store/index.js';
import { cluster, posture } from '../digest/fixtures.js';

/** Documented in docs/architecture.md ("Posture history"): bytes of one cluster's history at a scan a day. */
const BYTES_PER_CLUSTER_90_DAYS = 16 * 1024;
/** The SQLite file for 1,000 clusters × 90 days, indexes and page slack included. */
const FLEET_FILE_BYTES = 24 * 1024 * 1024;

const CLUSTERS = 1000;
const DAYS = 90;
const DAY = 86_400_000;
const END = Date.parse('2026-11-28T08:00:00Z');

const assessed = new Map<string, Posture>();

/** Cluster i on day d: 0–4 public Services and 1–3 namespaces without default deny, changing every few days. */
function scanOf(i: number, d: number): Posture {
  const services = (i + Math.floor(d / (3 + (i % 5)))) % 5;
  const key = `${i}/${services}`;
  let p = assessed.get(key);
  if (!p) {
    const c = cluster(`aks-${String(i).padStart(4, '0')}`, { open: i % 7 === 0, subscriptionId: `00000000-0000-4000-8000-${String(i % 10).padStart(12, '0')}` });
    p = posture(c, { services, namespaces: 1 + (i % 3) });
    assessed.set(key, p);
  }
  return { ...p, checkedAt: new Date(END - (DAYS - 1 - d) * DAY).toISOString() };
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe(`fleet size: ${CLUSTERS} clusters × ${DAYS} days of history`, () => {
  const histories = new Map<string, ClusterHistory>();
  const today: Posture[] = [];
  const yesterday: Posture[] = [];

  it(`keeps each cluster's history under ${BYTES_PER_CLUSTER_90_DAYS / 1024} KB and the SQLite store under ${FLEET_FILE_BYTES / 1024 / 1024} MB`, async () => {
    let json = 0;
    let largest = 0;
    for (let i = 0; i < CLUSTERS; i++) {
      let doc = emptyHistory(scanOf(i, 0).cluster);
      for (let d = 0; d < DAYS; d++) doc = addObservation(doc, observationOf(scanOf(i, d)), END);
      histories.set(historyId(doc.cluster), doc);
      const bytes = Buffer.byteLength(JSON.stringify(doc));
      json += bytes;
      largest = Math.max(largest, bytes);
      today.push(scanOf(i, DAYS - 1));
      yesterday.push(scanOf(i, DAYS - 8));
    }
    expect(largest).toBeLessThanOrEqual(BYTES_PER_CLUSTER_90_DAYS);
    expect([...histories.values()].every((h) => h.points.length <= RETENTION.keepDays)).toBe(true);

    const dir = mkdtempSync(path.join(tmpdir(), 'palisade-fleet-'));
    dirs.push(dir);
    const store = await openStore({ kind: 'sqlite', dataDir: dir });
    for (const [id, doc] of histories) await store.put('history', id, doc);
    await store.close();
    const file = statSync(path.join(dir, SQLITE_FILE)).size;
    expect(file).toBeLessThanOrEqual(FLEET_FILE_BYTES);
    // docs/architecture.md states ~116 B a cluster-day (10 KB a cluster, 12 MB of SQLite for the fleet): keep it honest
    expect(json / CLUSTERS / DAYS).toBeLessThanOrEqual(140);
  }, 120_000);

  it('the digest of the whole fleet stays under 28 KB on every page, with its charts aggregated on page 1', () => {
    const changes = today.map((p, i) => diffPosture(remember(yesterday[i]), p));
    const sorted = today.map((p, i) => ({ p, change: changes[i] })).sort((a, b) => a.p.score - b.p.score || a.p.cluster.name.localeCompare(b.p.cluster.name));
    const postures = sorted.map((x) => x.p);
    const { headline, tone } = headlineOf(postures, sorted.map((x) => x.change));
    const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 16);
    const snapshot = paginate({
      run: 'fleet-run-0001', conversationId: 'c', title: `${CLUSTERS} clusters`, subtitle: 'Daily at 09:00 UTC', headline, tone,
      overview: sorted.map((x) => overviewFact(x.p, x.change)), clusters: sorted.map((x) => clusterView(x.p, x.change, fmt)),
      approvals: [], expiring: [], notes: [],
      trends: digestTrends(postures, sorted.map((x) => x.change), histories, END),
    });
    const first = renderDigestPage(snapshot, 1);
    expect(cardSizeBytes(first)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(snapshot.trends?.line?.series).toHaveLength(5);
    expect(snapshot.trends?.bars?.rows.at(-1)?.title).toBe(`${CLUSTERS - 8} other clusters`);
    expect(snapshot.trends?.newSince?.rows).toHaveLength(8);
    for (let page = 2; page <= snapshot.pages.length; page++) expect(cardSizeBytes(renderDigestPage(snapshot, page))).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
  });
});
