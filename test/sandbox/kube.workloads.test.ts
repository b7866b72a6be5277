import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchV1Api, type V1Pod } from '@kubernetes/client-node';
import { startKubeHarness, type KubeHarness } from './kubeHarness.js';
import { rawRequest } from './rawHttp.js';
import { KUBECTL_TOKEN } from '@palisade/sandbox/kube/index.js';

let h: KubeHarness;
beforeAll(async () => {
  h = await startKubeHarness();
});
afterAll(async () => h?.close());

const batch = () => h.admin().config.makeApiClient(BatchV1Api);
const owned = (pods: V1Pod[], kind: string, name: string) => pods.filter((p) => p.metadata?.ownerReferences?.some((r) => r.kind === kind && r.name === name && r.controller));

describe('workload kinds beyond Deployments and StatefulSets', () => {
  it('discovery serves DaemonSets, Jobs, CronJobs and the RBAC group, as kubectl needs them', async () => {
    const get = (p: string) => rawRequest(`${h.emulator.serverUrlFor('aks-workshop')}${p}`, { ca: h.tls.caPem, token: KUBECTL_TOKEN }).then((r) => r.body);
    expect((await get('/apis/apps/v1')).resources.map((r: any) => r.name)).toEqual(expect.arrayContaining(['daemonsets', 'daemonsets/status', 'deployments', 'statefulsets']));
    expect((await get('/apis/batch/v1')).resources.map((r: any) => r.name)).toEqual(['jobs', 'jobs/status', 'cronjobs', 'cronjobs/status']);
    expect((await get('/apis/rbac.authorization.k8s.io/v1')).resources.map((r: any) => r.name)).toEqual(['clusterroles', 'clusterrolebindings', 'roles', 'rolebindings']);
    expect((await get('/apis')).groups.map((g: any) => g.name)).toEqual(expect.arrayContaining(['apps', 'batch', 'networking.k8s.io', 'rbac.authorization.k8s.io']));
    expect(Object.keys((await get('/openapi/v3')).paths)).toEqual(expect.arrayContaining(['apis/batch/v1', 'apis/rbac.authorization.k8s.io/v1']));
  });

  it('a DaemonSet runs one pod per node, owned by it, and reports the numbers; deleting it removes them', async () => {
    const api = h.admin();
    const labels = { app: 'agent' };
    const ds = await api.apps.createNamespacedDaemonSet({ namespace: 'ratingsapp', body: { metadata: { name: 'agent' }, spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'agent', image: 'busybox:1.37' }] } } } } });
    expect(ds.spec?.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, numberAvailable: 3, updatedNumberScheduled: 3, numberMisscheduled: 0 });
    const pods = owned((await api.core.listNamespacedPod({ namespace: 'ratingsapp', labelSelector: 'app=agent' })).items, 'DaemonSet', 'agent');
    expect(pods).toHaveLength(3);
    expect(new Set(pods.map((p) => p.spec?.nodeName)).size).toBe(3);
    expect(pods.every((p) => p.status?.phase === 'Running' && /^10\.244\./.test(p.status?.podIP ?? ''))).toBe(true);
    expect(pods[0].metadata?.ownerReferences?.[0].uid).toBe(ds.metadata?.uid);
    await api.apps.deleteNamespacedDaemonSet({ namespace: 'ratingsapp', name: 'agent' });
    expect((await api.core.listNamespacedPod({ namespace: 'ratingsapp', labelSelector: 'app=agent' })).items).toEqual([]);
  });

  it('a Job gets its controller-uid selector and labels, runs its pods, and says so in status', async () => {
    const job = await batch().createNamespacedJob({ namespace: 'ratingsapp', body: { metadata: { name: 'migrate' }, spec: { parallelism: 2, completions: 4, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: 'busybox:1.37' }] } } } } });
    const uid = job.metadata?.uid as string;
    expect(job.spec?.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    expect(job.spec?.template.metadata?.labels).toEqual({ 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'migrate', 'controller-uid': uid, 'job-name': 'migrate' });
    expect(job.spec).toMatchObject({ backoffLimit: 6, completionMode: 'NonIndexed', suspend: false });
    expect(job.status).toMatchObject({ active: 2, ready: 2 });
    const pods = owned((await h.admin().core.listNamespacedPod({ namespace: 'ratingsapp', labelSelector: 'job-name=migrate' })).items, 'Job', 'migrate');
    expect(pods).toHaveLength(2);
  });

  it('a CronJob gets its defaults and runs nothing until its schedule fires', async () => {
    const cj = await batch().createNamespacedCronJob({ namespace: 'ratingsapp', body: { metadata: { name: 'nightly' }, spec: { schedule: '0 2 * * *', jobTemplate: { spec: { template: { metadata: { labels: { app: 'nightly' } }, spec: { restartPolicy: 'OnFailure', containers: [{ name: 'n', image: 'busybox:1.37' }] } } } } } } });
    expect(cj.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(cj.status).toEqual({});
    expect((await h.admin().core.listNamespacedPod({ namespace: 'ratingsapp', labelSelector: 'app=nightly' })).items).toEqual([]);
    const bad = await batch().createNamespacedCronJob({ namespace: 'ratingsapp', body: { metadata: { name: 'bad' }, spec: { schedule: 'every night', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'n', image: 'x' }] } } } } } } }).catch((e) => JSON.parse(e.body));
    expect(bad.message).toBe('CronJob.batch "bad" is invalid: spec.schedule: Invalid value: "every night": expected exactly 5 fields, found 2: [every night]');
  });

  it('a bare Pod is scheduled and running at once; the server, not the client, sets its status', async () => {
    const pod = await h.admin().core.createNamespacedPod({ namespace: 'ratingsapp', body: { metadata: { name: 'debug', labels: { app: 'debug' } }, spec: { containers: [{ name: 'debug', image: 'busybox:1.37' }] }, status: { phase: 'Failed' } } });
    expect(pod.status?.phase).toBe('Running');
    expect(pod.spec?.nodeName).toMatch(/^aks-nodepool1-/);
    expect(pod.status?.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
    expect(pod.status?.containerStatuses?.[0]).toMatchObject({ name: 'debug', ready: true, state: { running: {} } });
  });
});
