import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeHarness, type KubeHarness } from '../sandbox/kubeHarness.js';
import { KubeConflict, KubeError, KubeNotFound } from '../../src/kube/errors.js';
import { kubeApiFor } from '../../src/kube/connect.js';
import { PALISADE_SANDBOX_TOKEN } from '@palisade/sandbox/kube/index.js';
import { getService, jsonPatchService, listLoadBalancerServices, patchService } from '../../src/kube/services.js';
import { listConfigMaps, listDeployments, listPods } from '../../src/kube/workloads.js';
import { applyNetworkPolicy, deleteNetworkPoliciesByLabel, listNetworkPolicies } from '../../src/kube/networkPolicies.js';
import { listIngresses } from '../../src/kube/ingresses.js';
import { listNamespaces } from '../../src/kube/namespaces.js';
import { IMAGES } from '@palisade/sandbox/seed/images.js';

let h: KubeHarness;
beforeAll(async () => {
  h = await startKubeHarness();
});
afterAll(async () => h?.close());

describe('src/kube wrappers', () => {
  it('lists LoadBalancer services across namespaces as plain data', async () => {
    const lbs = await listLoadBalancerServices(h.api());
    expect(lbs.map((s) => `${s.namespace}/${s.name}`).sort()).toEqual(['ingress-basic/nginx-ingress-ingress-nginx-controller', 'ratingsapp/ratings-web']);
    const web = lbs.find((s) => s.name === 'ratings-web')!;
    expect(web).toMatchObject({ type: 'LoadBalancer', internal: false, ingressIps: ['20.72.185.150'], loadBalancerSourceRanges: [] });
    expect(web.ports[0]).toMatchObject({ port: 80, targetPort: 8080, protocol: 'TCP' });
  });

  it('patches with a resourceVersion precondition: stale plans get KubeConflict, dry run stores nothing', async () => {
    const api = h.api();
    const svc = await getService(api, 'ratingsapp', 'ratings-api');
    const dry = await patchService(api, 'ratingsapp', 'ratings-api', { annotations: { a: 'b' } }, svc.resourceVersion, { dryRun: true });
    expect(dry.annotations.a).toBe('b');
    expect((await getService(api, 'ratingsapp', 'ratings-api')).annotations.a).toBeUndefined();
    const done = await patchService(api, 'ratingsapp', 'ratings-api', { annotations: { a: 'b' } }, svc.resourceVersion);
    expect(done.annotations.a).toBe('b');
    await expect(patchService(api, 'ratingsapp', 'ratings-api', { annotations: { a: 'c' } }, svc.resourceVersion)).rejects.toBeInstanceOf(KubeConflict);
    const viaJson = await jsonPatchService(api, 'ratingsapp', 'ratings-api', [{ op: 'add', path: '/metadata/annotations/x', value: 'y' }], done.resourceVersion);
    expect(viaJson.annotations).toMatchObject({ a: 'b', x: 'y' });
    await expect(getService(api, 'ratingsapp', 'nope')).rejects.toBeInstanceOf(KubeNotFound);
  });

  it('reads deployments, pods with image digests, configmaps, ingresses, namespaces', async () => {
    const api = h.api();
    const deps = await listDeployments(api, 'ratingsapp');
    expect(deps.find((d) => d.name === 'ratings-api')?.containers[0].env[0]).toEqual({ name: 'MONGODB_URI', value: undefined, from: 'secret:mongosecret/MONGOCONNECTION' });
    const pods = await listPods(api, 'ratingsapp', 'app=ratings-web');
    expect(pods[0].containers[0]).toMatchObject({ image: 'acr5398.azurecr.io/ratings-web:v1', digest: IMAGES['ratings-web:v1'].digest, ready: true });
    const prodPods = await listPods(h.api('aks-prod'), 'ratingsapp', 'app=ratings-api');
    expect(prodPods[0].containers[0].image).toBe('acrprod.azurecr.io/ratings-api:v1');
    expect((await listConfigMaps(api, 'kube-system')).map((c) => c.name)).toContain('coredns-custom');
    const ing = await listIngresses(api, 'ratingsapp');
    expect(ing[0]).toMatchObject({ name: 'ratings-web-ingress', className: 'nginx', hosts: ['frontend.20-72-185-149.nip.io'], addresses: ['20.72.185.149'], tls: true });
    expect((await listNamespaces(api)).map((n) => n.name)).toEqual(expect.arrayContaining(['default', 'kube-system', 'ingress-basic', 'ratingsapp']));
  });

  it('server-side applies NetworkPolicies with labels and deletes them by label', async () => {
    const api = h.api();
    const spec = { podSelector: { matchLabels: { app: 'ratings-api' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'ratings-web' } } }], ports: [{ port: 3000 }] }] };
    const np = await applyNetworkPolicy(api, { namespace: 'ratingsapp', name: 'palisade-allow-web-to-api', labels: { 'palisade.io/plan': 'p1' }, spec });
    expect(np.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'palisade', 'palisade.io/plan': 'p1' });
    expect(np.spec).toMatchObject({ ingress: [{ ports: [{ port: 3000, protocol: 'TCP' }] }] });
    await applyNetworkPolicy(api, { namespace: 'ratingsapp', name: 'palisade-deny-all', labels: { 'palisade.io/plan': 'p1' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } });
    expect(await listNetworkPolicies(api, 'ratingsapp', 'app.kubernetes.io/managed-by=palisade')).toHaveLength(2);
    expect((await deleteNetworkPoliciesByLabel(api, 'ratingsapp', 'palisade.io/plan=p1')).sort()).toEqual(['palisade-allow-web-to-api', 'palisade-deny-all']);
    expect(await listNetworkPolicies(api, 'ratingsapp')).toHaveLength(0);
  });
});

describe('answers worth another try', () => {
  const status = (code: number, reason: string) => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `injected ${code}`, reason, code });
  function recordingApi(waits: number[]) {
    return kubeApiFor({ server: h.emulator.serverUrlFor('aks-workshop'), caPem: h.tls.caPem, token: PALISADE_SANDBOX_TOKEN, timeoutMs: 5000, retry: { sleep: async (ms) => void waits.push(ms) } });
  }
  afterAll(() => h.emulator.setInterceptor(undefined));

  it('409, 429 and 5xx are retried with backoff, Retry-After honoured, and the call succeeds', async () => {
    const queue = [
      { status: 429, body: status(429, 'TooManyRequests'), headers: { 'retry-after': '3' } },
      { status: 500, body: status(500, 'InternalError') },
      { status: 409, body: status(409, 'Conflict') },
    ];
    let calls = 0;
    h.emulator.setInterceptor((req) => (req.path.endsWith('/services/ratings-api') ? (calls++, queue.shift()) : undefined));
    const waits: number[] = [];
    expect((await getService(recordingApi(waits), 'ratingsapp', 'ratings-api')).name).toBe('ratings-api');
    expect(calls).toBe(4);
    expect(waits[0]).toBe(3000);
    expect(waits.slice(1).every((w) => w > 0 && w < 3000)).toBe(true);
  });

  it('gives up after a few attempts with the last answer; a 404 is not retried', async () => {
    let calls = 0;
    h.emulator.setInterceptor((req) => (req.path.endsWith('/services/ratings-api') ? (calls++, { status: 503, body: status(503, 'ServiceUnavailable') }) : undefined));
    const waits: number[] = [];
    const err = await getService(recordingApi(waits), 'ratingsapp', 'ratings-api').catch((e) => e);
    expect(err).toBeInstanceOf(KubeError);
    expect(err.status).toBe(503);
    expect(calls).toBe(4);
    h.emulator.setInterceptor(undefined);
    calls = 0;
    await expect(getService(recordingApi(waits), 'ratingsapp', 'nope')).rejects.toBeInstanceOf(KubeNotFound);
  });
});
