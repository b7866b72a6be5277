import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armFetch, emptySubscription, fixture, fixtureFiles, startHarness, type Harness } from './armHarness.js';
import { listPricings, listRegistryFindings, toFinding } from '../../src/azure/defender.js';
import type { WorldState } from '@palisade/sandbox/world.js';

// Every published example must be covered here: serve its response shape, accept its request shape.
const COVERED = new Set<string>();
const use = (file: string) => {
  COVERED.add(file);
  return fixture(file);
};

const ZERO = '00000000-0000-0000-0000-000000000000';
const SEC = '20ff7fc3-e762-44dd-bd96-b71116dcdc23';
const OTHER = 'd34fd44c-ebfa-4a9c-bceb-9eeafe72ac15';
const DOCS_SUB = '33333333-3333-4333-8333-333333333333';

function fixtureWorld(): WorldState {
  return {
    version: 1,
    subscriptions: { [ZERO]: emptySubscription(ZERO), [SEC]: emptySubscription(SEC), [DOCS_SUB]: emptySubscription(DOCS_SUB) },
    clusters: [],
    network: {},
    operations: {},
    simulation: { palisadeClientIp: '203.0.113.77', kubectlClientIp: '198.51.100.23' },
  };
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness(fixtureWorld(), { lroDurationMs: 30 });
});
afterAll(() => h.close());

describe('AKS fixtures', () => {
  it('managedClusters_get: the SDK reads the published GET body', async () => {
    const f = use('aks/managedClusters_get.2026-06-01.json');
    const body = f.responses['200'].body;
    h.world.state.clusters.push({ subscriptionId: ZERO, resourceGroup: 'rg1', name: 'clustername1', resource: structuredClone(body), kube: { resourceVersion: 1, objects: {} } });
    const aks = h.clients([ZERO]).containerService(ZERO).managedClusters;
    const got = await aks.get('rg1', 'clustername1');
    expect(got.eTag).toBe('beywbwei');
    expect(got.fqdn).toBe(body.properties.fqdn);
    expect(got.azurePortalFqdn).toBe(body.properties.azurePortalFQDN);
    expect(got.nodeResourceGroup).toBe('MC_rg1_clustername1_location1');
    expect(got.networkProfile?.loadBalancerSku).toBe('standard');
    expect(got.networkProfile?.loadBalancerProfile?.effectiveOutboundIPs?.map((r) => r.id)).toEqual(
      body.properties.networkProfile.loadBalancerProfile.effectiveOutboundIPs.map((r: any) => r.id),
    );
    expect(got.apiServerAccessProfile).toBeUndefined();
    const listed = [];
    for await (const c of h.clients([ZERO]).containerService(ZERO).managedClusters.listByResourceGroup('rg1')) listed.push(c.name);
    expect(listed).toContain('clustername1');
  });

  it('managedClusters_updateTags: accepts the PATCH body, answers the full cluster', async () => {
    const f = use('aks/managedClusters_updateTags.2026-06-01.json');
    const res = await armFetch(
      h,
      'PATCH',
      `/subscriptions/${ZERO}/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/clustername1?api-version=${f.parameters['api-version']}`,
      f.parameters.parameters,
    );
    expect(res.status).toBe(200);
    expect(res.body.tags).toEqual(f.responses['200'].body.tags);
    expect(Object.keys(f.responses['200'].body).every((k) => k in res.body)).toBe(true);
  });

  it('managedClusters_createOrUpdate (private): accepts the PUT body, 201 Creating, then Succeeded', async () => {
    const f = use('aks/managedClusters_createOrUpdate_privateCluster.2026-06-01.json');
    const path = `/subscriptions/${ZERO}/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/clustername2?api-version=${f.parameters['api-version']}`;
    const res = await armFetch(h, 'PUT', path, f.parameters.parameters);
    expect(res.status).toBe(201);
    const want = f.responses['201'].body;
    expect(res.body.properties.provisioningState).toBe(want.properties.provisioningState);
    expect(res.body.properties.apiServerAccessProfile).toEqual(want.properties.apiServerAccessProfile);
    expect(res.body.properties.privateFQDN).toBeTruthy();
    expect(res.body.properties.fqdn).toBeUndefined();
    expect(String(res.headers['azure-asyncoperation'])).toMatch(
      /\/providers\/Microsoft\.ContainerService\/locations\/location1\/operations\/[0-9a-f-]+\?api-version=2017-08-31$/,
    );
    const got = await h.clients([ZERO]).containerService(ZERO).managedClusters.get('rg1', 'clustername2');
    expect(['Creating', 'Succeeded']).toContain(got.provisioningState);
    expect(got.apiServerAccessProfile?.enablePrivateCluster).toBe(true);
    expect(got.privateFqdn).toBeTruthy();
  });
});

describe('Network fixtures', () => {
  it('networkSecurityGroups_get and _list: the SDK reads rules and default rules', async () => {
    const g = use('network/networkSecurityGroups_get.2026-01-01.json').responses['200'].body;
    const l = use('network/networkSecurityGroups_list.2026-01-01.json').responses['200'].body;
    for (const nsg of [g, ...l.value]) h.world.state.network[nsg.id.toLowerCase()] = structuredClone(nsg);
    const net = h.clients([ZERO]).network(ZERO);
    const got = await net.networkSecurityGroups.get('rg1', 'testnsg');
    expect(got.defaultSecurityRules).toHaveLength(6);
    expect(got.securityRules?.[0]).toMatchObject({ name: 'rule1', priority: 130, destinationPortRange: '80', access: 'Allow', direction: 'Inbound' });
    const names = [];
    for await (const n of net.networkSecurityGroups.list('rg1')) names.push(n.name);
    expect(names.sort()).toEqual([...l.value.map((n: any) => n.name), 'testnsg'].sort());
  });

  it('loadBalancers_get: a private frontend with its subnet', async () => {
    const lb = use('network/loadBalancers_get_privateFrontend.2026-01-01.json').responses['200'].body;
    h.world.state.network[lb.id.toLowerCase()] = structuredClone(lb);
    const got = await h.clients([ZERO]).network(ZERO).loadBalancers.get('rg1', 'lb');
    expect(got.sku?.name).toBe('Standard');
    expect(got.etag).toBe(lb.etag);
    expect(got.frontendIPConfigurations?.[0]).toMatchObject({ name: 'fe-lb', privateIPAddress: '10.0.1.4' });
    expect(got.frontendIPConfigurations?.[0].subnet?.id).toBe(lb.properties.frontendIPConfigurations[0].properties.subnet.id);
    expect(got.loadBalancingRules?.[0]).toMatchObject({ name: 'rulelb', frontendPort: 80, backendPort: 80, protocol: 'Tcp' });
  });
});

describe('Security fixtures', () => {
  it('pricings_list: the SDK parses it; the wrapper keeps deprecated/replacedBy', async () => {
    const body = use('security/pricings_list.2022-03-01.json').responses['200'].body;
    h.world.state.subscriptions[SEC].pricings = Object.fromEntries(body.value.map((p: any) => [p.name, structuredClone(p)]));
    const list = await h.clients([SEC]).security(SEC).pricings.list();
    expect(list.value?.map((p) => [p.name, p.pricingTier])).toEqual(body.value.map((p: any) => [p.name, p.properties.pricingTier]));
    const plans = await listPricings(h.clients([SEC]), SEC);
    expect(plans.find((p) => p.name === 'ContainerRegistry')).toMatchObject({ deprecated: true, replacedBy: ['Containers'], tier: 'Free' });
    expect(plans.find((p) => p.name === 'VirtualMachines')?.subPlan).toBe('P2');
    // A list can name other subscriptions' ids, as the published example does.
    expect(body.value.some((p: any) => p.id.includes(OTHER))).toBe(true);
  });

  it('pricings_get: the published GET (old planName) parses', async () => {
    const body = use('security/pricings_get.2022-03-01.json').responses['200'].body;
    h.world.state.subscriptions[SEC].pricings.VirtualMachines = structuredClone(body);
    const got = await h.clients([SEC]).security(SEC).pricings.get('VirtualMachines');
    expect(got.pricingTier).toBe('Standard');
    expect(got.freeTrialRemainingTime).toBe('PT0S');
  });

  it('pricings_update: accepts the PUT body and answers the pricing (no LRO)', async () => {
    const f = use('security/pricings_update.2022-03-01.json');
    const res = await armFetch(
      h,
      'PUT',
      `/subscriptions/${SEC}/providers/Microsoft.Security/pricings/${f.parameters.pricingName}?api-version=${f.parameters['api-version']}`,
      f.parameters.pricing,
    );
    expect(res.status).toBe(200);
    expect(res.headers['azure-asyncoperation']).toBeUndefined();
    expect(res.body).toMatchObject(f.responses['200'].body);
  });

  it('pricings resource-level (2024-01-01): not the version arm-security 5 sends; the emulator refuses it', async () => {
    const f = use('security/pricings_get_containers_resourceLevel.2024-01-01.json');
    const res = await armFetch(h, 'GET', `/${f.parameters.scopeId}/providers/Microsoft.Security/pricings/Containers?api-version=2024-01-01`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('NoRegisteredProviderFound');
    // The subscription-level answer carries the same enablementTime field name.
    expect(f.responses['200'].body.properties.enablementTime).toBeTruthy();
  });

  it('assessments_list: the SDK parses the published shape', async () => {
    const body = use('security/assessments_list.2021-06-01.json').responses['200'].body;
    h.world.state.subscriptions[SEC].assessments = structuredClone(body.value);
    const got = [];
    for await (const a of h.clients([SEC]).security(SEC).assessments.list(`subscriptions/${SEC}`)) got.push(a);
    expect(got.map((a) => a.status?.code)).toEqual(['Healthy', 'NotApplicable']);
    expect(got[1].status?.cause).toBe('OffByPolicy');
    expect(got[0].resourceDetails).toMatchObject({ source: 'Azure' });
  });

  it('subAssessments (legacy ContainerRegistryVulnerability): SDK and wrapper read it', async () => {
    const f = use('security/subAssessments_list_containerRegistryVulnerability.2019-01-01-preview.json');
    const item = f.responses['200'].body.value[0];
    const parent = item.id.split('/subAssessments/')[0].toLowerCase();
    h.world.state.subscriptions[SEC].subAssessments[parent] = [structuredClone(item)];
    const got = [];
    for await (const s of h.clients([SEC]).security(SEC).subAssessments.list(f.parameters.scope, f.parameters.assessmentName)) got.push(s);
    expect(got).toHaveLength(1);
    expect(got[0].status?.severity).toBe('High');
    expect((got[0].additionalData as any).assessedResourceType).toBe('ContainerRegistryVulnerability');
    const finding = toFinding(item);
    expect(finding).toMatchObject({ source: 'qualys', repository: 'myRepo', cveIds: ['CVE-2019-12345'], fixable: true, severity: 'high', cvss: 10 });
  });

  it('subAssessments (MDVM AzureContainerRegistryVulnerability, from docs): the wrapper keeps additionalData', async () => {
    const body = use('security/subAssessments_list_mdvm_azureContainerRegistryVulnerability.from-docs.json');
    const item = JSON.parse(JSON.stringify(body.value[0]).replaceAll('{SubscriptionID}', DOCS_SUB).replaceAll('{name}', '3f069764-2777-3731-9698-c87f23569a1d'));
    const parent = item.id.split('/subassessments/')[0].toLowerCase();
    h.world.state.subscriptions[DOCS_SUB].subAssessments[parent] = [item];
    const findings = await listRegistryFindings(h.clients([DOCS_SUB]), DOCS_SUB);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      source: 'mdvm',
      registryHost: 'ptebic.azurecr.io',
      digest: 'sha256:7f107db187ff32acfbc47eaa262b44d13d725f14dd08669a726a81fba87a12d6',
      cveIds: ['CVE-2021-39537'],
      packageName: 'libncursesw5',
      fixedVersion: '6.2-0ubuntu2.1',
      fixable: true,
      severity: 'high',
      cvss: 7.8,
      status: 'NotApplicable',
    });
  });
});

it('covers every published fixture', () => {
  expect([...COVERED].sort()).toEqual(fixtureFiles().sort());
});
