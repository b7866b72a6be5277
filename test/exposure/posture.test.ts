import { describe, expect, it } from 'vitest';
import type { ClusterInfo } from '../../src/domain.js';
import { assessPosture } from '../../src/posture/assess.js';

const CLUSTER: ClusterInfo = {
  subscriptionId: 's', resourceGroup: 'rg', name: 'aks-prod', id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-prod',
  location: 'eastus', isPrivate: false, authorizedIpRanges: [], outboundIpIds: [], outboundIps: [], networkPolicy: 'calico', fqdn: 'aks-prod.hcp.eastus.azmk8s.io',
} as ClusterInfo;

function controlPlane(ranges: string[]) {
  const p = assessPosture({ cluster: { ...CLUSTER, authorizedIpRanges: ranges }, kube: { ok: false, error: 'n/a' }, defender: { ok: false, error: 'n/a' } });
  return p.areas.find((a) => a.name === 'Control plane')!;
}

/** status, ip ranges and digests say "open to the internet" whenever the ranges cover it, not only for an empty list. */
describe('posture of the API server by address space', () => {
  it.each([[[]], [['0.0.0.0/0']], [['0.0.0.0/1', '128.0.0.0/1']], [['198.51.100.0/24', '0.0.0.0/0']]])('%j is open to the internet', (ranges) => {
    const cp = controlPlane(ranges);
    expect(cp.summary).toBe('Public API server, open to the internet');
    expect(cp.findings.map((f) => f.id)).toContain('cp.api-open');
  });

  it('a public /8 is limited (with its size), private ranges let nobody in, 0.0.0.0/32 is not a mistake', () => {
    expect(controlPlane(['20.0.0.0/8']).facts[1].value).toBe('20.0.0.0/8 (16.8 million public addresses)');
    expect(controlPlane(['20.0.0.0/8']).findings.map((f) => f.id)).toEqual([]);
    expect(controlPlane(['10.0.0.0/8']).findings.map((f) => f.id)).toEqual(['cp.private-range']);
    expect(controlPlane(['10.0.0.0/7']).findings.map((f) => f.id)).toEqual([]); // 11.0.0.0/8 is public
    expect(controlPlane(['0.0.0.0/32']).findings.map((f) => f.id)).toEqual([]);
  });
});
