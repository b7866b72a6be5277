import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { armFetch, startHarness, type Harness } from './armHarness.js';
import { loadShippedRole } from '@palisade/sandbox/arm/index.js';
import { SUBSCRIPTION_PRODUCTION, SUBSCRIPTION_WORKSHOP, emptyFleetSubscription, seedWorld } from './argFleet.js';
import { ARG_QUERIES, queryClusters, queryNodeNetwork } from '../../src/azure/resourceGraph.js';
import { AzureError } from '../../src/azure/errors.js';

const BOTH = [SUBSCRIPTION_WORKSHOP, SUBSCRIPTION_PRODUCTION];

let h: Harness;
beforeAll(async () => {
  h = await startHarness(seedWorld());
});
afterAll(() => h.close());
afterEach(() => {
  h.emulator.rbac.setPalisadeRole(loadShippedRole());
  h.emulator.resourceGraph.pageSize = 1000;
});

describe('Resource Graph: the product queries, through @azure/arm-resourcegraph', () => {
  it('queryClusters: every cluster across subscriptions with its control-plane settings', async () => {
    const clusters = await queryClusters(h.clients(BOTH));
    expect(clusters.map((c) => c.name)).toEqual(['aks-cilium', 'aks-private', 'aks-prod', 'aks-workshop']);
    const [, priv, prod, workshop] = clusters;
    expect(priv).toMatchObject({ isPrivate: true, fqdn: undefined, authorizedIpRanges: [], networkPolicy: 'none', provisioningState: 'Succeeded', disableRunCommand: false });
    expect(priv.privateFqdn).toMatch(/privatelink\.eastus\.azmk8s\.io$/);
    expect(prod).toMatchObject({
      subscriptionId: SUBSCRIPTION_PRODUCTION,
      resourceGroup: 'prod-rg',
      location: 'westeurope',
      authorizedIpRanges: ['198.51.100.0/24', '203.0.113.0/24'],
      networkPolicy: 'calico',
      networkPlugin: 'azure',
      nodeResourceGroup: 'MC_prod-rg_aks-prod_westeurope',
      kubernetesVersion: '1.31.5',
      powerState: 'Running',
      defenderEnabled: false,
      loadBalancerSku: 'standard',
      etag: undefined,
    });
    expect(workshop.outboundIpIds).toHaveLength(1);
    expect(workshop.fqdn).toMatch(/\.hcp\.eastus\.azmk8s\.io$/);
    // subscriptions scope the query
    expect((await queryClusters(h.clients(BOTH), [SUBSCRIPTION_PRODUCTION])).map((c) => c.name)).toEqual(['aks-cilium', 'aks-prod']);
  });

  it('pages with $top and $skipToken until the last page', async () => {
    const all = await queryClusters(h.clients(BOTH), BOTH, { pageSize: 1 });
    expect(all.map((c) => c.name)).toEqual(['aks-cilium', 'aks-private', 'aks-prod', 'aks-workshop']);
    const first = await armFetch(h, 'POST', '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', {
      query: ARG_QUERIES.clusters,
      subscriptions: BOTH,
      options: { $top: 2, resultFormat: 'objectArray' },
    });
    expect(first.body).toMatchObject({ totalRecords: 4, count: 2, resultTruncated: 'false' });
    expect(first.body.$skipToken).toBeTruthy();
    expect(first.headers['x-ms-user-quota-remaining']).toBeTruthy();
  });

  it('queryNodeNetwork: load balancers (frontends, rules), NSGs (rules) and public IPs of the node resource groups', async () => {
    const clusters = await queryClusters(h.clients(BOTH));
    const groups = clusters.map((c) => ({ subscriptionId: c.subscriptionId, resourceGroup: c.nodeResourceGroup! }));
    const net = await queryNodeNetwork(h.clients(BOTH), groups);
    expect(net.nsgs.map((n) => n.resourceGroup).sort()).toEqual(groups.map((g) => g.resourceGroup).sort());
    const workshopLb = net.loadBalancers.find((lb) => lb.resourceGroup === 'MC_aksworkshop_aks-workshop_eastus' && lb.name === 'kubernetes')!;
    expect(workshopLb.frontends.length).toBeGreaterThan(1); // outbound + the public ratings-web / ingress frontends
    expect(workshopLb.rules.some((r) => r.frontendPort === 80 && r.protocol === 'Tcp')).toBe(true);
    const workshopNsg = net.nsgs.find((n) => n.resourceGroup === 'MC_aksworkshop_aks-workshop_eastus')!;
    expect(workshopNsg.rules.some((r) => r.access === 'Allow' && r.direction === 'Inbound' && r.sourcePrefixes.includes('Internet') && r.destinationPorts.includes('80'))).toBe(true);
    const outbound = net.publicIps.find((p) => p.id.toLowerCase() === clusters.find((c) => c.name === 'aks-workshop')!.outboundIpIds[0].toLowerCase());
    expect(outbound?.ipAddress).toBe('20.81.112.34');
  });

  it('Resource Graph answers only what the role may read: without managedClusters/read there are no clusters, not a 403', async () => {
    h.emulator.rbac.removeAction('Microsoft.ContainerService/managedClusters/read');
    expect(await queryClusters(h.clients(BOTH))).toEqual([]);
  });

  it('a query outside the supported shape is a 400 with Resource Graph’s error shape', async () => {
    const res = await armFetch(h, 'POST', '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', {
      query: 'Resources | summarize count() by type',
      subscriptions: BOTH,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BadRequest');
    expect(res.body.error.message).toMatch(/^Please provide below info when asking for support: timestamp = .*, correlationId = .*\.$/);
    expect(res.body.error.details[0]).toEqual({ code: 'InvalidQuery', message: 'Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.' });
    expect(res.body.error.details[1]).toMatchObject({ code: 'ParserFailure', token: 'summarize' });
    const viaSdk = h.clients(BOTH).resourceGraph().resources({ query: 'Resources | summarize count() by type', subscriptions: BOTH });
    await expect(viaSdk).rejects.toMatchObject({ statusCode: 400 });
  });

  it('answers 1,000 clusters in 10 subscriptions in one paged query, and their network in a few more', async () => {
    const fleet = await startHarness(seedWorld(), undefined);
    try {
      const subs = Array.from({ length: 10 }, (_, i) => `3${i}333333-3333-4333-8333-333333333333`);
      const template = fleet.world.findCluster('aks-workshop')!;
      const templateNetwork = Object.values(fleet.world.state.network).filter((r) => String(r.id).toLowerCase().includes('/mc_aksworkshop_aks-workshop_eastus/'));
      for (const sub of subs) {
        fleet.world.state.subscriptions[sub] = emptyFleetSubscription(sub);
        fleet.emulator.rbac.grantSubscription(sub);
      }
      for (let i = 0; i < 1000; i++) {
        const sub = subs[i % 10];
        const name = `aks-fleet-${String(i).padStart(4, '0')}`;
        const nodeRg = `MC_fleet-rg_${name}_eastus`;
        const swap = (text: string) => text.replaceAll(SUBSCRIPTION_WORKSHOP, sub).replaceAll('aksworkshop', 'fleet-rg').replaceAll('MC_fleet-rg_aks-workshop_eastus', nodeRg).replaceAll('aks-workshop', name);
        const resource = JSON.parse(swap(JSON.stringify(template.resource)));
        fleet.world.state.clusters.push({ subscriptionId: sub, resourceGroup: 'fleet-rg', name, resource, kube: { resourceVersion: 1, objects: {} } });
        for (const r of templateNetwork) {
          const copy = JSON.parse(swap(JSON.stringify(r)));
          fleet.world.state.network[String(copy.id).toLowerCase()] = copy;
        }
      }
      const clients = fleet.clients(subs);
      const clusters = await queryClusters(clients, subs);
      expect(clusters).toHaveLength(1000);
      expect(new Set(clusters.map((c) => c.subscriptionId)).size).toBe(10);
      const net = await queryNodeNetwork(clients, clusters.map((c) => ({ subscriptionId: c.subscriptionId, resourceGroup: c.nodeResourceGroup! })));
      expect(net.nsgs).toHaveLength(1000);
      expect(net.loadBalancers).toHaveLength(1000);
    } finally {
      await fleet.close();
    }
  });

  it('the wrapper surfaces a refused query as AzureError', async () => {
    h.emulator.throttle.configure({ resourceGraph: { queries: 0, windowMs: 100 } });
    try {
      const err = await queryClusters(h.clients(BOTH)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AzureError);
      expect(err).toMatchObject({ status: 429 });
    } finally {
      h.emulator.throttle.configure({ resourceGraph: { queries: 15, windowMs: 5000 } });
    }
  });
});
