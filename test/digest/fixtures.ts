import type { ClusterInfo } from '../../src/domain.js';
import type { ServiceInfo } from '../../src/kube/types.js';
import { assessPosture, type Posture } from '../../src/posture/assess.js';

/** A cluster as ARM would describe it; `open` leaves the API server without authorized ranges. */
export function cluster(name: string, opts: { open?: boolean; subscriptionId?: string } = {}): ClusterInfo {
  const subscriptionId = opts.subscriptionId ?? '33333333-3333-4333-8333-333333333333';
  return {
    id: `/subscriptions/${subscriptionId}/resourceGroups/rg-${name}/providers/Microsoft.ContainerService/managedClusters/${name}`,
    subscriptionId, resourceGroup: `rg-${name}`, name, location: 'westeurope', isPrivate: false,
    authorizedIpRanges: opts.open ? [] : ['198.51.100.0/24'], outboundIpIds: [], outboundIps: [], networkPolicy: 'azure',
  };
}

export function publicService(namespace: string, name: string): ServiceInfo {
  return {
    namespace, name, uid: `uid-${namespace}-${name}`, resourceVersion: '1', type: 'LoadBalancer', ports: [{ protocol: 'TCP', port: 80 }],
    selector: { app: name }, annotations: {}, labels: {}, loadBalancerSourceRanges: [], ingressIps: ['20.1.2.3'], internal: false,
  };
}

/** The posture assess.ts computes for a synthetic cluster with `services` public Services in `namespaces` namespaces. */
export function posture(c: ClusterInfo, opts: { services?: number; namespaces?: number; at?: string } = {}): Posture {
  const namespaces = Array.from({ length: opts.namespaces ?? 2 }, (_, i) => `team-${i}`);
  const services = Array.from({ length: opts.services ?? 2 }, (_, i) => publicService(namespaces[i % namespaces.length], `web-${i}`));
  return assessPosture({
    cluster: c,
    kube: { ok: true, services, ingresses: [], namespaces: namespaces.map((name) => ({ name, labels: {}, phase: 'Active' })), policies: [] },
    defender: { ok: true, plans: [{ name: 'Containers', tier: 'Free', deprecated: false, replacedBy: [] }], findings: [] },
    now: new Date(opts.at ?? '2026-11-28T08:00:00Z'),
  });
}
