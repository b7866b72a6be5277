import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../sandbox/armHarness.js';
import { getCluster, getClusterUserKubeconfig, listClusters, putAuthorizedRanges } from '../../src/azure/clusters.js';
import { AzureError } from '../../src/azure/errors.js';
import { SUBSCRIPTION_PRODUCTION, SUBSCRIPTION_WORKSHOP, seedArm } from '@palisade/sandbox/seed/index.js';

const WORKSHOP = { subscriptionId: SUBSCRIPTION_WORKSHOP, resourceGroup: 'aksworkshop', name: 'aks-workshop' };
const FAST_POLL = { updateIntervalInMs: 10 };

let h: Harness;
beforeAll(async () => {
  h = await startHarness(seedArm(), { lroDurationMs: 80 });
});
afterAll(() => h.close());

/** Is a long-running operation on a cluster still running in the emulator? */
function updating(): boolean {
  return Object.values(h.world.state.operations).some((o) => o.status === 'InProgress');
}

/** Waits for the emulator's own state (it announces every change), never for a fixed time. */
function until(pred: () => boolean, timeoutMs = 10_000): Promise<void> {
  if (pred()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error('the emulator never reached the expected state')), timeoutMs);
    const check = () => pred() && done();
    const done = (err?: Error) => {
      clearTimeout(timer);
      h.world.off('change', check);
      if (err) reject(err);
      else resolve();
    };
    h.world.on('change', check);
  });
}

describe('listClusters / getCluster', () => {
  it('lists every sandbox cluster as plain ClusterInfo with resolved outbound IPs', async () => {
    const all = await listClusters(h.clients([SUBSCRIPTION_WORKSHOP, SUBSCRIPTION_PRODUCTION]));
    expect(all.map((c) => c.name)).toEqual(['aks-cilium', 'aks-private', 'aks-prod', 'aks-workshop']);
    const [cilium, priv, prod, workshop] = all;
    expect(cilium).toMatchObject({ subscriptionId: SUBSCRIPTION_PRODUCTION, location: 'northeurope', networkPolicy: 'cilium', networkPlugin: 'azure', outboundIps: ['4.208.14.7'] });
    expect(priv).toMatchObject({ isPrivate: true, fqdn: undefined, authorizedIpRanges: [], outboundIps: ['20.81.114.61'] });
    expect(priv.privateFqdn).toMatch(/\.privatelink\.eastus\.azmk8s\.io$/);
    expect(workshop).toMatchObject({
      subscriptionId: SUBSCRIPTION_WORKSHOP,
      resourceGroup: 'aksworkshop',
      location: 'eastus',
      isPrivate: false,
      authorizedIpRanges: [],
      outboundIps: ['20.81.112.34'],
      networkPolicy: 'none',
      networkPlugin: 'kubenet',
      loadBalancerSku: 'standard',
      nodeResourceGroup: 'MC_aksworkshop_aks-workshop_eastus',
    });
    expect(workshop.fqdn).toMatch(/\.hcp\.eastus\.azmk8s\.io$/);
    expect(workshop.outboundIpIds).toHaveLength(1);
    expect(prod).toMatchObject({ networkPolicy: 'calico', networkPlugin: 'azure', authorizedIpRanges: ['198.51.100.0/24', '203.0.113.0/24'] });
    // The sandbox client IP Palisade uses must be inside prod's allowlist.
    expect(prod.authorizedIpRanges).toContain('203.0.113.0/24');
  });

  it('filters by name and follows nextLink across pages', async () => {
    h.emulator.settings.pageSize = 1;
    try {
      const many = seedArm();
      const clients = h.clients([SUBSCRIPTION_WORKSHOP]);
      for (let i = 0; i < 4; i++) {
        const copy = structuredClone(many.clusters[0]);
        copy.name = `aks-extra-${i}`;
        copy.resource.name = copy.name;
        copy.resource.id = copy.resource.id.replace(/aks-workshop$/, copy.name);
        h.world.state.clusters.push(copy);
      }
      const all = await listClusters(clients);
      expect(all.map((c) => c.name)).toEqual(['aks-extra-0', 'aks-extra-1', 'aks-extra-2', 'aks-extra-3', 'aks-private', 'aks-workshop']);
      const only = await listClusters(clients, { names: ['AKS-WORKSHOP'] });
      expect(only.map((c) => c.name)).toEqual(['aks-workshop']);
    } finally {
      h.emulator.settings.pageSize = 50;
      h.world.state.clusters = h.world.state.clusters.filter((c) => !c.name.startsWith('aks-extra-'));
    }
  });

  it('getCluster returns info, etag and the raw model', async () => {
    const got = await getCluster(h.clients([SUBSCRIPTION_WORKSHOP]), WORKSHOP);
    expect(got.etag).toBe(got.info.etag);
    expect(got.raw.name).toBe('aks-workshop');
  });

  it('maps 404 to AzureError ResourceNotFound with the request id', async () => {
    const err = await getCluster(h.clients([SUBSCRIPTION_WORKSHOP]), { ...WORKSHOP, name: 'missing' }).catch((e) => e);
    expect(err).toBeInstanceOf(AzureError);
    expect(err).toMatchObject({ code: 'ResourceNotFound', status: 404 });
    expect(err.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('putAuthorizedRanges', () => {
  it('GET-modify-PUT with If-Match, waits for the LRO, returns the new info and request id', async () => {
    const clients = h.clients([SUBSCRIPTION_WORKSHOP]);
    const before = await getCluster(clients, WORKSHOP);
    const progress: string[] = [];
    const res = await putAuthorizedRanges(clients, WORKSHOP, ['203.0.113.77/32', '198.51.100.0/24'], {
      ifMatch: before.etag,
      ...FAST_POLL,
      onProgress: (s) => progress.push(s.status),
    });
    expect(res.info.authorizedIpRanges).toEqual(['203.0.113.77/32', '198.51.100.0/24']);
    expect(res.info.provisioningState).toBe('Succeeded');
    expect(res.info.etag).not.toBe(before.etag);
    expect(res.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(progress.length).toBeGreaterThan(0);
    // Everything else in the cluster is unchanged.
    const after = await getCluster(clients, WORKSHOP);
    expect(after.info.networkPlugin).toBe('kubenet');
    expect(after.info.fqdn).toBe(before.info.fqdn);
    expect(after.raw.agentPoolProfiles?.[0].count).toBe(before.raw.agentPoolProfiles?.[0].count);
  });

  it('an empty list disables the allowlist', async () => {
    const res = await putAuthorizedRanges(h.clients([SUBSCRIPTION_WORKSHOP]), WORKSHOP, [], FAST_POLL);
    expect(res.info.authorizedIpRanges).toEqual([]);
  });

  it('412 when the plan saw an older eTag', async () => {
    const err = await putAuthorizedRanges(h.clients([SUBSCRIPTION_WORKSHOP]), WORKSHOP, ['203.0.113.77/32'], { ifMatch: 'old-etag', ...FAST_POLL }).catch((e) => e);
    expect(err).toBeInstanceOf(AzureError);
    expect(err).toMatchObject({ code: 'PreconditionFailed', status: 412 });
  });

  it('400 InvalidParameter keeps AKS message', async () => {
    const err = await putAuthorizedRanges(h.clients([SUBSCRIPTION_WORKSHOP]), WORKSHOP, ['0.0.0.0/32', '203.0.113.77/32'], FAST_POLL).catch((e) => e);
    expect(err).toMatchObject({ code: 'InvalidParameter', status: 400 });
    expect(err.message).toMatch(/0\.0\.0\.0\/32 is not allowed with other IP ranges/);
  });

  it('409 OperationNotAllowed while another update runs', async () => {
    const clients = h.clients([SUBSCRIPTION_WORKSHOP]);
    h.emulator.settings.lroDurationMs = 400;
    try {
      const first = putAuthorizedRanges(clients, WORKSHOP, ['198.51.100.0/24'], FAST_POLL);
      await until(updating);
      const err = await putAuthorizedRanges(clients, WORKSHOP, ['198.51.100.0/25'], FAST_POLL).catch((e) => e);
      expect(err).toMatchObject({ code: 'OperationNotAllowed', status: 409 });
      await first;
    } finally {
      h.emulator.settings.lroDurationMs = 80;
    }
  });

  it('a failed LRO surfaces Azure code and message as AzureError', async () => {
    h.emulator.faults.failNextLro('aks-workshop', { code: 'ControlPlaneUnavailable', message: 'The control plane did not become ready.' });
    const err = await putAuthorizedRanges(h.clients([SUBSCRIPTION_WORKSHOP]), WORKSHOP, ['192.0.2.0/24'], FAST_POLL).catch((e) => e);
    expect(err).toBeInstanceOf(AzureError);
    expect(err).toMatchObject({ code: 'ControlPlaneUnavailable', message: 'The control plane did not become ready.' });
    expect(err.requestId).toBeTruthy();
    await until(() => !updating());
  });

  it('429 with Retry-After is retried by the SDK', async () => {
    h.emulator.faults.add({ method: 'GET', pathIncludes: '/managedClusters/aks-workshop?', status: 429, headers: { 'retry-after': '1' }, times: 1 });
    const got = await getCluster(h.clients([SUBSCRIPTION_WORKSHOP]), WORKSHOP);
    expect(got.info.name).toBe('aks-workshop');
    expect(h.emulator.faults.pending).toBe(0);
  });

  it('403 from ARM maps to AuthorizationFailed', async () => {
    h.emulator.faults.add({
      method: 'GET',
      pathIncludes: '/managedClusters/aks-workshop?',
      status: 403,
      body: { error: { code: 'AuthorizationFailed', message: 'The client does not have authorization to perform action.' } },
      times: 1,
    });
    const err = await getCluster(h.clients([SUBSCRIPTION_WORKSHOP]), WORKSHOP).catch((e) => e);
    expect(err).toMatchObject({ code: 'AuthorizationFailed', status: 403 });
  });
});

describe('getClusterUserKubeconfig', () => {
  it('returns the Kubernetes emulator URL for the cluster and the sandbox CA', async () => {
    h.emulator.setKubeBaseUrl('https://127.0.0.1:7443');
    const access = await getClusterUserKubeconfig(h.clients([SUBSCRIPTION_WORKSHOP]), WORKSHOP);
    expect(access.server).toBe('https://127.0.0.1:7443/clusters/aks-workshop');
    expect(access.caPem).toBe(h.tls.caPem);
  });
});
