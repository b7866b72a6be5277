import { zipSync, strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armFetch, emptySubscription, fixture, fixtureFiles, httpsJson, startHarness, type Harness } from './armHarness.js';
import { listPricings, listRegistryFindings, toFinding } from '../../src/azure/defender.js';
import { listSubscriptions } from '../../src/azure/subscriptions.js';
import { SANDBOX_OPERATOR_TOKEN, loadShippedRole } from '@palisade/sandbox/arm/index.js';
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
  h = await startHarness(fixtureWorld(), { lroDurationMs: 30, runCommandDurationMs: 20 }, { kube: true, graph: true });
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

const OPERATOR = { authorization: `Bearer ${SANDBOX_OPERATOR_TOKEN}` };
const ARG_SUB = 'cfbbd179-59d2-4052-aa06-9270a38aa9d6';
const CLUSTER1 = `/subscriptions/${ZERO}/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/clustername1`;

function ensureCluster1(): void {
  if (h.world.findCluster('clustername1', ZERO, 'rg1')) return;
  const body = fixture('aks/managedClusters_get.2026-06-01.json').responses['200'].body;
  h.world.state.clusters.push({ subscriptionId: ZERO, resourceGroup: 'rg1', name: 'clustername1', resource: structuredClone(body), kube: { resourceVersion: 1, objects: {} } });
}

function zipBase64(files: Record<string, string>): string {
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])))).toString('base64');
}

describe('AKS Run Command fixtures', () => {
  it('managedClusters_runCommand: accepts the published body, 202 + location to commandResults (no body); the SDK waits for the result', async () => {
    const f = use('aks/managedClusters_runCommand.2026-06-01.json');
    ensureCluster1();
    const res = await armFetch(h, 'POST', `${CLUSTER1}/runCommand?api-version=${f.parameters['api-version']}`, f.parameters.requestPayload);
    expect(res.status).toBe(202);
    expect(res.body).toBeUndefined();
    const published = new URL(f.responses['202'].headers.location);
    const location = new URL(String(res.headers.location));
    expect(location.pathname.replace(/[0-9a-f]{32}$/, 'ID')).toBe(published.pathname.replace(/[0-9a-f]{32}$/, 'ID'));
    expect(location.searchParams.get('api-version')).toBe(published.searchParams.get('api-version'));

    // The published command with its file in the context zip, through the real SDK's long-running operation.
    const aks = h.clients([ZERO]).containerService(ZERO).managedClusters;
    const result = await aks.beginRunCommandAndWait(
      'rg1',
      'clustername1',
      { command: f.parameters.requestPayload.command, context: zipBase64({ 'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dummy\n' }), clusterToken: '' },
      { updateIntervalInMs: 10 },
    );
    expect(Object.keys(f.responses['200'].body.properties).every((k) => (result as any)[k] !== undefined)).toBe(true);
    expect(result).toMatchObject({ provisioningState: 'succeeded', exitCode: 0, logs: 'namespace/dummy created\n' });
    expect(result.startedAt).toBeInstanceOf(Date);
    expect(h.world.findCluster('clustername1')!.kube.objects['v1|Namespace||dummy']).toBeTruthy();
  });

  it('managedClusters_getCommandResult (succeeded): 200 with the published properties, lower-case provisioningState', async () => {
    const f = use('aks/managedClusters_getCommandResult_succeeded.2026-06-01.json');
    ensureCluster1();
    const aks = h.clients([ZERO]).containerService(ZERO).managedClusters;
    const started = await aks.beginRunCommand('rg1', 'clustername1', { command: 'kubectl get ns dummy -o name' }, { updateIntervalInMs: 10 });
    const done = await started.pollUntilDone();
    const res = await armFetch(h, 'GET', `${CLUSTER1}/commandResults/${done.id}?api-version=${f.parameters['api-version']}`);
    expect(res.status).toBe(200);
    const want = f.responses['200'].body;
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(want).sort());
    expect(Object.keys(res.body.properties).sort()).toEqual(Object.keys(want.properties).sort());
    expect(res.body.properties).toMatchObject({ provisioningState: want.properties.provisioningState, exitCode: 0, logs: 'namespace/dummy\n' });
    expect(res.body.properties.startedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const unknown = await armFetch(h, 'GET', `${CLUSTER1}/commandResults/${f.parameters.commandId}?api-version=${f.parameters['api-version']}`);
    expect(unknown.status).toBe(404);
  });

  it('managedClusters_getCommandResult (failed): only provisioningState and reason; 202 + location while the pod runs', async () => {
    const f = use('aks/managedClusters_getCommandResult_failed.2026-06-01.json');
    ensureCluster1();
    h.emulator.faults.failNextRunCommand('clustername1', f.responses['200'].body.properties.reason);
    h.emulator.settings.runCommandDurationMs = 60_000;
    try {
      const res = await armFetch(h, 'POST', `${CLUSTER1}/runCommand?api-version=2026-04-01`, { command: 'kubectl get pods' });
      const path = String(res.headers.location).replace(h.emulator.endpoint, '');
      const running = await armFetch(h, 'GET', path);
      expect(running.status).toBe(202);
      expect(running.body).toBeUndefined();
      expect(running.headers.location).toBe(res.headers.location);
      const id = path.split('/commandResults/')[1].split('?')[0];
      h.world.state.commandResults![id].provisioningState = 'failed'; // skip the minute the pod would take
      h.world.state.commandResults![id].reason = f.responses['200'].body.properties.reason;
      const got = await h.clients([ZERO]).containerService(ZERO).managedClusters.getCommandResult('rg1', 'clustername1', id);
      expect(got).toEqual({ id, provisioningState: 'failed', reason: 'ImagePullBackoff' });
      const wire = await armFetch(h, 'GET', path);
      expect(wire.body).toEqual({ ...f.responses['200'].body, id });
    } finally {
      h.emulator.settings.runCommandDurationMs = 20;
      h.emulator.faults.clear();
    }
  });
});

describe('Authorization fixtures', () => {
  it('roleDefinitions_get: serves the shipped custom role in the published shape', async () => {
    const f = use('authorization/roleDefinitions_get.2022-04-01.json');
    const roleId = h.emulator.rbac.palisadeRoleId;
    const res = await armFetch(h, 'GET', `/subscriptions/${ZERO}/providers/Microsoft.Authorization/roleDefinitions/${roleId}?api-version=${f.parameters['api-version']}`, undefined, OPERATOR);
    expect(res.status).toBe(200);
    const want = f.responses['200'].body;
    for (const k of Object.keys(want)) expect(res.body).toHaveProperty(k);
    for (const k of Object.keys(want.properties)) expect(res.body.properties).toHaveProperty(k);
    expect(Object.keys(res.body.properties.permissions[0]).sort()).toEqual(Object.keys(want.properties.permissions[0]).sort());
    expect(res.body).toMatchObject({ type: want.type, name: roleId, id: `/subscriptions/${ZERO}/providers/Microsoft.Authorization/roleDefinitions/${roleId}` });
    const shipped = loadShippedRole();
    expect(res.body.properties).toMatchObject({ roleName: shipped.roleName, type: 'CustomRole', description: shipped.description, assignableScopes: [`/subscriptions/${ZERO}`, `/subscriptions/${SEC}`, `/subscriptions/${DOCS_SUB}`] });
    expect(res.body.properties.permissions).toEqual(shipped.permissions);
    // Palisade's own role does not let it read role definitions
    const denied = await armFetch(h, 'GET', `/subscriptions/${ZERO}/providers/Microsoft.Authorization/roleDefinitions/${roleId}?api-version=2022-04-01`);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('AuthorizationFailed');
  });
});

describe('Subscriptions fixtures', () => {
  it('subscriptions_list: the SDK pages through the emulator (its own nextLink, never the placeholder) and reads the published fields', async () => {
    const body = use('subscriptions/subscriptions_list.2022-12-01.json').responses['200'].body;
    expect(body.nextLink).toBe('http://nextlink');
    for (const s of body.value) {
      h.world.state.subscriptions[s.subscriptionId] = {
        ...emptySubscription(s.subscriptionId),
        displayName: s.displayName,
        tenantId: s.tenantId,
        state: s.state,
        tags: s.tags,
        managedByTenants: s.managedByTenants,
        subscriptionPolicies: s.subscriptionPolicies,
      };
      h.emulator.rbac.grantSubscription(s.subscriptionId);
    }
    h.emulator.settings.subscriptionPageSize = 1;
    try {
      const first = await armFetch(h, 'GET', '/subscriptions?api-version=2022-12-01');
      expect(first.body.nextLink).toMatch(new RegExp(`^${h.emulator.endpoint}/subscriptions\\?`));
      const listed = [];
      for await (const s of h.clients([]).subscriptions().subscriptions.list()) listed.push(s);
      const published = listed.filter((s) => body.value.some((v: any) => v.subscriptionId === s.subscriptionId));
      expect(published.map((s) => s.displayName)).toEqual(body.value.map((v: any) => v.displayName));
      expect(published[1]).toMatchObject({ id: body.value[1].id, tenantId: body.value[1].tenantId, state: 'Enabled', authorizationSource: 'RoleBased', tags: body.value[1].tags });
      expect(published[1].managedByTenants?.map((t) => t.tenantId)).toEqual(body.value[1].managedByTenants.map((t: any) => t.tenantId));
      expect(published[0].subscriptionPolicies).toMatchObject(body.value[0].subscriptionPolicies);
      const wire = await armFetch(h, 'GET', `/subscriptions/${body.value[0].subscriptionId}?api-version=2022-12-01`);
      expect(wire.body).toEqual(body.value[0]);
      expect((await listSubscriptions(h.clients([]))).map((s) => s.displayName)).toEqual(expect.arrayContaining(['Example Subscription', 'Example Subscription2']));
    } finally {
      h.emulator.settings.subscriptionPageSize = 50;
    }
  });
});

/** The published Resource Graph rows, stored as plain ARM resources of the subscription they name. */
function storeArgRows(rows: any[], extra: Record<string, unknown> = {}): void {
  h.world.state.subscriptions[ARG_SUB] ??= emptySubscription(ARG_SUB);
  h.emulator.rbac.grantSubscription(ARG_SUB);
  h.world.state.resources ??= {};
  for (const r of rows) h.world.state.resources[r.id.toLowerCase()] = { ...r, tags: r.tags ?? {}, ...extra };
}

async function argQuery(request: unknown) {
  return armFetch(h, 'POST', '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', request, OPERATOR);
}

describe('Resource Graph fixtures', () => {
  it('resources_basicQuery: the published request answers the published body', async () => {
    const f = use('resourcegraph/resources_basicQuery.2024-04-01.json');
    storeArgRows(f.responses['200'].body.data);
    const res = await argQuery(f.parameters.query);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(f.responses['200'].body);
    // Through the SDK as Palisade: Resource Graph answers only what its role may read (public IPs, not NICs or VNets)
    const sdk = await h.clients([]).resourceGraph().resources({ ...f.parameters.query });
    expect(sdk).toMatchObject({ count: 1, totalRecords: 1, resultTruncated: 'false', facets: [] });
    expect(sdk.data).toEqual([f.responses['200'].body.data[2]]);
  });

  it('resources_firstPageQuery and _nextPageQuery: $top pages with $skipToken over the same query; a foreign token is a 400', async () => {
    const first = use('resourcegraph/resources_firstPageQuery.2024-04-01.json');
    const next = use('resourcegraph/resources_nextPageQuery.2024-04-01.json');
    const page1 = first.responses['200'].body;
    const page2 = next.responses['200'].body;
    // The published second page shows 'second_OsDisk_…', which does not match its own query (name contains 'test'):
    // the emulator leaves it out. totalRecords 386: the five matching published rows, then as many more matching ones.
    const filler = Array.from({ length: page1.totalRecords - 5 }, (_, i) => ({
      id: `/subscriptions/${ARG_SUB}/resourceGroups/RG3/providers/Microsoft.Compute/disks/zz-test-${String(i).padStart(3, '0')}`,
      name: `zz-test-${String(i).padStart(3, '0')}`,
      type: 'microsoft.compute/disks',
      location: 'eastus',
    }));
    storeArgRows([...page1.data, ...page2.data, ...filler]);
    const r1 = await argQuery(first.parameters.query);
    expect(r1.status).toBe(200);
    expect({ ...r1.body, $skipToken: 'T' }).toEqual({ ...page1, $skipToken: 'T' });
    const r2 = await argQuery({ ...next.parameters.query, options: { $skipToken: r1.body.$skipToken, $top: 3 } });
    expect(page2.data[0].name).not.toMatch(/test/i);
    expect({ ...r2.body, $skipToken: 'T' }).toEqual({ ...page2, data: [page2.data[1], page2.data[2], filler[0]], $skipToken: 'T' });
    expect(r2.body.$skipToken).not.toBe(r1.body.$skipToken);
    const foreign = await argQuery(next.parameters.query);
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.code).toBe('BadRequest');
    expect(foreign.body.error.details[0].code).toBe('InvalidSkipToken');
  });

  it('resources_facetQuery: facets over the query result, FacetError for an unknown column', async () => {
    const f = use('resourcegraph/resources_facetQuery.2024-04-01.json');
    const want = f.responses['200'].body;
    storeArgRows(
      want.data.map((r: any) => ({ id: r.id, name: r.name, type: 'Microsoft.Compute/virtualMachines', location: r.location, properties: { storageProfile: { osDisk: { osType: r.properties_storageProfile_osDisk_osType } } } })),
    );
    const res = await argQuery(f.parameters.query);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(want.data);
    expect(res.body).toMatchObject({ count: 5, totalRecords: 5, resultTruncated: 'false' });
    expect(res.body.facets).toHaveLength(5);
    for (const i of [0, 2, 3, 4]) expect(res.body.facets[i]).toEqual(want.facets[i]);
    // The published second facet lists Linux (2) before Windows (3) under sortOrder desc: inconsistent with its own
    // counts, so only its shape and counts are compared.
    expect(res.body.facets[1]).toMatchObject({ expression: want.facets[1].expression, resultType: 'FacetResult', totalRecords: 2, count: 2 });
    expect(res.body.facets[1].data).toEqual(expect.arrayContaining(want.facets[1].data));
  });
});

describe('Microsoft Graph fixtures', () => {
  const graph = (method: string, path: string, body?: unknown) =>
    httpsJson(h.tls.caPem, method, `${h.graph!.baseUrl}${path}`, body, { authorization: 'Bearer sandbox-arm-token.not-a-secret' });

  it('directoryObject_checkMemberGroups: keeps the ids the object is a (transitive) member of, in request order', async () => {
    const body = use('graph/directoryObject_checkMemberGroups.v1.0.from-docs.json');
    const subjectId = '4562bcc8-c436-4f95-b7c0-4f8ce89dca5e';
    h.graph!.directory.addUser(subjectId, 'Docs example');
    const [a, b, c, d] = body.value as string[];
    const other = 'fee2c45b-915a-4a64-b130-f4eb9e75525e';
    h.graph!.directory.addGroup(a, 'A', 'a', [subjectId]);
    h.graph!.directory.addGroup(b, 'B', 'b', [subjectId]);
    h.graph!.directory.addGroup(c, 'C', 'c', [a]); // nested: member through group a
    h.graph!.directory.addGroup(d, 'D', 'd', [subjectId]);
    h.graph!.directory.addGroup(other, 'Other', 'other', []);
    for (const kind of ['directoryObjects', 'users']) {
      const res = await graph('POST', `/v1.0/${kind}/${subjectId}/checkMemberGroups`, { groupIds: [a, other, b, c, d] });
      expect(res.status).toBe(200);
      expect(res.body.value).toEqual(body.value);
      expect(res.body['@odata.context']).toBe(`${h.graph!.baseUrl}/v1.0/$metadata#Collection(Edm.String)`);
      expect(Object.keys(res.body).sort()).toEqual(Object.keys(body).sort());
    }
  });

  it('user_transitiveMemberOf: groups as directoryObjects with @odata.type, the published fields', async () => {
    const body = use('graph/user_transitiveMemberOf.v1.0.from-docs.json');
    const userId = '6e7b768e-07e2-4810-8459-485f84f8f204';
    const g = body.value[0];
    h.graph!.directory.addUser(userId, 'Docs example 2');
    h.graph!.directory.addGroup('2a1fd4a5-0000-4000-8000-000000000001', g.displayName, g.mailNickname, [userId], g.mailEnabled);
    const res = await graph('GET', `/v1.0/users/${userId}/transitiveMemberOf`);
    expect(res.status).toBe(200);
    expect(res.body['@odata.context']).toBe(`${h.graph!.baseUrl}/v1.0/$metadata#directoryObjects`);
    expect(res.body.value).toHaveLength(1);
    expect(res.body.value[0]).toMatchObject(g);
    expect(res.body.value[0].id).toBe('2a1fd4a5-0000-4000-8000-000000000001');
    expect(res.body['@odata.nextLink']).toBeUndefined();
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
    // Palisade's role has no assessments/read (it reads sub-assessments only): read as the operator
    for await (const a of h.operatorClients([SEC]).security(SEC).assessments.list(`subscriptions/${SEC}`)) got.push(a);
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
