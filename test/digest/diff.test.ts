import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMemory, recordDigest } from '../../src/digest/memory.js';
import { diffPosture, remember } from '../../src/posture/diff.js';
import { clusterKey } from '../../src/digest/scan.js';
import { assessPosture } from '../../src/posture/assess.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { tempDir } from '../helpers/bot.js';
import { cluster, posture } from './fixtures.js';

describe('what changed since the last digest (pure)', () => {
  const c = cluster('aks-a', { open: true });

  it('the first digest of a cluster has nothing to compare with', () => {
    expect(diffPosture(undefined, posture(c))).toEqual({ scoreDelta: 0, added: [], fixed: [] });
  });

  it('new and fixed findings by stable id, and the score trend', () => {
    const before = remember(posture(c, { services: 2, at: '2026-11-28T08:00:00Z' }));
    const after = posture({ ...c, authorizedIpRanges: ['198.51.100.0/24'] }, { services: 3 });
    const change = diffPosture(before, after);
    expect(change.previous).toEqual({ score: before.score, at: '2026-11-28T08:00:00.000Z' });
    expect(change.added.map((f) => f.id)).toEqual(['wl.public-open.team-0.web-2']);
    expect(change.fixed.map((f) => f.id)).toEqual(['cp.api-open']);
    expect(change.scoreDelta).toBe(after.score - before.score);
  });

  it('an area that could not be read does not count its findings as fixed', () => {
    const before = remember(posture(c));
    const unreadable = assessPosture({
      cluster: c,
      kube: { ok: false, error: 'connect ETIMEDOUT' },
      defender: { ok: true, plans: [{ name: 'Containers', tier: 'Standard', deprecated: false, replacedBy: [] }], findings: [] },
    });
    const change = diffPosture(before, unreadable);
    expect(change.fixed.map((f) => f.id)).toEqual(['img.defender-off']); // Defender was read: that one really was fixed
    expect(change.added.map((f) => f.id)).toEqual(['kube.unreachable']);
  });
});

describe('the last digest, remembered per conversation in the store', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ kind: 'sqlite', dataDir: tempDir() });
  });
  afterAll(async () => store.close());

  it('merges clusters (others stay) and prunes pages of old digests', async () => {
    const a = posture(cluster('aks-a'));
    const b = posture(cluster('aks-b'));
    for (let i = 0; i < 7; i++) await store.put('digests', `page:run${i}`, { i });
    await recordDigest(store, 'conv-1', '2026-11-28T08:00:00Z', [a, b], 'page:run0');
    await recordDigest(store, 'conv-1', '2026-11-29T08:00:00Z', [{ ...b, score: 1 }]);
    for (let i = 1; i < 7; i++) await recordDigest(store, 'conv-1', '2026-11-30T08:00:00Z', [], `page:run${i}`);
    const memory = await loadMemory(store, 'conv-1');
    expect(memory?.clusters[clusterKey(a.cluster)].score).toBe(a.score);
    expect(memory?.clusters[clusterKey(b.cluster)].score).toBe(1);
    expect(memory?.pages).toEqual(['page:run6', 'page:run5', 'page:run4', 'page:run3', 'page:run2']);
    expect(await store.get('digests', 'page:run0')).toBeUndefined();
    expect(await store.get('digests', 'page:run1')).toBeUndefined();
    expect(await store.get('digests', 'page:run2')).toBeDefined();
    expect(await loadMemory(store, 'conv-2')).toBeUndefined();
  });
});
