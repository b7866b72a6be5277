import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import type { Posture } from '../../src/posture/assess.js';
import { historyId, type ClusterHistory, type HistoryBackstory } from '../../src/posture/history.js';
import { PostureHistory } from '../../src/posture/historyStore.js';
import { openStore, type Store, type StoreOptions } from '../../src/store/index.js';
import { startAzurite, type Azurite } from '../helpers/azurite.js';
import { cluster, posture } from '../digest/fixtures.js';

const log = createLogger('silent');
const T0 = Date.parse('2026-11-28T09:00:00Z');
const HOUR = 3_600_000;

/** Counts history writes the recorder makes, passing everything through to the real store. */
function counting(store: Store): Store & { historyWrites: number } {
  const wrapped = Object.create(store) as Store & { historyWrites: number };
  wrapped.historyWrites = 0;
  wrapped.update = (collection, id, fn, opts) => {
    if (collection === 'history') wrapped.historyWrites++;
    return store.update(collection, id, fn, opts);
  };
  return wrapped;
}

function scanOf(name: string, services: number, ms: number): Posture {
  return { ...posture(cluster(name), { services, namespaces: 1 }), checkedAt: new Date(ms).toISOString() };
}

let azurite: Azurite | undefined;
const dirs: string[] = [];

const backends: Array<{ name: string; location(): StoreOptions }> = [
  {
    name: 'sqlite',
    location: () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'palisade-history-'));
      dirs.push(dir);
      return { kind: 'sqlite', dataDir: dir };
    },
  },
  {
    name: 'blob (Azurite)',
    location: () => ({ kind: 'blob', connectionString: azurite!.connectionString, container: `h-${Math.random().toString(36).slice(2, 12)}` }),
  },
];

beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe.each(backends)('posture history on $name', (backend) => {
  let clock = T0;
  let location: StoreOptions;
  let store: Store & { historyWrites: number };
  let histories: PostureHistory[];
  const open = (opts: { windowMs?: number; backstory?: HistoryBackstory } = {}, on: Store = store) => {
    const h = new PostureHistory({ store: on, log, windowMs: opts.windowMs ?? 60_000, now: () => clock, backstory: opts.backstory });
    histories.push(h);
    return h;
  };

  beforeEach(async () => {
    clock = T0;
    location = backend.location();
    store = counting(await openStore(location));
    histories = [];
  });
  afterEach(async () => {
    for (const h of histories) await h.close();
    await store.close();
  });

  it('record is write-behind: nothing is stored until the window ends, yet reads see the scan', async () => {
    const h = open({ windowMs: 60_000 });
    const scan = scanOf('aks-a', 2, clock);
    h.record(scan);
    expect(await store.get('history', historyId(scan.cluster))).toBeUndefined();
    expect(store.historyWrites).toBe(0);
    const seen = await h.read(scan.cluster);
    expect(seen?.points.map((p) => p.s)).toEqual([scan.score]);
    await h.flush();
    expect((await store.get<ClusterHistory>('history', historyId(scan.cluster)))?.value.points.map((p) => p.s)).toEqual([scan.score]);
  });

  it('scans of a cluster within one window are one write; the latest wins', async () => {
    const h = open({ windowMs: 60_000 });
    for (let i = 0; i < 5; i++) {
      clock = T0 + i * 1000;
      h.record(scanOf('aks-a', i % 3, clock));
      h.record(scanOf('aks-b', 1, clock));
    }
    await h.flush();
    expect(store.historyWrites).toBe(2);
    const a = (await store.get<ClusterHistory>('history', historyId(cluster('aks-a'))))!.value;
    expect(a.points).toHaveLength(1);
    expect(a.points[0].s).toBe(scanOf('aks-a', 1, clock).score);
  });

  it('the window timer writes by itself', async () => {
    const h = open({ windowMs: 20 });
    const scan = scanOf('aks-a', 1, clock);
    h.record(scan);
    await expect.poll(async () => (await store.get<ClusterHistory>('history', historyId(scan.cluster)))?.value.points.length ?? 0, { timeout: 10_000 }).toBe(1);
  });

  it('two replicas recording the same cluster lose no point', async () => {
    const other = counting(await openStore(location));
    const a = open();
    const b = open({}, other);
    a.record(scanOf('aks-a', 2, T0));
    b.record(scanOf('aks-a', 1, T0 + HOUR));
    await Promise.all([a.flush(), b.flush()]);
    const doc = (await store.get<ClusterHistory>('history', historyId(cluster('aks-a'))))!.value;
    expect(doc.points.map((p) => p.t)).toEqual([T0 / 1000, (T0 + HOUR) / 1000]);
    for (const h of histories.splice(1)) await h.close();
    await other.close();
  });

  it('a read keeps the stored history it parsed, and sees at once what another replica wrote', async () => {
    const other = counting(await openStore(location));
    const a = open();
    const b = open({}, other);
    a.record(scanOf('aks-a', 2, T0));
    await a.flush();
    const first = await a.read(cluster('aks-a'));
    expect(await a.read(cluster('aks-a'))).toBe(first); // unchanged: the same answer, not a new parse
    b.record(scanOf('aks-a', 1, T0 + HOUR));
    await b.flush();
    expect((await a.read(cluster('aks-a')))?.points.map((p) => p.t)).toEqual([T0 / 1000, (T0 + HOUR) / 1000]);
    a.record(scanOf('aks-a', 0, (clock = T0 + 2 * HOUR)));
    expect((await a.read(cluster('aks-a')))?.points.map((p) => p.s)).toEqual([scanOf('aks-a', 2, T0).score, scanOf('aks-a', 1, T0).score, scanOf('aks-a', 0, T0).score]);
    await other.delete('history', historyId(cluster('aks-a')));
    await a.flush();
    expect((await a.read(cluster('aks-a')))?.points.map((p) => p.t)).toEqual([(T0 + 2 * HOUR) / 1000]);
    for (const h of histories.splice(1)) await h.close();
    await other.close();
  });

  it('a backstory is told once, before the first scan of a cluster, and ends where the scan is', async () => {
    const calls: string[] = [];
    const h = open({
      backstory: (first) => {
        calls.push(first.cluster);
        const old = { id: 'cp.private-range', severity: 'medium' as const, title: 'Authorized ranges include non-public addresses', area: 'Control plane' };
        return [3, 2, 1].map((ago) => ({ at: new Date(Date.parse(first.at) - ago * 24 * HOUR).toISOString(), findings: ago > 1 ? [...first.findings, old] : first.findings }));
      },
    });
    const scan = scanOf('aks-a', 1, clock);
    h.record(scan);
    await h.flush();
    h.record(scanOf('aks-a', 0, (clock += HOUR)));
    await h.flush();
    const doc = (await store.get<ClusterHistory>('history', historyId(scan.cluster)))!.value;
    expect(calls).toEqual(['aks-a']);
    expect(doc.points.map((p) => p.s)).toEqual([scan.score - 5, scan.score - 5, scan.score, scan.score, scanOf('aks-a', 0, clock).score]);
    expect(doc.points[0].t).toBe((T0 - 3 * 24 * HOUR) / 1000);
  });

  it('a write that fails is retried once with the next window, then dropped (a broken document never loops)', async () => {
    const failing = Object.create(store) as Store;
    let attempts = 0;
    failing.update = async () => {
      attempts++;
      throw new Error('storage unavailable');
    };
    const h = open({ windowMs: 60_000 }, failing);
    h.record(scanOf('aks-a', 1, clock));
    await h.flush();
    expect(attempts).toBe(1);
    await h.flush();
    expect(attempts).toBe(2);
    await h.flush();
    expect(attempts).toBe(2);
    // a later scan is tried afresh
    h.record(scanOf('aks-a', 2, (clock += HOUR)));
    await h.flush();
    expect(attempts).toBe(3);
  });

  it('close writes what is pending', async () => {
    const h = open({ windowMs: 60_000 });
    h.record(scanOf('aks-a', 1, clock));
    await h.close();
    histories.splice(histories.indexOf(h), 1);
    expect(store.historyWrites).toBe(1);
    expect(await store.get('history', historyId(cluster('aks-a')))).toBeDefined();
  });
});
