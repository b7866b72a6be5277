import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { armFetch, startHarness, type Harness } from './armHarness.js';
import { SUBSCRIPTION_PRODUCTION, SUBSCRIPTION_WORKSHOP } from '@palisade/sandbox/seed/index.js';

const CLUSTER = `/subscriptions/${SUBSCRIPTION_WORKSHOP}/resourceGroups/aksworkshop/providers/Microsoft.ContainerService/managedClusters/aks-workshop`;
const V = 'api-version=2026-04-01';

let h: Harness;
beforeAll(async () => {
  // long enough that the reads right after the PUT still see it running on a busy machine
  h = await startHarness(undefined, { lroDurationMs: 600 });
});
afterAll(() => h.close());
afterEach(async () => {
  h.emulator.faults.clear();
  // Let any running operation finish so tests stay independent.
  await new Promise((r) => setTimeout(r, h.emulator.settings.lroDurationMs + 20));
});

async function currentBody() {
  return (await armFetch(h, 'GET', `${CLUSTER}?${V}`)).body;
}

function withRanges(body: any, ranges: string[]) {
  return { ...body, properties: { ...body.properties, apiServerAccessProfile: { authorizedIPRanges: ranges } } };
}

async function pollUntilDone(url: string): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 100; i++) {
    const res = await armFetch(h, 'GET', url);
    expect(res.status).toBe(200);
    seen.push(res.body.status);
    if (res.body.status !== 'InProgress') return seen;
    await new Promise((r) => setTimeout(r, 20));
  }
  return seen;
}

describe('cluster PUT long-running operation', () => {
  it('200 Updating + Azure-AsyncOperation, polls InProgress then Succeeded, final GET shows the change', async () => {
    const before = await currentBody();
    const res = await armFetch(h, 'PUT', `${CLUSTER}?${V}`, withRanges(before, ['203.0.113.77/32']), { 'if-match': before.eTag });
    expect(res.status).toBe(200);
    expect(res.body.properties.provisioningState).toBe('Updating');
    expect(res.headers['x-ms-request-id']).toBeTruthy();
    expect(res.headers['x-ms-correlation-request-id']).toBeTruthy();
    expect(res.headers['x-ms-ratelimit-remaining-subscription-writes']).toBeTruthy();
    const op = String(res.headers['azure-asyncoperation']);
    expect(op).toContain('/providers/Microsoft.ContainerService/locations/eastus/operations/');
    const during = await currentBody();
    expect(during.properties.provisioningState).toBe('Updating');
    expect(during.eTag).not.toBe(before.eTag);

    const statuses = await pollUntilDone(op.replace(h.emulator.endpoint, ''));
    expect(statuses[0]).toBe('InProgress');
    expect(statuses.at(-1)).toBe('Succeeded');
    const after = await currentBody();
    expect(after.properties.provisioningState).toBe('Succeeded');
    expect(after.properties.apiServerAccessProfile.authorizedIPRanges).toEqual(['203.0.113.77/32']);
    expect(after.eTag).not.toBe(during.eTag);
    // Computed fields survive a PUT that omits them.
    expect(after.properties.fqdn).toBe(before.properties.fqdn);
  });

  it('409 OperationNotAllowed while an update runs', async () => {
    const body = await currentBody();
    expect((await armFetch(h, 'PUT', `${CLUSTER}?${V}`, withRanges(body, ['198.51.100.0/24']))).status).toBe(200);
    const second = await armFetch(h, 'PUT', `${CLUSTER}?${V}`, withRanges(body, ['198.51.100.0/25']));
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('OperationNotAllowed');
    expect(second.body.error.message).toMatch(/^Operation is not allowed because there's an in progress update managed cluster operation/);
  });

  it('412 PreconditionFailed when If-Match does not match', async () => {
    const body = await currentBody();
    const res = await armFetch(h, 'PUT', `${CLUSTER}?${V}`, withRanges(body, ['198.51.100.0/24']), { 'if-match': '"stale"' });
    expect(res.status).toBe(412);
    expect(res.body.error.code).toBe('PreconditionFailed');
  });

  it('an injected LRO failure ends Failed with the error, and leaves the old spec', async () => {
    const body = await currentBody();
    const oldRanges = body.properties.apiServerAccessProfile?.authorizedIPRanges;
    h.emulator.faults.failNextLro('aks-workshop', { code: 'ControlPlaneUnavailable', message: 'The control plane did not become ready.' });
    const res = await armFetch(h, 'PUT', `${CLUSTER}?${V}`, withRanges(body, ['192.0.2.0/24']));
    expect(res.status).toBe(200);
    const url = String(res.headers['azure-asyncoperation']).replace(h.emulator.endpoint, '');
    expect((await pollUntilDone(url)).at(-1)).toBe('Failed');
    const op = await armFetch(h, 'GET', url);
    expect(op.body.error).toEqual({ code: 'ControlPlaneUnavailable', message: 'The control plane did not become ready.' });
    const after = await currentBody();
    expect(after.properties.provisioningState).toBe('Failed');
    expect(after.properties.apiServerAccessProfile?.authorizedIPRanges).toEqual(oldRanges);
  });
});

describe('authorized IP range validation', () => {
  const cases: Array<[string, string[], RegExp, (b: any) => any]> = [
    ['IPv6', ['2001:db8::/32'], /IPv6/, (b) => b],
    ['malformed', ['300.1.1.1/24'], /not a valid IPv4/, (b) => b],
    ['not the network address', ['137.117.106.90/29'], /137\.117\.106\.88\/29/, (b) => b],
    ['0.0.0.0/32 with others', ['0.0.0.0/32', '198.51.100.0/24'], /^Setting apiServerAuthorizedIPRange to 0\.0\.0\.0\/32 is not allowed with other IP ranges/, (b) => b],
    ['more than 200', Array.from({ length: 201 }, (_, i) => `10.${Math.floor(i / 256)}.${i % 256}.0/24`), /^The number of APIServer Authorized IP Ranges is greater than the allowed value 200\.$/, (b) => b],
    ['private cluster', ['198.51.100.0/24'], /private clusters/, (b) => ({ ...b, properties: { ...b.properties, apiServerAccessProfile: { ...b.properties.apiServerAccessProfile, enablePrivateCluster: true } } })],
    ['basic load balancer', ['198.51.100.0/24'], /Standard/, (b) => ({ ...b, properties: { ...b.properties, networkProfile: { ...b.properties.networkProfile, loadBalancerSku: 'basic' } } })],
  ];
  for (const [name, ranges, message, tweak] of cases) {
    it(`400 InvalidParameter: ${name}`, async () => {
      const body = withRanges(await currentBody(), ranges);
      const res = await armFetch(h, 'PUT', `${CLUSTER}?${V}`, tweak(body));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('InvalidParameter');
      expect(res.body.error.message).toMatch(message);
    });
  }

  it('accepts 0.0.0.0/32 alone and a bare address (stored as /32)', async () => {
    const res = await armFetch(h, 'PUT', `${CLUSTER}?${V}`, withRanges(await currentBody(), ['0.0.0.0/32']));
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, h.emulator.settings.lroDurationMs + 30));
    const res2 = await armFetch(h, 'PUT', `${CLUSTER}?${V}`, withRanges(await currentBody(), ['203.0.113.77']));
    expect(res2.body.properties.apiServerAccessProfile.authorizedIPRanges).toEqual(['203.0.113.77/32']);
  });
});

describe('protocol details', () => {
  it('rejects a missing or unknown api-version', async () => {
    const missing = await armFetch(h, 'GET', CLUSTER);
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('MissingApiVersionParameter');
    const bad = await armFetch(h, 'GET', `${CLUSTER}?api-version=banana`);
    expect(bad.body.error.code).toBe('InvalidApiVersionParameter');
    const unknown = await armFetch(h, 'GET', `${CLUSTER}?api-version=2019-01-01`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('NoRegisteredProviderFound');
  });

  it('404 ResourceNotFound with the ARM error body', async () => {
    const res = await armFetch(h, 'GET', `${CLUSTER.replace('aks-workshop', 'nope')}?${V}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ResourceNotFound');
    expect(res.headers['x-ms-ratelimit-remaining-subscription-reads']).toBeTruthy();
  });

  it('403 AuthorizationFailed on Microsoft.Security for securityForbidden subscriptions', async () => {
    h.world.state.subscriptions[SUBSCRIPTION_PRODUCTION].securityForbidden = true;
    try {
      const res = await armFetch(h, 'GET', `/subscriptions/${SUBSCRIPTION_PRODUCTION}/providers/Microsoft.Security/pricings?api-version=2022-03-01`);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('AuthorizationFailed');
    } finally {
      h.world.state.subscriptions[SUBSCRIPTION_PRODUCTION].securityForbidden = false;
    }
  });

  it('injected faults answer first, for the given number of times', async () => {
    h.emulator.faults.add({ method: 'GET', pathIncludes: '/managedClusters/aks-workshop', status: 503, times: 1 });
    expect((await armFetch(h, 'GET', `${CLUSTER}?${V}`)).status).toBe(503);
    expect((await armFetch(h, 'GET', `${CLUSTER}?${V}`)).status).toBe(200);
  });
});
