import type { Json, SandboxCluster } from '../world.js';
import type { WantedFrontend } from './addresses.js';

/** `status.loadBalancer.ingress` of every Service: its frontend IP once assigned, empty otherwise. Returns what it rewrote, with the state before. */
export function syncServiceStatus(cluster: SandboxCluster, wanted: WantedFrontend[]): Array<{ key: string; old: Json }> {
  const rewritten: Array<{ key: string; old: Json }> = [];
  for (const [key, o] of Object.entries(cluster.kube.objects)) {
    if (o.apiVersion !== 'v1' || o.kind !== 'Service') continue;
    const w = wanted.find((x) => x.service === o);
    const want = w ? { ingress: [{ ip: w.ip, ipMode: 'VIP' }] } : {};
    if (JSON.stringify(o.status?.loadBalancer ?? {}) === JSON.stringify(want)) continue;
    const old = JSON.parse(JSON.stringify(o)) as Json;
    o.status = { ...(o.status ?? {}), loadBalancer: want };
    cluster.kube.resourceVersion += 1;
    o.metadata.resourceVersion = String(cluster.kube.resourceVersion);
    rewritten.push({ key, old });
  }
  return rewritten;
}
