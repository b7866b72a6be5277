import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, type Harness } from '../sandbox/armHarness.js';
import { getNodeNetwork } from '../../src/azure/network.js';
import { SUBSCRIPTION_WORKSHOP } from '@palisade/sandbox/seed/index.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

it('reads the seeded node resource group: kubernetes LB with the outbound frontend, the agentpool NSG', async () => {
  const net = await getNodeNetwork(h.clients([SUBSCRIPTION_WORKSHOP]), {
    subscriptionId: SUBSCRIPTION_WORKSHOP,
    nodeResourceGroup: 'MC_aksworkshop_aks-workshop_eastus',
  });
  expect(net.loadBalancers.map((l) => l.name)).toEqual(['kubernetes']);
  expect(net.loadBalancers[0].frontends).toHaveLength(1);
  expect(net.loadBalancers[0].frontends[0].publicIp).toBe('20.81.112.34');
  expect(net.loadBalancers[0].rules).toEqual([]);
  expect(net.nsgs).toHaveLength(1);
  expect(net.nsgs[0].name).toMatch(/^aks-agentpool-\d{8}-nsg$/);
  expect(net.nsgs[0].rules).toEqual([]);
});

it('shows rules the AKS controller writes into the NSG', async () => {
  const id = Object.keys(h.world.state.network).find((k) => k.includes('mc_aksworkshop') && k.includes('networksecuritygroups'))!;
  const nsg = h.world.state.network[id];
  nsg.properties.securityRules.push({
    name: 'k8s-azure-lb_allow_IPv4_0123456789abcdef0123456789abcdef',
    id: `${nsg.id}/securityRules/k8s-azure-lb_allow_IPv4_0123456789abcdef0123456789abcdef`,
    properties: {
      protocol: 'Tcp', sourcePortRange: '*', destinationPortRanges: ['80'], sourceAddressPrefixes: ['203.0.113.0/24'],
      destinationAddressPrefixes: ['20.81.112.99'], access: 'Allow', priority: 500, direction: 'Inbound', provisioningState: 'Succeeded',
    },
  });
  const net = await getNodeNetwork(h.clients([SUBSCRIPTION_WORKSHOP]), { subscriptionId: SUBSCRIPTION_WORKSHOP, nodeResourceGroup: 'MC_aksworkshop_aks-workshop_eastus' });
  expect(net.nsgs[0].rules[0]).toEqual({
    name: 'k8s-azure-lb_allow_IPv4_0123456789abcdef0123456789abcdef',
    priority: 500, direction: 'Inbound', access: 'Allow', protocol: 'Tcp',
    sourcePrefixes: ['203.0.113.0/24'], destinationPrefixes: ['20.81.112.99'], destinationPorts: ['80'],
  });
});
