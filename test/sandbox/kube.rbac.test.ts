import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PatchStrategy, RbacAuthorizationV1Api, setHeaderOptions } from '@kubernetes/client-node';
import { PALISADE_SANDBOX_PRINCIPAL_ID } from '@palisade/sandbox/identity.js';
import { unusedPermissions } from '@palisade/sandbox/kube/index.js';
import { palisadeRbac } from '@palisade/sandbox/seed/rbac.js';
import { KubeForbidden } from '../../src/kube/errors.js';
import { getService, listServices, patchService } from '../../src/kube/services.js';
import { applyNetworkPolicy, deleteNetworkPoliciesByLabel, listNetworkPolicies } from '../../src/kube/networkPolicies.js';
import { startKubeHarness, type KubeHarness } from './kubeHarness.js';

let h: KubeHarness;
beforeAll(async () => {
  h = await startKubeHarness();
  h.emulator.authn.addToken('alice-token', { name: 'alice@contoso.com', groups: ['ratings-devs'] });
  h.emulator.authn.addToken('bob-token', { name: 'bob@contoso.com' });
});
afterAll(async () => h?.close());

const P = PALISADE_SANDBOX_PRINCIPAL_ID;
const rbacApi = (token?: string) => (token ? h.as(token) : h.admin()).config.makeApiClient(RbacAuthorizationV1Api);
const statusOf = (e: any) => ({ code: e.code, ...(typeof e.body === 'string' ? JSON.parse(e.body) : e.body) });

describe('RBAC: every request authorized by the caller identity through the bindings', () => {
  it('Palisade is allowed what the shipped ClusterRole grants and refused the rest with the API server 403 Status', async () => {
    expect((await listServices(h.api(), 'ratingsapp')).map((s) => s.name)).toContain('ratings-web');
    const e = await h.api().core.listNamespacedSecret({ namespace: 'ratingsapp' }).catch((x) => x);
    expect(statusOf(e)).toEqual({
      code: 403,
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `secrets is forbidden: User "${P}" cannot list resource "secrets" in API group "" in the namespace "ratingsapp"`,
      reason: 'Forbidden',
      details: { kind: 'secrets' },
    });
    const named = await h.api().core.readNamespacedSecret({ namespace: 'ratingsapp', name: 'mongosecret' }).catch((x) => x);
    expect(statusOf(named).message).toBe(`secrets "mongosecret" is forbidden: User "${P}" cannot get resource "secrets" in API group "" in the namespace "ratingsapp"`);
    expect(statusOf(named).details).toEqual({ name: 'mongosecret', kind: 'secrets' });
    const roles = await rbacApi(undefined).listClusterRole();
    expect(roles.items.map((r) => r.metadata?.name)).toEqual(expect.arrayContaining(['cluster-admin', 'palisade', 'view']));
    const denied = await h.api().config.makeApiClient(RbacAuthorizationV1Api).listClusterRole().catch((x) => x);
    expect(statusOf(denied).message).toBe(`clusterroles.rbac.authorization.k8s.io is forbidden: User "${P}" cannot list resource "clusterroles" in API group "rbac.authorization.k8s.io" at the cluster scope`);
    expect(statusOf(denied).details).toEqual({ group: 'rbac.authorization.k8s.io', kind: 'clusterroles' });
  });

  it('removing one verb Palisade needs from its ClusterRole makes the product call fail with the real 403', async () => {
    const api = h.api();
    const svc = await getService(api, 'ratingsapp', 'ratings-web');
    const restore = h.emulator.rbac.revoke('aks-workshop', 'palisade', { verb: 'patch', apiGroup: '', resource: 'services' });
    try {
      const e = await patchService(api, 'ratingsapp', 'ratings-web', { annotations: { note: 'x' } }, svc.resourceVersion).catch((x) => x);
      expect(e).toBeInstanceOf(KubeForbidden);
      expect(e.message).toBe(`services "ratings-web" is forbidden: User "${P}" cannot patch resource "services" in API group "" in the namespace "ratingsapp"`);
      // everything else the rule granted stays
      expect((await getService(api, 'ratingsapp', 'ratings-web')).name).toBe('ratings-web');
    } finally {
      restore();
    }
    expect((await patchService(api, 'ratingsapp', 'ratings-web', { annotations: { note: 'x' } }, svc.resourceVersion)).annotations.note).toBe('x');
  });

  it('server-side apply that creates needs create as well as patch; Palisade has both for network policies', async () => {
    const api = h.api();
    const desired = { namespace: 'ratingsapp', name: 'palisade-deny-all', spec: { podSelector: {}, policyTypes: ['Ingress'] } };
    const restore = h.emulator.rbac.revoke('aks-workshop', 'palisade', { verb: 'create', apiGroup: 'networking.k8s.io', resource: 'networkpolicies' });
    try {
      const e = await applyNetworkPolicy(api, desired).catch((x) => x);
      expect(e).toBeInstanceOf(KubeForbidden);
      expect(e.message).toBe(`networkpolicies.networking.k8s.io "palisade-deny-all" is forbidden: User "${P}" cannot create resource "networkpolicies" in API group "networking.k8s.io" in the namespace "ratingsapp"`);
    } finally {
      restore();
    }
    expect((await applyNetworkPolicy(api, desired)).name).toBe('palisade-deny-all');
    expect(await deleteNetworkPoliciesByLabel(api, 'ratingsapp', 'app.kubernetes.io/managed-by=palisade')).toEqual(['palisade-deny-all']);
    expect(await listNetworkPolicies(api, 'ratingsapp')).toEqual([]);
  });

  it('namespaced RoleBindings, groups, resourceNames and subresources decide as the RBAC authorizer does', async () => {
    const admin = rbacApi();
    await admin.createNamespacedRoleBinding({
      namespace: 'ratingsapp',
      body: { metadata: { name: 'devs-view' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'Group', name: 'ratings-devs', apiGroup: 'rbac.authorization.k8s.io' }] },
    });
    const alice = h.as('alice-token');
    expect((await alice.core.listNamespacedPod({ namespace: 'ratingsapp' })).items.length).toBeGreaterThan(0);
    expect(statusOf(await alice.core.listNamespacedPod({ namespace: 'payments' }).catch((x) => x)).code).toBe(403);
    expect(statusOf(await alice.core.listPodForAllNamespaces().catch((x) => x)).message).toBe('pods is forbidden: User "alice@contoso.com" cannot list resource "pods" in API group "" at the cluster scope');
    // view grants services/status reads, not writes
    const status = await alice.core.patchNamespacedServiceStatus({ namespace: 'ratingsapp', name: 'ratings-web', body: { status: {} } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch)).catch((x) => x);
    expect(statusOf(status).message).toBe('services "ratings-web" is forbidden: User "alice@contoso.com" cannot patch resource "services/status" in API group "" in the namespace "ratingsapp"');

    await admin.createNamespacedRole({ namespace: 'ratingsapp', body: { metadata: { name: 'one-service' }, rules: [{ apiGroups: [''], resources: ['services'], resourceNames: ['ratings-web'], verbs: ['get'] }, { apiGroups: [''], resources: ['*/status'], verbs: ['get'] }] } });
    await admin.createNamespacedRoleBinding({ namespace: 'ratingsapp', body: { metadata: { name: 'bob-one' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'one-service' }, subjects: [{ kind: 'User', name: 'bob@contoso.com', apiGroup: 'rbac.authorization.k8s.io' }] } });
    const bob = h.as('bob-token');
    expect((await bob.core.readNamespacedService({ namespace: 'ratingsapp', name: 'ratings-web' })).metadata?.name).toBe('ratings-web');
    expect((await bob.core.readNamespacedServiceStatus({ namespace: 'ratingsapp', name: 'ratings-api' })).metadata?.name).toBe('ratings-api');
    expect(statusOf(await bob.core.readNamespacedService({ namespace: 'ratingsapp', name: 'ratings-api' }).catch((x) => x)).code).toBe(403);
    // resourceNames cannot authorize a list: it names no object
    expect(statusOf(await bob.core.listNamespacedService({ namespace: 'ratingsapp' }).catch((x) => x)).code).toBe(403);
  });

  it('a binding to a role that does not exist grants nothing, and the 403 says why', async () => {
    await rbacApi().createClusterRoleBinding({ body: { metadata: { name: 'bob-ghost' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'ghost' }, subjects: [{ kind: 'User', name: 'bob@contoso.com', apiGroup: 'rbac.authorization.k8s.io' }] } });
    const e = await h.as('bob-token').core.listNamespace().catch((x) => x);
    expect(statusOf(e).message).toBe('namespaces is forbidden: User "bob@contoso.com" cannot list resource "namespaces" in API group "" at the cluster scope: RBAC: clusterrole.rbac.authorization.k8s.io "ghost" not found');
    await rbacApi().deleteClusterRoleBinding({ name: 'bob-ghost' });
  });

  it('wildcards grant everything they cover; non-resource paths are authorized too', async () => {
    h.emulator.authn.addToken('ops-token', { name: 'ops' });
    await rbacApi().createClusterRole({ body: { metadata: { name: 'apps-all' }, rules: [{ apiGroups: ['apps'], resources: ['*'], verbs: ['*'] }] } });
    await rbacApi().createClusterRoleBinding({ body: { metadata: { name: 'ops-apps' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'apps-all' }, subjects: [{ kind: 'User', name: 'ops', apiGroup: 'rbac.authorization.k8s.io' }] } });
    const ops = h.as('ops-token');
    expect((await ops.apps.listDaemonSetForAllNamespaces()).kind).toBe('DaemonSetList');
    expect(statusOf(await ops.core.listNamespace().catch((x) => x)).code).toBe(403);
    expect(await rawGet('/version', 'ops-token')).toMatchObject({ status: 200 });
    expect(await rawGet('/metrics', 'ops-token')).toEqual({ status: 403, body: expect.objectContaining({ message: 'forbidden: User "ops" cannot get path "/metrics"', reason: 'Forbidden' }) });
  });

  it('unknown tokens are 401; an Entra access token for AKS names the user by its object id', async () => {
    expect((await rawGet('/api/v1/namespaces', 'not-a-known-token')).status).toBe(401);
    const jwt = (claims: object) => ['e30', Buffer.from(JSON.stringify(claims)).toString('base64url'), 'sig'].join('.');
    const mine = jwt({ aud: '6dae42f8-4368-4678-94ff-3960e28e3630', oid: PALISADE_SANDBOX_PRINCIPAL_ID, tid: 'x' });
    expect((await rawGet('/api/v1/namespaces', mine)).status).toBe(200);
    const other = await rawGet('/api/v1/namespaces', jwt({ aud: '6dae42f8-4368-4678-94ff-3960e28e3630', oid: '00000000-0000-4000-8000-000000000001' }));
    expect(other.body.message).toBe('namespaces is forbidden: User "00000000-0000-4000-8000-000000000001" cannot list resource "namespaces" in API group "" at the cluster scope');
    expect((await rawGet('/api/v1/namespaces', jwt({ aud: 'https://management.azure.com', oid: P }))).status).toBe(401);
  });

  it('nobody grants what they do not hold: writing roles needs their permissions or escalate, bindings need bind', async () => {
    h.emulator.authn.addToken('carol-token', { name: 'carol' });
    const admin = rbacApi();
    await admin.createNamespacedRole({ namespace: 'ratingsapp', body: { metadata: { name: 'rbac-editor' }, rules: [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: ['create', 'update', 'patch'] }, { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] } });
    await admin.createNamespacedRoleBinding({ namespace: 'ratingsapp', body: { metadata: { name: 'carol-rbac' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'rbac-editor' }, subjects: [{ kind: 'User', name: 'carol', apiGroup: 'rbac.authorization.k8s.io' }] } });
    const carol = rbacApi('carol-token');
    expect((await carol.createNamespacedRole({ namespace: 'ratingsapp', body: { metadata: { name: 'pod-reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] } })).metadata?.name).toBe('pod-reader');
    const escalate = await carol.createNamespacedRole({ namespace: 'ratingsapp', body: { metadata: { name: 'secret-reader' }, rules: [{ apiGroups: [''], resources: ['secrets', 'pods'], verbs: ['get', 'watch'] }] } }).catch((x) => x);
    expect(statusOf(escalate)).toMatchObject({
      code: 403,
      reason: 'Forbidden',
      message: 'roles.rbac.authorization.k8s.io "secret-reader" is forbidden: user "carol" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["watch"]}\n{APIGroups:[""], Resources:["secrets"], Verbs:["get" "watch"]}',
      details: { name: 'secret-reader', group: 'rbac.authorization.k8s.io', kind: 'roles' },
    });
    const binding = { metadata: { name: 'carol-view' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'User', name: 'carol', apiGroup: 'rbac.authorization.k8s.io' }] };
    expect(statusOf(await carol.createNamespacedRoleBinding({ namespace: 'ratingsapp', body: binding }).catch((x) => x)).message).toMatch(/^rolebindings\.rbac\.authorization\.k8s\.io "carol-view" is forbidden: user "carol" \(groups=\["system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:\n/);
    // `bind` on that very ClusterRole is enough
    await admin.createNamespacedRole({ namespace: 'ratingsapp', body: { metadata: { name: 'bind-view' }, rules: [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], resourceNames: ['view'], verbs: ['bind'] }] } });
    await admin.createNamespacedRoleBinding({ namespace: 'ratingsapp', body: { metadata: { name: 'carol-bind' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'bind-view' }, subjects: [{ kind: 'User', name: 'carol', apiGroup: 'rbac.authorization.k8s.io' }] } });
    expect((await carol.createNamespacedRoleBinding({ namespace: 'ratingsapp', body: binding })).roleRef.name).toBe('view');
  });

  it('records what each identity used, so rules nobody needed can be reported', async () => {
    h.emulator.rbac.recorder.clear();
    await listServices(h.api());
    await h.api().core.listNamespace();
    const used = h.emulator.rbac.recorder.used(P);
    expect(used).toEqual([
      { verb: 'list', apiGroup: '', resource: 'namespaces' },
      { verb: 'list', apiGroup: '', resource: 'services' },
    ]);
    const rules = h.emulator.rbac.clusterRoleRules('aks-workshop', 'palisade');
    expect(rules).toEqual(palisadeRbac()[0].rules);
    const unused = unusedPermissions(rules, used);
    expect(unused).toContainEqual({ verb: 'patch', apiGroup: '', resource: 'services' });
    expect(unused).not.toContainEqual({ verb: 'list', apiGroup: '', resource: 'services' });
  });
});

async function rawGet(path: string, token: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    https
      .get(`${h.emulator.serverUrlFor('aks-workshop')}${path}`, { ca: h.tls.caPem, headers: { Authorization: `Bearer ${token}` } }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text.startsWith('{') ? JSON.parse(text) : text }));
      })
      .on('error', reject);
  });
}
