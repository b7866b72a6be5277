import type { ClusterInfo } from '../domain.js';
import { assessPosture, type Posture, type PostureInputs } from '../posture/assess.js';
import type { PostureScanner } from '../posture/scan.js';

/** Kubernetes reads go to each cluster's own API server and ARM is paced per subscription: many clusters at once is safe. */
export const DEFAULT_SCAN_CONCURRENCY = 32;

/** Runs at most `limit` tasks at once, in submission order. */
export function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: Array<() => void> = [];
  const release = () => {
    active--;
    queue.shift()?.();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => queue.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}

export function clusterKey(c: Pick<ClusterInfo, 'subscriptionId' | 'resourceGroup' | 'name'>): string {
  return `${c.subscriptionId}/${c.resourceGroup}/${c.name}`.toLowerCase();
}

/**
 * One scan shared by every digest due at once: Kubernetes per cluster, Defender once per subscription, one limiter for both.
 * With `complete` (the same clusters as the listing finishes them: `ClusterDirectory.listEarly()` then `list()`), the reads
 * start at once and each posture is assessed from the complete cluster, so they match a scan started after the listing.
 */
export async function scanClusters(
  scanner: Pick<PostureScanner, 'readKube' | 'readDefender'>,
  clusters: ClusterInfo[],
  opts: { concurrency?: number; now?: () => number; complete?: Promise<ClusterInfo[]> } = {},
): Promise<Map<string, Posture>> {
  const completed = opts.complete?.then((all) => new Map(all.map((c) => [clusterKey(c), c])));
  completed?.catch(() => undefined); // awaited below; a failed listing fails the scan there, never unhandled
  const run = limiter(Math.max(1, opts.concurrency ?? DEFAULT_SCAN_CONCURRENCY));
  const defender = new Map<string, Promise<PostureInputs['defender']>>();
  const defenderOf = (subscriptionId: string) => {
    let p = defender.get(subscriptionId);
    if (!p) {
      p = run(() => scanner.readDefender(subscriptionId));
      defender.set(subscriptionId, p);
    }
    return p;
  };
  const unique = [...new Map(clusters.map((c) => [clusterKey(c), c])).values()];
  const results = await Promise.all(
    unique.map(async (cluster) => {
      const [kube, def] = await Promise.all([run(() => scanner.readKube(cluster)), defenderOf(cluster.subscriptionId)]);
      const info = (await completed)?.get(clusterKey(cluster)) ?? cluster;
      return [clusterKey(cluster), assessPosture({ cluster: info, kube, defender: def, now: new Date((opts.now ?? Date.now)()) })] as const;
    }),
  );
  return new Map(results);
}
