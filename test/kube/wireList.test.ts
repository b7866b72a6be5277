import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFor, type DirectKubeApi, type KubeApi } from '../../src/kube/connect.js';
import { KubeForbidden } from '../../src/kube/errors.js';
import { listIngresses } from '../../src/kube/ingresses.js';
import { listNamespaces } from '../../src/kube/namespaces.js';
import { listNetworkPolicies } from '../../src/kube/networkPolicies.js';
import { listServices } from '../../src/kube/services.js';
import { listConfigMaps, listDeployments, listPods } from '../../src/kube/workloads.js';
import { listWorkloadsAndPods } from '../../src/kube/podTemplates.js';
import { withWireLists, wireList } from '../../src/kube/wireList.js';
import { startKubeHarness, type KubeHarness } from '../sandbox/kubeHarness.js';

let h: KubeHarness;
beforeAll(async () => {
  h = await startKubeHarness();
});
afterAll(async () => h?.close());

/** The same handle with its lists read as wire JSON, as KubeAccess hands them out. */
const wire = (api: DirectKubeApi): KubeApi => ({ ...api, ...withWireLists(api, api.config, agentFor) });

describe('wire-JSON lists against the Kubernetes emulator', () => {
  it('every wrapper projects the same from wire JSON as from client-node models, in every namespace and across all', async () => {
    // a policy with `from` (the client's `_from`) and a selector, so both spellings are exercised
    const admin = h.admin();
    await admin.networking.createNamespacedNetworkPolicy({
      namespace: 'ratingsapp',
      body: { metadata: { name: 'wire-contract' }, spec: { podSelector: { matchLabels: { app: 'ratings-api' } }, policyTypes: ['Ingress'], ingress: [{ _from: [{ podSelector: { matchLabels: { app: 'ratings-web' } } }], ports: [{ port: 3000 }] }] } },
    });
    for (const cluster of ['aks-workshop', 'aks-cilium', 'aks-prod']) {
      const models = h.api(cluster);
      const raw = wire(models);
      for (const ns of [undefined, 'ratingsapp', 'kube-system']) {
        expect(await listServices(raw, ns)).toEqual(await listServices(models, ns));
        expect(await listIngresses(raw, ns)).toEqual(await listIngresses(models, ns));
        expect(await listNetworkPolicies(raw, ns)).toEqual(await listNetworkPolicies(models, ns));
        expect(await listDeployments(raw, ns)).toEqual(await listDeployments(models, ns));
        expect(await listPods(raw, ns)).toEqual(await listPods(models, ns));
        expect(await listWorkloadsAndPods(raw, ns)).toEqual(await listWorkloadsAndPods(models, ns));
      }
      expect(await listNamespaces(raw)).toEqual(await listNamespaces(models));
      expect(await listConfigMaps(raw, 'kube-system')).toEqual(await listConfigMaps(models, 'kube-system'));
      expect(await listPods(raw, 'ratingsapp', 'app=ratings-web')).toEqual(await listPods(models, 'ratingsapp', 'app=ratings-web'));
    }
    const policy = (await listNetworkPolicies(wire(h.api()), 'ratingsapp')).find((p) => p.name === 'wire-contract')!;
    expect(policy.spec).toMatchObject({ ingress: [{ from: [{ podSelector: { matchLabels: { app: 'ratings-web' } } }] }] });
    await admin.networking.deleteNamespacedNetworkPolicy({ namespace: 'ratingsapp', name: 'wire-contract' });
  });

  it('answers with the list resourceVersion and the items as the API server sent them', async () => {
    const api = h.api();
    const list = await wireList(api.config, agentFor, 'listServiceForAllNamespaces');
    expect(list.metadata?.resourceVersion).toMatch(/^\d+$/);
    const web = list.items.find((s) => (s as { metadata: { name: string } }).metadata.name === 'ratings-web') as { metadata: { creationTimestamp: unknown } };
    expect(typeof web.metadata.creationTimestamp).toBe('string');
  });

  it('the emulator still authorizes each list: a revoked permission and an unknown token come back typed', async () => {
    const restore = h.emulator.rbac.revoke('aks-workshop', 'palisade', { verb: 'list', apiGroup: 'networking.k8s.io', resource: 'networkpolicies' });
    try {
      const e = await listNetworkPolicies(wire(h.api())).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(KubeForbidden);
      expect((e as KubeForbidden).status).toBe(403);
      expect((e as KubeForbidden).message).toContain('cannot list resource "networkpolicies"');
    } finally {
      restore();
    }
    const stranger = await listServices(wire(h.as('not-a-token'))).catch((x: unknown) => x);
    expect(stranger).toBeInstanceOf(KubeForbidden);
    expect((stranger as KubeForbidden).status).toBe(401);
  });
});
