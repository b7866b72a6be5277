import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { armFetch, startHarness, type Harness } from './armHarness.js';
import {
  PALISADE_PRINCIPAL,
  PALISADE_SANDBOX_TOKEN,
  SHIPPED_ROLE_FILE,
  loadShippedRole,
  requestAccess,
} from '@palisade/sandbox/arm/index.js';
import { PALISADE_SANDBOX_PRINCIPAL_ID } from '@palisade/sandbox/identity.js';
import { SUBSCRIPTION_PRODUCTION, SUBSCRIPTION_WORKSHOP } from '@palisade/sandbox/seed/index.js';
import { sandboxCredential } from '../../src/azure/credential.js';
import { getCluster, listClusters, putAuthorizedRanges } from '../../src/azure/clusters.js';
import { AzureError } from '../../src/azure/errors.js';
import { waitUntil } from '../helpers/waitUntil.js';

const WS = { subscriptionId: SUBSCRIPTION_WORKSHOP, resourceGroup: 'aksworkshop', name: 'aks-workshop' };
const CLUSTER_ID = `/subscriptions/${SUBSCRIPTION_WORKSHOP}/resourceGroups/aksworkshop/providers/Microsoft.ContainerService/managedClusters/aks-workshop`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness(undefined, { lroDurationMs: 40 });
});
afterAll(() => h.close());
afterEach(() => {
  h.emulator.rbac.setPalisadeRole(loadShippedRole());
  h.emulator.rbac.grantSubscription(SUBSCRIPTION_WORKSHOP);
  h.emulator.rbac.grantSubscription(SUBSCRIPTION_PRODUCTION);
});

function forbidden(action: string, scope: string): string {
  return `The client '${PALISADE_PRINCIPAL.clientId}' with object id '${PALISADE_SANDBOX_PRINCIPAL_ID}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`;
}

async function caught(p: Promise<unknown>): Promise<AzureError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AzureError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe('actions derived from method and resource type, as Azure RBAC does', () => {
  const cases: Array<[string, string, string | undefined, string]> = [
    ['GET', CLUSTER_ID, 'Microsoft.ContainerService/managedClusters/read', CLUSTER_ID],
    ['PUT', CLUSTER_ID, 'Microsoft.ContainerService/managedClusters/write', CLUSTER_ID],
    ['PATCH', CLUSTER_ID, 'Microsoft.ContainerService/managedClusters/write', CLUSTER_ID],
    ['DELETE', CLUSTER_ID, 'Microsoft.ContainerService/managedClusters/delete', CLUSTER_ID],
    ['POST', `${CLUSTER_ID}/listClusterUserCredential`, 'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action', CLUSTER_ID],
    ['POST', `${CLUSTER_ID}/runCommand`, 'Microsoft.ContainerService/managedClusters/runCommand/action', CLUSTER_ID],
    ['GET', `${CLUSTER_ID}/commandResults/abc`, 'Microsoft.ContainerService/managedClusters/commandResults/read', `${CLUSTER_ID}/commandResults/abc`],
    ['GET', `/subscriptions/${SUBSCRIPTION_WORKSHOP}/providers/Microsoft.ContainerService/managedClusters`, 'Microsoft.ContainerService/managedClusters/read', `/subscriptions/${SUBSCRIPTION_WORKSHOP}`],
    ['GET', `/subscriptions/${SUBSCRIPTION_WORKSHOP}/resourceGroups/aksworkshop/providers/Microsoft.ContainerService/managedClusters`, 'Microsoft.ContainerService/managedClusters/read', `/subscriptions/${SUBSCRIPTION_WORKSHOP}/resourceGroups/aksworkshop`],
    [
      'GET',
      `/subscriptions/${SUBSCRIPTION_WORKSHOP}/providers/Microsoft.ContainerService/locations/eastus/operations/op1`,
      'Microsoft.ContainerService/locations/operations/read',
      `/subscriptions/${SUBSCRIPTION_WORKSHOP}/providers/Microsoft.ContainerService/locations/eastus/operations/op1`,
    ],
    ['GET', `/subscriptions/${SUBSCRIPTION_WORKSHOP}/providers/Microsoft.Security/pricings/Containers`, 'Microsoft.Security/pricings/read', `/subscriptions/${SUBSCRIPTION_WORKSHOP}/providers/Microsoft.Security/pricings/Containers`],
    ['GET', `/subscriptions/${SUBSCRIPTION_WORKSHOP}/providers/Microsoft.Security/pricings`, 'Microsoft.Security/pricings/read', `/subscriptions/${SUBSCRIPTION_WORKSHOP}`],
    [
      'GET',
      `/subscriptions/${SUBSCRIPTION_WORKSHOP}/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/r/providers/Microsoft.Security/assessments/k/subAssessments`,
      'Microsoft.Security/assessments/subAssessments/read',
      `/subscriptions/${SUBSCRIPTION_WORKSHOP}/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/r/providers/Microsoft.Security/assessments/k`,
    ],
    ['GET', `/subscriptions/${SUBSCRIPTION_WORKSHOP}/providers/Microsoft.Security/subAssessments`, 'Microsoft.Security/assessments/subAssessments/read', `/subscriptions/${SUBSCRIPTION_WORKSHOP}`],
    ['GET', `/subscriptions/${SUBSCRIPTION_WORKSHOP}`, 'Microsoft.Resources/subscriptions/read', `/subscriptions/${SUBSCRIPTION_WORKSHOP}`],
    ['GET', '/subscriptions', undefined, '/'],
  ];
  it.each(cases)('%s %s → %s', (method, path, action, scope) => {
    const got = requestAccess(method, path);
    expect([got.action, got.scope]).toEqual([action, scope]);
  });
});

describe('ARM RBAC enforcement against the shipped role', () => {
  it('the sandbox token is the one src/azure/credential.ts hands out, and it is Palisade’s principal', async () => {
    expect((await sandboxCredential().getToken('https://management.azure.com/.default'))?.token).toBe(PALISADE_SANDBOX_TOKEN);
    expect(PALISADE_PRINCIPAL.objectId).toBe(PALISADE_SANDBOX_PRINCIPAL_ID);
    const a = h.emulator.rbac.assignments.filter((x) => x.principalId === PALISADE_SANDBOX_PRINCIPAL_ID);
    expect(a.map((x) => x.scope).sort()).toEqual([`/subscriptions/${SUBSCRIPTION_WORKSHOP}`, `/subscriptions/${SUBSCRIPTION_PRODUCTION}`].sort());
    expect(new Set(a.map((x) => x.roleDefinitionId))).toEqual(new Set([h.emulator.rbac.palisadeRoleId]));
  });

  it('the shipped role has no wildcards and only control-plane actions', () => {
    const role = JSON.parse(fs.readFileSync(SHIPPED_ROLE_FILE, 'utf8'));
    const actions: string[] = role.permissions.flatMap((p: any) => p.actions);
    expect(actions.some((a) => a.includes('*'))).toBe(false);
    expect(role.permissions.flatMap((p: any) => [...p.dataActions, ...p.notDataActions, ...p.notActions])).toEqual([]);
  });

  it('401 without a token or with one ARM cannot validate', async () => {
    const path = `${CLUSTER_ID}?api-version=2026-04-01`;
    const none = await armFetch(h, 'GET', path, undefined, { authorization: '' });
    expect(none.status).toBe(401);
    expect(none.body.error).toEqual({ code: 'AuthenticationFailed', message: "Authentication failed. The 'Authorization' header is missing." });
    const bad = await armFetch(h, 'GET', path, undefined, { authorization: 'Bearer not-a-sandbox-token' });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('InvalidAuthenticationToken');
  });

  it('without managedClusters/read, reading a cluster fails with the 403 AuthorizationFailed shape', async () => {
    h.emulator.rbac.removeAction('Microsoft.ContainerService/managedClusters/read');
    const err = await caught(getCluster(h.clients([SUBSCRIPTION_WORKSHOP]), WS));
    expect(err).toMatchObject({ status: 403, code: 'AuthorizationFailed', message: forbidden('Microsoft.ContainerService/managedClusters/read', CLUSTER_ID) });
    const list = await caught(listClusters(h.clients([SUBSCRIPTION_WORKSHOP])));
    expect(list.status).toBe(403);
    const listWire = await armFetch(h, 'GET', `/subscriptions/${SUBSCRIPTION_WORKSHOP}/providers/Microsoft.ContainerService/managedClusters?api-version=2026-04-01`);
    expect(listWire.body.error.message).toBe(forbidden('Microsoft.ContainerService/managedClusters/read', `/subscriptions/${SUBSCRIPTION_WORKSHOP}`));
    const wire = await armFetch(h, 'GET', `${CLUSTER_ID}?api-version=2026-04-01`);
    expect(wire.body).toEqual({ error: { code: 'AuthorizationFailed', message: forbidden('Microsoft.ContainerService/managedClusters/read', CLUSTER_ID) } });
  });

  it('without managedClusters/write, changing authorized ranges fails with 403 and the cluster stays as it was', async () => {
    h.emulator.rbac.removeAction('Microsoft.ContainerService/managedClusters/write');
    const before = await getCluster(h.clients([SUBSCRIPTION_WORKSHOP]), WS);
    const err = await caught(putAuthorizedRanges(h.clients([SUBSCRIPTION_WORKSHOP]), WS, ['203.0.113.77/32'], { ifMatch: before.etag, updateIntervalInMs: 10 }));
    expect(err).toMatchObject({ status: 403, code: 'AuthorizationFailed', message: forbidden('Microsoft.ContainerService/managedClusters/write', CLUSTER_ID) });
    expect(h.world.findCluster('aks-workshop')!.resource.properties.apiServerAccessProfile).toBeUndefined();
  });

  it('without locations/operations/read, the PUT is accepted but polling its operation is refused', async () => {
    h.emulator.rbac.removeAction('Microsoft.ContainerService/locations/operations/read');
    const before = await getCluster(h.clients([SUBSCRIPTION_WORKSHOP]), WS);
    const err = await caught(putAuthorizedRanges(h.clients([SUBSCRIPTION_WORKSHOP]), WS, ['198.51.100.0/24'], { ifMatch: before.etag, updateIntervalInMs: 10 }));
    expect(err.code).toBe('AuthorizationFailed');
    expect(err.message).toMatch(/perform action 'Microsoft\.ContainerService\/locations\/operations\/read' over scope '\/subscriptions\/11111111-1111-4111-8111-111111111111\/providers\/Microsoft\.ContainerService\/locations\/eastus\/operations\//);
    // the next test must not meet this accepted operation still in progress (409)
    await waitUntil(() => Object.values(h.world.state.operations).every((op) => op.status !== 'InProgress' || op.completeAt <= Date.now()), 'the accepted operation is due');
  });

  it('without a role assignment in a subscription, Palisade sees nothing there (403 at the subscription scope)', async () => {
    h.emulator.rbac.unassign(PALISADE_SANDBOX_PRINCIPAL_ID, `/subscriptions/${SUBSCRIPTION_PRODUCTION}`);
    const err = await caught(listClusters(h.clients([SUBSCRIPTION_PRODUCTION])));
    expect(err.status).toBe(403);
    const wire = await armFetch(h, 'GET', `/subscriptions/${SUBSCRIPTION_PRODUCTION}/providers/Microsoft.ContainerService/managedClusters?api-version=2026-04-01`);
    expect(wire.body.error.message).toBe(forbidden('Microsoft.ContainerService/managedClusters/read', `/subscriptions/${SUBSCRIPTION_PRODUCTION}`));
    expect((await listClusters(h.clients([SUBSCRIPTION_WORKSHOP]))).map((c) => c.name)).toEqual(['aks-private', 'aks-workshop']);
  });

  it('a cluster PUT naming a user-assigned identity needs assign/action on it (LinkedAuthorizationFailed without)', async () => {
    const uai = `/subscriptions/${SUBSCRIPTION_PRODUCTION}/resourceGroups/prod-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks-prod-identity`;
    const prod = h.world.findCluster('aks-prod')!;
    const saved = structuredClone(prod.resource.identity);
    prod.resource.identity = { type: 'UserAssigned', userAssignedIdentities: { [uai]: { principalId: 'p', clientId: 'c' } } };
    try {
      h.emulator.rbac.removeAction('Microsoft.ManagedIdentity/userAssignedIdentities/assign/action');
      const ref = { subscriptionId: SUBSCRIPTION_PRODUCTION, resourceGroup: 'prod-rg', name: 'aks-prod' };
      const before = await getCluster(h.clients([SUBSCRIPTION_PRODUCTION]), ref);
      const err = await caught(putAuthorizedRanges(h.clients([SUBSCRIPTION_PRODUCTION]), ref, ['198.51.100.0/24'], { ifMatch: before.etag, updateIntervalInMs: 10 }));
      expect(err.code).toBe('LinkedAuthorizationFailed');
      expect(err.message).toContain(`does not have permission to perform action(s) 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action' on the linked scope(s) '${uai}'`);
      h.emulator.rbac.setPalisadeRole(loadShippedRole());
      const done = await putAuthorizedRanges(h.clients([SUBSCRIPTION_PRODUCTION]), ref, ['198.51.100.0/24'], { ifMatch: before.etag, updateIntervalInMs: 10 });
      expect(done.info.authorizedIpRanges).toEqual(['198.51.100.0/24']);
      expect(h.emulator.rbac.usedActions()).toContain('Microsoft.ManagedIdentity/userAssignedIdentities/assign/action');
    } finally {
      prod.resource.identity = saved;
    }
  });
});
