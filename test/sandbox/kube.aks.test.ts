import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '@palisade/sandbox/world.js';
import { allowRuleName, DENY_ALL_RULE, frontendName } from '@palisade/sandbox/kube/index.js';
import { getService, patchService, waitForIngressIp } from '../../src/kube/services.js';
import { KubeUnreachable } from '../../src/kube/errors.js';
import { listNamespaces } from '../../src/kube/namespaces.js';
import { startKubeHarness, type KubeHarness } from './kubeHarness.js';

let h: KubeHarness;
beforeAll(async () => {
  h = await startKubeHarness({ delayMs: 30 });
});
afterAll(async () => h?.close());

const NODE_RG = '/subscriptions/11111111-1111-4111-8111-111111111111/resourcegroups/mc_aksworkshop_aks-workshop_eastus/providers/microsoft.network';

function net(suffix: string): Json | undefined {
  return h.world.state.network[`${NODE_RG}/${suffix}`.toLowerCase()];
}

function nsgRules(): Json[] {
  const nsg = Object.entries(h.world.state.network).find(([k]) => k.startsWith(`${NODE_RG}/networksecuritygroups/`))?.[1];
  return nsg?.properties.securityRules ?? [];
}

describe('AKS load-balancer behaviour', () => {
  it('seeds ratings-web on the public LB with an Internet allow rule', async () => {
    const svc = await getService(h.api(), 'ratingsapp', 'ratings-web');
    const fe = `a${svc.uid.replace(/-/g, '')}`.slice(0, 32);
    const lb = net('loadbalancers/kubernetes');
    expect(lb?.properties.frontendIPConfigurations.map((f: Json) => f.name)).toContain(fe);
    expect(net(`publicipaddresses/kubernetes-${fe}`)?.properties.ipAddress).toBe(svc.ingressIps[0]);
    const allow = nsgRules().find((r) => r.name === allowRuleName('Tcp', ['Internet'], [80]) && r.properties.destinationAddressPrefix === svc.ingressIps[0]);
    expect(allow?.properties).toMatchObject({ access: 'Allow', direction: 'Inbound', protocol: 'Tcp', sourceAddressPrefix: 'Internet', destinationPortRanges: ['80'] });
  });

  it('restricting to loadBalancerSourceRanges writes the allow rule from the range and a deny-all', async () => {
    const api = h.api();
    const before = await getService(api, 'ratingsapp', 'ratings-web');
    await patchService(api, 'ratingsapp', 'ratings-web', { loadBalancerSourceRanges: ['99.229.39.194/32'] }, before.resourceVersion);
    await h.controller.idle();
    const ip = before.ingressIps[0];
    const rules = nsgRules();
    const allow = rules.find((r) => r.name === allowRuleName('Tcp', ['99.229.39.194/32'], [80]));
    expect(allow?.properties).toMatchObject({ sourceAddressPrefix: '99.229.39.194/32', destinationAddressPrefix: ip, destinationPortRanges: ['80'], access: 'Allow' });
    expect(allow?.properties.priority).toBeGreaterThanOrEqual(500);
    const deny = rules.find((r) => r.name === DENY_ALL_RULE);
    expect(deny?.properties).toMatchObject({ access: 'Deny', priority: 4095, destinationAddressPrefix: ip, sourceAddressPrefix: '*', protocol: '*' });
    // the Internet rule no longer covers this frontend
    expect(rules.some((r) => r.name === allowRuleName('Tcp', ['Internet'], [80]))).toBe(false);
  });

  it('making the Service internal moves it to kubernetes-internal with a private IP and removes the public frontend', async () => {
    const api = h.api();
    const before = await getService(api, 'ratingsapp', 'ratings-web');
    const fe = `a${before.uid.replace(/-/g, '')}`.slice(0, 32);
    await patchService(api, 'ratingsapp', 'ratings-web', { annotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' }, loadBalancerSourceRanges: null }, before.resourceVersion);
    const after = await waitForIngressIp(api, 'ratingsapp', 'ratings-web', { timeoutMs: 5000, pollMs: 20, accept: (ip) => ip.startsWith('10.') });
    expect(after.ingressIps[0]).toMatch(/^10\.240\.0\.\d+$/);
    const internal = net('loadbalancers/kubernetes-internal');
    const f = internal?.properties.frontendIPConfigurations.find((x: Json) => x.name === fe);
    expect(f?.properties.privateIPAddress).toBe(after.ingressIps[0]);
    expect(internal?.etag).toMatch(/^W\/"/);
    expect(net('loadbalancers/kubernetes')?.properties.frontendIPConfigurations.some((x: Json) => x.name === fe)).toBe(false);
    expect(net(`publicipaddresses/kubernetes-${fe}`)).toBeUndefined();
    expect(nsgRules().some((r) => r.name === DENY_ALL_RULE)).toBe(false);
    expect(frontendName({ metadata: { uid: before.uid, annotations: {} } })).toBe(fe);
  });

  it('an authorized-range lockout is a network error (KubeUnreachable), not an HTTP answer', async () => {
    const cluster = h.world.findCluster('aks-workshop')!;
    cluster.resource.properties.apiServerAccessProfile = { authorizedIPRanges: ['192.0.2.0/24'] };
    try {
      await expect(listNamespaces(h.api('aks-workshop', 3000))).rejects.toBeInstanceOf(KubeUnreachable);
      h.world.state.simulation.palisadeClientIp = '192.0.2.10';
      expect((await listNamespaces(h.api('aks-workshop', 3000))).map((n) => n.name)).toContain('ratingsapp');
    } finally {
      cluster.resource.properties.apiServerAccessProfile = { authorizedIPRanges: [] };
    }
    // aks-prod allows 203.0.113.0/24 (Palisade's default IP is 203.0.113.77)
    h.world.state.simulation.palisadeClientIp = '203.0.113.77';
    expect((await listNamespaces(h.api('aks-prod'))).map((n) => n.name)).toContain('payments');
  });
});
