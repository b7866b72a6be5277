import type { SandboxCluster, World, WorldEvent } from '../world.js';
import { reconcileCluster } from './reconcile.js';

export interface AksControllerOptions {
  world: World;
  /** Delay between a Service change and the cloud provider's reaction. */
  delayMs?: number;
}

export interface AksController {
  /** Runs a reconcile of every cluster now (tests, and the seed at start). */
  reconcileNow(): void;
  /** Resolves once no reconcile is pending. */
  idle(): Promise<void>;
  stop(): void;
}

/** Watches world changes and reconciles the changed cluster after `delayMs` (default 500 ms). */
export function startAksController(opts: AksControllerOptions): AksController {
  const { world } = opts;
  const delay = opts.delayMs ?? 500;
  const timers = new Map<SandboxCluster, NodeJS.Timeout>();
  let waiters: Array<() => void> = [];
  let reconciling = false;

  const wake = (): void => {
    const w = waiters;
    waiters = [];
    for (const fn of w) fn();
  };

  const run = (cluster: SandboxCluster): void => {
    reconciling = true;
    try {
      const arm = new Set<string>();
      const rewritten = reconcileCluster(world.state, cluster, arm);
      for (const id of arm) world.changed({ type: 'arm', resourceId: id });
      for (const { key, old } of rewritten) world.changed({ type: 'kube', cluster, key, object: cluster.kube.objects[key], old });
    } finally {
      reconciling = false;
    }
    if (timers.size === 0) wake();
  };

  const schedule = (cluster: SandboxCluster): void => {
    const existing = timers.get(cluster);
    if (existing) clearTimeout(existing);
    const t = setTimeout(() => {
      timers.delete(cluster);
      run(cluster);
    }, delay);
    t.unref();
    timers.set(cluster, t);
  };

  const onChange = (event: WorldEvent): void => {
    if (reconciling || event.type !== 'kube') return;
    const kind = event.key.split('|')[1];
    if (kind === 'Service' || kind === 'Namespace') schedule(event.cluster);
  };
  world.on('change', onChange);
  for (const c of world.state.clusters) schedule(c);

  return {
    reconcileNow: () => {
      for (const c of world.state.clusters) {
        const t = timers.get(c);
        if (t) clearTimeout(t);
        timers.delete(c);
        run(c);
      }
    },
    idle: () => (timers.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    stop: () => {
      world.off('change', onChange);
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      wake();
    },
  };
}
