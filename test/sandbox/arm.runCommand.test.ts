import { strToU8, zipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { armFetch, startHarness, type Harness } from './armHarness.js';
import { loadShippedRole } from '@palisade/sandbox/arm/index.js';
import { SUBSCRIPTION_PRODUCTION, SUBSCRIPTION_WORKSHOP, seedWorld } from '@palisade/sandbox/seed/index.js';
import { kubeApiFor } from '../../src/kube/connect.js';

const PRIVATE = `/subscriptions/${SUBSCRIPTION_WORKSHOP}/resourceGroups/aksworkshop/providers/Microsoft.ContainerService/managedClusters/aks-private`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness(seedWorld(), { lroDurationMs: 40, runCommandDurationMs: 20 }, { kube: true });
});
afterAll(() => h.close());
afterEach(() => {
  h.emulator.faults.clear();
  h.emulator.rbac.setPalisadeRole(loadShippedRole());
});

function zip(files: Record<string, string>): string {
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])))).toString('base64');
}

/**
 * `az aks command invoke` through the real ContainerServiceClient. With no clusterToken the pod runs as Run Command's
 * cluster admin (ConfigMaps here are outside Palisade's ClusterRole); pass Palisade's token to run as Palisade.
 */
async function invoke(command: string, files: Record<string, string> = {}, cluster = 'aks-private', sub = SUBSCRIPTION_WORKSHOP, rg = 'aksworkshop', clusterToken?: string) {
  const aks = h.clients([sub]).containerService(sub).managedClusters;
  return aks.beginRunCommandAndWait(rg, cluster, { command, context: Object.keys(files).length ? zip(files) : undefined, clusterToken }, { updateIntervalInMs: 10 });
}

function objects(cluster = 'aks-private') {
  return h.world.findCluster(cluster)!.kube.objects;
}

describe('AKS Run Command runs kubectl inside the cluster', () => {
  it('the private cluster refuses direct connections, yet Run Command reads it', async () => {
    const direct = kubeApiFor({ server: h.kube!.serverUrlFor('aks-private'), caPem: h.tls.caPem, token: 'palisade', timeoutMs: 2000 });
    await expect(direct.core.listNamespacedService({ namespace: 'ratingsapp' })).rejects.toThrow();
    const r = await invoke('kubectl get svc -n ratingsapp -o json');
    expect(r).toMatchObject({ provisioningState: 'succeeded', exitCode: 0 });
    const list = JSON.parse(r.logs!);
    expect(list.kind).toBe('List');
    expect(list.items.map((s: any) => s.metadata.name).sort()).toEqual(['ratings-api', 'ratings-mongodb', 'ratings-web']);
    expect(list.items[0]).toMatchObject({ apiVersion: 'v1', kind: 'Service' });
  });

  it('get: kind/name and name forms, -A, -l, tables; NotFound as kubectl prints it, exit code 1', async () => {
    const one = JSON.parse((await invoke('kubectl get service/ratings-web -n ratingsapp -o json')).logs!);
    expect(one).toMatchObject({ kind: 'Service', metadata: { name: 'ratings-web', namespace: 'ratingsapp' }, spec: { type: 'LoadBalancer' } });
    expect((await invoke("kubectl get pods -A -l 'app=ratings-web' -o name")).logs).toMatch(/^(pod\/ratings-web-[a-z0-9-]+\n)+$/);
    expect((await invoke('kubectl get deploy/ratings-web -n ratingsapp -o name')).logs).toBe('deployment.apps/ratings-web\n');
    const table = (await invoke('kubectl get svc ratings-web -n ratingsapp')).logs!;
    expect(table.split('\n')[0]).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/);
    expect(table.split('\n')[1]).toMatch(/^ratings-web\s+LoadBalancer\s+/);
    const missing = await invoke('kubectl get svc nope -n ratingsapp -o json');
    expect(missing).toMatchObject({ provisioningState: 'succeeded', exitCode: 1, logs: 'Error from server (NotFound): services "nope" not found\n' });
    expect((await invoke('kubectl get svc -n empty-ns')).logs).toBe('No resources found in empty-ns namespace.\n');
    expect((await invoke('kubectl get widgets')).logs).toBe('error: the server doesn\'t have a resource type "widgets"\n');
  });

  it('apply --server-side with a file from the context zip; conflicts need --force-conflicts', async () => {
    const manifest = [
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata:',
      '  name: deny-all',
      '  namespace: ratingsapp',
      'spec:',
      '  podSelector: {}',
      '  policyTypes: [Ingress]',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: palisade-note',
      'data:',
      '  owner: palisade',
    ].join('\n');
    const r = await invoke('kubectl apply --server-side --field-manager=palisade -n ratingsapp -f policy.yaml', { 'policy.yaml': manifest });
    expect(r).toMatchObject({ exitCode: 0, logs: 'networkpolicy.networking.k8s.io/deny-all serverside-applied\nconfigmap/palisade-note serverside-applied\n' });
    const np = objects()['networking.k8s.io/v1|NetworkPolicy|ratingsapp|deny-all'];
    expect(np.metadata.managedFields.map((m: any) => m.manager)).toContain('palisade');
    expect(objects()['v1|ConfigMap|ratingsapp|palisade-note'].data).toEqual({ owner: 'palisade' });

    const other = manifest.split('---')[1].replace('owner: palisade', 'owner: someone-else');
    const conflict = await invoke('kubectl apply --server-side --field-manager=other -n ratingsapp -f cm.yaml', { 'cm.yaml': other });
    expect(conflict.exitCode).toBe(1);
    expect(conflict.logs).toMatch(/^error: Apply failed with 1 conflict: conflict with "palisade"/);
    const forced = await invoke('cat cm.yaml | kubectl apply --server-side --field-manager=other --force-conflicts -n ratingsapp -f -', { 'cm.yaml': other });
    expect(forced).toMatchObject({ exitCode: 0, logs: 'configmap/palisade-note serverside-applied\n' });
    expect(objects()['v1|ConfigMap|ratingsapp|palisade-note'].data).toEqual({ owner: 'someone-else' });
    expect((await invoke('kubectl apply -f missing.yaml')).logs).toBe('error: the path "missing.yaml" does not exist\n');
    // with Palisade's token the pod runs as Palisade: its ClusterRole has no ConfigMaps
    const asPalisade = await invoke('kubectl apply --server-side --field-manager=palisade -n ratingsapp -f cm.yaml', { 'cm.yaml': other }, 'aks-private', SUBSCRIPTION_WORKSHOP, 'aksworkshop', 'sandbox-arm-token.not-a-secret');
    expect(asPalisade).toMatchObject({ exitCode: 1 });
    expect(asPalisade.logs).toMatch(/configmaps "palisade-note" is forbidden: User "5a1e0b0e-0000-4000-8000-00000000a15d" cannot patch resource "configmaps"/);
  });

  it('patch (merge, json, strategic) and delete, with shell quoting and && / ; / ||', async () => {
    const merge = await invoke(`kubectl patch svc ratings-web -n ratingsapp --type merge -p '{"metadata":{"annotations":{"service.beta.kubernetes.io/azure-load-balancer-internal":"true"}}}'`);
    expect(merge).toMatchObject({ exitCode: 0, logs: 'service/ratings-web patched\n' });
    expect(objects()['v1|Service|ratingsapp|ratings-web'].metadata.annotations['service.beta.kubernetes.io/azure-load-balancer-internal']).toBe('true');
    const json = await invoke(`kubectl patch service/ratings-web -n ratingsapp --type=json -p='[{"op":"add","path":"/metadata/annotations/team","value":"web ratings"}]'`);
    expect(json.logs).toBe('service/ratings-web patched\n');
    expect(objects()['v1|Service|ratingsapp|ratings-web'].metadata.annotations.team).toBe('web ratings');
    const same = await invoke(`kubectl patch svc ratings-web -n ratingsapp -p "{\\"metadata\\":{\\"annotations\\":{\\"team\\":\\"web ratings\\"}}}"`);
    expect(same.logs).toBe('service/ratings-web patched (no change)\n');

    const chained = await invoke('kubectl delete configmap palisade-note -n ratingsapp && kubectl get cm palisade-note -n ratingsapp; echo done');
    expect(chained).toMatchObject({ exitCode: 0, logs: 'configmap "palisade-note" deleted\nError from server (NotFound): configmaps "palisade-note" not found\ndone\n' });
    const shortCircuit = await invoke('kubectl delete svc nope -n ratingsapp && echo never || echo recovered');
    expect(shortCircuit).toMatchObject({ exitCode: 0, logs: 'Error from server (NotFound): services "nope" not found\nrecovered\n' });
    expect((await invoke('helm list')).exitCode).toBe(127);
  });

  it('reaches a public cluster whose authorized ranges shut Palisade out', async () => {
    const prod = h.world.findCluster('aks-prod')!;
    const saved = prod.resource.properties.apiServerAccessProfile;
    prod.resource.properties.apiServerAccessProfile = { authorizedIPRanges: ['198.51.100.0/24'] };
    try {
      const direct = kubeApiFor({ server: h.kube!.serverUrlFor('aks-prod'), caPem: h.tls.caPem, token: 'palisade', timeoutMs: 2000 });
      await expect(direct.core.listNamespace()).rejects.toThrow();
      const r = await invoke('kubectl get ns payments -o name', {}, 'aks-prod', SUBSCRIPTION_PRODUCTION, 'prod-rg');
      expect(r).toMatchObject({ exitCode: 0, logs: 'namespace/payments\n' });
    } finally {
      prod.resource.properties.apiServerAccessProfile = saved;
    }
  });

  it('refused when disableRunCommand is set; 403 without runCommand/action; 400 for a bad context', async () => {
    const props = h.world.findCluster('aks-private')!.resource.properties;
    props.apiServerAccessProfile.disableRunCommand = true;
    try {
      const res = await armFetch(h, 'POST', `${PRIVATE}/runCommand?api-version=2026-04-01`, { command: 'kubectl get ns' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/Run command is disabled/);
    } finally {
      delete props.apiServerAccessProfile.disableRunCommand;
    }
    h.emulator.rbac.removeAction('Microsoft.ContainerService/managedClusters/runCommand/action');
    const denied = await armFetch(h, 'POST', `${PRIVATE}/runCommand?api-version=2026-04-01`, { command: 'kubectl get ns' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain(`'Microsoft.ContainerService/managedClusters/runCommand/action' over scope '${PRIVATE}'`);
    h.emulator.rbac.setPalisadeRole(loadShippedRole());
    const badZip = await armFetch(h, 'POST', `${PRIVATE}/runCommand?api-version=2026-04-01`, { command: 'kubectl get ns', context: 'bm90IGEgemlw' });
    expect(badZip.status).toBe(400);
    expect(badZip.body.error.target).toBe('context');
  });

  it('a command whose pod cannot start ends failed with only a reason', async () => {
    h.emulator.faults.failNextRunCommand('aks-private', 'ImagePullBackoff');
    const r = await invoke('kubectl get ns');
    expect(r).toEqual({ id: r.id, provisioningState: 'failed', reason: 'ImagePullBackoff' });
  });
});
