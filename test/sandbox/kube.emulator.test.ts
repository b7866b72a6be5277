import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PatchStrategy, setHeaderOptions, type V1ConfigMap } from '@kubernetes/client-node';
import { startKubeHarness, type KubeHarness } from './kubeHarness.js';
import { KubeConflict, KubeInvalid, KubeNotFound, mapKubeError } from '../../src/kube/errors.js';

let h: KubeHarness;
beforeAll(async () => {
  h = await startKubeHarness();
});
afterAll(async () => h?.close());

const statusOf = (e: unknown) => mapKubeError(e);

describe('Kubernetes API emulator with the real client-node', () => {
  it('lists seeded services across namespaces and reads one', async () => {
    const api = h.admin();
    const all = await api.core.listServiceForAllNamespaces();
    const web = all.items.find((s) => s.metadata?.name === 'ratings-web');
    expect(web?.spec?.type).toBe('LoadBalancer');
    expect(web?.status?.loadBalancer?.ingress?.[0]?.ip).toBe('20.72.185.150');
    const dns = await api.core.readNamespacedService({ namespace: 'kube-system', name: 'kube-dns' });
    expect(dns.spec?.clusterIP).toBe('10.0.0.10');
    const pods = await api.core.listNamespacedPod({ namespace: 'kube-system', labelSelector: 'k8s-app=kube-dns' });
    expect(pods.items).toHaveLength(2);
  });

  it('creates, updates with a resourceVersion precondition (409 on a stale one), and deletes', async () => {
    const api = h.admin();
    const body: V1ConfigMap = { metadata: { name: 'palisade-test', labels: { team: 'sec' } }, data: { a: '1' } };
    const created = await api.core.createNamespacedConfigMap({ namespace: 'ratingsapp', body });
    expect(created.metadata?.uid).toBeTruthy();
    expect(created.metadata?.creationTimestamp).toBeTruthy();
    await expect(api.core.createNamespacedConfigMap({ namespace: 'ratingsapp', body }).catch((e) => Promise.reject(statusOf(e)))).rejects.toBeInstanceOf(KubeConflict);

    const updated = await api.core.replaceNamespacedConfigMap({ namespace: 'ratingsapp', name: 'palisade-test', body: { ...created, data: { a: '2' } } });
    expect(Number(updated.metadata?.resourceVersion)).toBeGreaterThan(Number(created.metadata?.resourceVersion));
    const stale = await api.core.replaceNamespacedConfigMap({ namespace: 'ratingsapp', name: 'palisade-test', body: { ...created, data: { a: '3' } } }).catch((e) => e);
    expect(stale.code).toBe(409);
    expect(JSON.parse(stale.body).reason).toBe('Conflict');

    await api.core.deleteNamespacedConfigMap({ namespace: 'ratingsapp', name: 'palisade-test' });
    const gone = await api.core.readNamespacedConfigMap({ namespace: 'ratingsapp', name: 'palisade-test' }).catch((e) => e);
    expect(gone.code).toBe(404);
    expect(statusOf(gone)).toBeInstanceOf(KubeNotFound);
    expect(JSON.parse(gone.body)).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404 });
  });

  it('applies JSON, merge and strategic-merge patches', async () => {
    const api = h.admin();
    const svc = await api.core.readNamespacedService({ namespace: 'ratingsapp', name: 'ratings-api' });
    const json = await api.core.patchNamespacedService({
      namespace: 'ratingsapp',
      name: 'ratings-api',
      body: [
        { op: 'test', path: '/metadata/resourceVersion', value: svc.metadata?.resourceVersion },
        { op: 'add', path: '/metadata/labels', value: { tier: 'api' } },
      ],
    });
    expect(json.metadata?.labels).toEqual({ tier: 'api' });
    const failedTest = await api.core
      .patchNamespacedService({ namespace: 'ratingsapp', name: 'ratings-api', body: [{ op: 'test', path: '/metadata/resourceVersion', value: svc.metadata?.resourceVersion }] })
      .catch((e) => e);
    expect(failedTest.code).toBe(422);

    const merged = await api.core.patchNamespacedService(
      { namespace: 'ratingsapp', name: 'ratings-api', body: { metadata: { annotations: { note: 'x' }, resourceVersion: json.metadata?.resourceVersion } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(merged.metadata?.annotations).toEqual({ note: 'x' });
    const staleMerge = await api.core
      .patchNamespacedService({ namespace: 'ratingsapp', name: 'ratings-api', body: { metadata: { resourceVersion: svc.metadata?.resourceVersion } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch))
      .catch((e) => e);
    expect(staleMerge.code).toBe(409);

    const dep = await h.admin().apps.patchNamespacedDeployment(
      { namespace: 'ratingsapp', name: 'ratings-web', body: { spec: { template: { spec: { containers: [{ name: 'ratings-web', env: [{ name: 'FEATURE', value: 'on' }] }] } } } } },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    const c = dep.spec?.template?.spec?.containers ?? [];
    expect(c).toHaveLength(1);
    expect(c[0].image).toBe('acr5398.azurecr.io/ratings-web:v1');
    expect(c[0].env?.map((e) => e.name)).toEqual(['API', 'FEATURE']);
    expect(dep.metadata?.generation).toBe(2);
  });

  it('server-side applies a NetworkPolicy, records managedFields, removes dropped fields, and honours dryRun', async () => {
    const api = h.admin();
    const body = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'deny-all', namespace: 'ratingsapp', labels: { 'app.kubernetes.io/managed-by': 'palisade', extra: 'yes' } },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    };
    const ssa = setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply);
    const dry = await api.networking.patchNamespacedNetworkPolicy({ namespace: 'ratingsapp', name: 'deny-all', body, fieldManager: 'palisade', dryRun: 'All' }, ssa);
    expect(dry.metadata?.name).toBe('deny-all');
    expect((await api.networking.listNamespacedNetworkPolicy({ namespace: 'ratingsapp' })).items).toHaveLength(0);

    const created = await api.networking.patchNamespacedNetworkPolicy({ namespace: 'ratingsapp', name: 'deny-all', body, fieldManager: 'palisade', force: true }, ssa);
    expect(created.metadata?.managedFields?.[0]).toMatchObject({ manager: 'palisade', operation: 'Apply' });
    const { extra: _drop, ...labels } = body.metadata.labels;
    const reapplied = await api.networking.patchNamespacedNetworkPolicy(
      { namespace: 'ratingsapp', name: 'deny-all', body: { ...body, metadata: { ...body.metadata, labels } }, fieldManager: 'palisade', force: true },
      ssa,
    );
    expect(reapplied.metadata?.labels).toEqual({ 'app.kubernetes.io/managed-by': 'palisade' });
    const invalid = await api.networking
      .patchNamespacedNetworkPolicy({ namespace: 'ratingsapp', name: 'bad', body: { ...body, metadata: { ...body.metadata, name: 'bad' }, spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: 'nope' } }] }] } }, fieldManager: 'palisade' }, ssa)
      .catch((e) => e);
    expect(invalid.code).toBe(422);
    const mapped = mapKubeError(invalid) as KubeInvalid;
    expect(mapped).toBeInstanceOf(KubeInvalid);
    expect(mapped.causes[0].field).toBe('spec.ingress[0].from[0].ipBlock.cidr');
  });

  it('answers 401 without a token', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = https.get(`${h.emulator.serverUrlFor('aks-workshop')}/api/v1/namespaces`, { ca: h.tls.caPem }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
    });
    expect(status).toBe(401);
  });
});
