import { describe, expect, it } from 'vitest';
import { type InventorySource, SnapshotCache } from '../../src/understanding/snapshotCache.js';
import type { ClusterInventory } from '../../src/understanding/types.js';

const NAMES: ClusterInventory = { namespaces: ['orders'], items: [{ name: 'orders-web', namespace: 'orders', kind: 'Service', type: 'LoadBalancer', state: ['public'] }] };

/** A cluster whose name reads answer only when the test says so (one pending read per call). */
function heldSource() {
  const pending: Array<(inv: ClusterInventory) => void> = [];
  let told: (() => void) | undefined;
  const source: InventorySource = {
    clusters: async () => ['aks-blue'],
    inventory: () =>
      new Promise<ClusterInventory>((resolve) => {
        pending.push(resolve);
        told?.();
      }),
    defaultCluster: async () => 'aks-blue',
  };
  /** Resolves once the cache has started its n-th read. */
  const reads = (n: number) => new Promise<void>((resolve) => (told = () => pending.length >= n && resolve()));
  return { source, pending, reads };
}

/** Every promise callback already queued has run (setImmediate comes after them). */
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('the names cache', () => {
  it('a cluster slower than the deadline, never read before, gives no names', async () => {
    const { source } = heldSource();
    const snap = await new SnapshotCache(source, 60_000, 20).snapshot('conv');
    expect(snap.inventories['aks-blue']).toBeUndefined();
  });

  it('a refresh that misses the deadline reads with the names the cluster last gave', async () => {
    const { source, pending, reads } = heldSource();
    let now = 0;
    const cache = new SnapshotCache(source, 1_000, 20, () => now);
    const started = reads(1);
    const first = cache.snapshot('conv');
    await started;
    pending[0](NAMES);
    await settled();
    expect((await first).inventories['aks-blue']).toEqual(NAMES);
    now = 5_000; // expired: a new read starts and never answers in time
    const second = await cache.snapshot('conv');
    expect(pending).toHaveLength(2);
    expect(second.inventories['aks-blue']).toEqual(NAMES);
  });
});
