import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'shell-quote';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBSCRIPTION_WORKSHOP, seedWorld } from '@palisade/sandbox/seed/index.js';
import { PALISADE_SANDBOX_TOKEN } from '@palisade/sandbox/arm/index.js';
import { KUBECTL_TOKEN } from '@palisade/sandbox/kube/index.js';
import { kubeApiFor, type KubeApi } from '../../src/kube/connect.js';
import { kubeCall, KubeConflict, KubeForbidden, KubeInvalid, KubeNotFound } from '../../src/kube/errors.js';
import { listIngresses } from '../../src/kube/ingresses.js';
import { getNamespace, listNamespaces } from '../../src/kube/namespaces.js';
import { applyNetworkPolicy, deleteNetworkPoliciesByLabel, deleteNetworkPolicy, listNetworkPolicies } from '../../src/kube/networkPolicies.js';
import { listWorkloadTemplates } from '../../src/kube/podTemplates.js';
import { getService, jsonPatchService, listServices, patchService } from '../../src/kube/services.js';
import { kubectlOverRunCommand } from '../../src/kube/transport/overRunCommand.js';
import type { KubeResources } from '../../src/kube/transport/resources.js';
import { runCommandResources, type RunKubectl } from '../../src/kube/transport/runCommand.js';
import { getDeployment, listConfigMaps, listDeployments, listPods } from '../../src/kube/workloads.js';
import { exec, hasKubectl } from '../helpers/kubectl.js';
import { startHarness, type Harness } from '../sandbox/armHarness.js';

/**
 * Run Command is a second implementation of the Kubernetes client's calls. The same wrappers run on three
 * transports against one sandbox cluster, all as Palisade: the client straight to the API server, kubectl through
 * the ARM emulator's Run Command, and the real kubectl binary fed the very command lines Palisade sends (so the
 * output and error text parsed are kubectl's own). Results and error types must agree.
 */

const CLUSTER = { subscriptionId: SUBSCRIPTION_WORKSHOP, resourceGroup: 'aksworkshop', name: 'aks-workshop' };

let h: Harness;
let dir: string;
const apis: Record<string, KubeApi> = {};
/** The same three paths as someone the cluster's RBAC grants nothing. */
const nobody: Record<string, KubeApi> = {};
const NOBODY_TOKEN = 'nobody-in-particular';

function handle(resources: KubeResources, like: KubeApi): KubeApi {
  return { ...resources, server: like.server, config: like.config, timeoutMs: 20_000, call: (fn) => kubeCall(fn, 20_000), route: { paths: new Set(['runCommand']) } };
}

/** The real kubectl, as the token's identity, given the command line and context files Run Command would get. */
function realKubectl(server: string, token: string): RunKubectl {
  const ca = path.join(dir, 'ca.pem');
  fs.writeFileSync(ca, h.tls.caPem);
  return async (command, files = {}) => {
    const cwd = fs.mkdtempSync(path.join(dir, 'cmd-'));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(cwd, name), text);
    const argv = parse(command) as string[];
    expect(argv[0]).toBe('kubectl');
    const flags = ['--server', server, '--token', token, '--certificate-authority', ca, '--cache-dir', path.join(dir, 'cache'), '--request-timeout', '10s'];
    try {
      const r = await exec('kubectl', [...flags, ...argv.slice(1)], { cwd, env: { ...process.env, KUBECONFIG: path.join(dir, 'none') } });
      return { exitCode: 0, logs: `${r.stderr}${r.stdout}` };
    } catch (e) {
      const err = e as { code?: number; stdout?: string; stderr?: string };
      return { exitCode: typeof err.code === 'number' ? err.code : 1, logs: `${err.stderr ?? ''}${err.stdout ?? ''}` };
    }
  };
}

function transports(token: string): Record<string, KubeApi> {
  const server = h.kube!.serverUrlFor(CLUSTER.name);
  const direct = kubeApiFor({ server, caPem: h.tls.caPem, token, timeoutMs: 10_000 });
  const out: Record<string, KubeApi> = { direct };
  out.runCommand = handle(
    runCommandResources(kubectlOverRunCommand({ azure: h.clients([SUBSCRIPTION_WORKSHOP]), cluster: CLUSTER, token: async () => token, timeoutMs: 20_000, runCommandPollMs: 10 })),
    direct,
  );
  if (hasKubectl) out.kubectl = handle(runCommandResources(realKubectl(server, token)), direct);
  return out;
}

beforeAll(async () => {
  h = await startHarness(seedWorld(), { lroDurationMs: 40, runCommandDurationMs: 10 }, { kube: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-transport-'));
  h.kube!.authn.addToken(NOBODY_TOKEN, { name: 'nobody' });
  // one of every workload kind network policy reads, made by the cluster's operator
  const admin = kubeApiFor({ server: h.kube!.serverUrlFor(CLUSTER.name), caPem: h.tls.caPem, token: KUBECTL_TOKEN });
  const pod = (app: string) => ({ metadata: { labels: { app } }, spec: { restartPolicy: 'OnFailure', containers: [{ name: app, image: `docker.io/library/${app}:1`, ports: [{ name: 'http', containerPort: 8080 }] }] } });
  await admin.apps.createNamespacedDaemonSet({ namespace: 'ratingsapp', body: { metadata: { name: 'node-agent' }, spec: { selector: { matchLabels: { app: 'node-agent' } }, template: { ...pod('node-agent'), spec: { ...pod('node-agent').spec, restartPolicy: 'Always' } } } } });
  await admin.batch.createNamespacedJob({ namespace: 'ratingsapp', body: { metadata: { name: 'migrate' }, spec: { template: pod('migrate') } } });
  await admin.batch.createNamespacedCronJob({ namespace: 'ratingsapp', body: { metadata: { name: 'nightly' }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: pod('nightly') } } } } });
  Object.assign(apis, transports(PALISADE_SANDBOX_TOKEN));
  Object.assign(nobody, transports(NOBODY_TOKEN));
});
afterAll(async () => {
  await h?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const paths = () => Object.keys(apis);

/** Everything a wrapper returns, minus what legitimately differs between two reads (none here: nothing writes). */
async function readAll(api: KubeApi) {
  const [services, one, namespaces, ns, pods, ingresses, policies, templates, deployments, deployment, configMaps] = await Promise.all([
    listServices(api),
    getService(api, 'ratingsapp', 'ratings-web'),
    listNamespaces(api),
    getNamespace(api, 'ratingsapp'),
    listPods(api, undefined, 'app=ratings-web'),
    listIngresses(api),
    listNetworkPolicies(api),
    listWorkloadTemplates(api),
    listDeployments(api),
    getDeployment(api, 'ratingsapp', 'ratings-api'),
    listConfigMaps(api, 'ratingsapp'),
  ]);
  return { services, one, namespaces, ns, pods, ingresses, policies, templates, deployments, deployment, configMaps };
}

async function errorOf(p: Promise<unknown>, what = 'the call'): Promise<Error> {
  return p.then(
    () => {
      throw new Error(`expected ${what} to fail`);
    },
    (e: Error) => e,
  );
}

describe('Run Command as a Kubernetes transport: the same calls, the same answers', () => {
  it('every read wrapper returns the same thing on every path', async () => {
    const direct = await readAll(apis.direct);
    expect(direct.services.length).toBeGreaterThan(3);
    expect(direct.pods.length).toBeGreaterThan(0);
    // every workload kind the policy reads: Deployments, StatefulSets, DaemonSets (apps), Jobs and CronJobs (batch)
    expect(new Set(direct.templates.map((t) => t.kind))).toEqual(new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']));
    for (const p of paths().filter((x) => x !== 'direct')) expect({ path: p, ...(await readAll(apis[p])) }).toEqual({ path: p, ...direct });
  });

  it('errors come back as the same types: NotFound, Forbidden, Invalid, Conflict', async () => {
    const kinds: Record<string, string[]> = {};
    for (const p of paths()) {
      const api = apis[p];
      expect(await errorOf(getService(api, 'ratingsapp', 'nope'), `${p} get`), p).toBeInstanceOf(KubeNotFound);
      expect(await errorOf(getNamespace(api, 'no-such-ns'), `${p} ns`), p).toBeInstanceOf(KubeNotFound);
      const live = await getService(api, 'ratingsapp', 'ratings-web');
      const stale = await errorOf(patchService(api, 'ratingsapp', 'ratings-web', { annotations: { team: 'x' } }, String(Number(live.resourceVersion) - 1)), `${p} stale`);
      expect(stale, p).toBeInstanceOf(KubeConflict);
      const invalid = await errorOf(patchService(api, 'ratingsapp', 'ratings-web', { loadBalancerSourceRanges: ['not-a-cidr'] }, live.resourceVersion), `${p} invalid`);
      expect(invalid, p).toBeInstanceOf(KubeInvalid);
      expect(invalid.message, p).toMatch(/spec\.loadBalancerSourceRanges\[0\]: Invalid value: "not-a-cidr"/);
      expect((invalid as KubeInvalid).causes, p).toEqual([expect.objectContaining({ field: 'spec.loadBalancerSourceRanges[0]' })]);
      const testFails = await errorOf(jsonPatchService(api, 'ratingsapp', 'ratings-web', [{ op: 'add', path: '/metadata/labels/x', value: 'y' }], '1'), `${p} test op`);
      const gone = await errorOf(deleteNetworkPolicy(api, 'ratingsapp', 'nope'), `${p} delete`);
      const denied = await errorOf(listServices(nobody[p]), `${p} nobody list`);
      expect(denied, p).toBeInstanceOf(KubeForbidden);
      expect(denied.message, p).toMatch(/services is forbidden: User "nobody" cannot list resource "services"/);
      expect(await errorOf(applyNetworkPolicy(nobody[p], { namespace: 'ratingsapp', name: 'x', spec: { podSelector: {} } })), p).toBeInstanceOf(KubeForbidden);
      kinds[p] = [testFails, gone].map((e) => e.constructor.name);
    }
    for (const p of paths()) expect(kinds[p], p).toEqual(kinds.direct);
    expect(kinds.direct[1]).toBe('KubeNotFound');
  });

  it('writes: merge patch guarded by resourceVersion, server-side apply, delete and delete by label', async () => {
    for (const p of paths()) {
      const api = apis[p];
      const live = await getService(api, 'ratingsapp', 'ratings-web');
      const patched = await patchService(api, 'ratingsapp', 'ratings-web', { annotations: { [`palisade.test/${p}`]: 'yes' } }, live.resourceVersion);
      expect(patched.annotations[`palisade.test/${p}`], p).toBe('yes');
      const dry = await patchService(api, 'ratingsapp', 'ratings-web', { annotations: { 'palisade.test/dry': 'run' } }, patched.resourceVersion, { dryRun: true });
      expect(dry.annotations['palisade.test/dry'], p).toBe('run');
      expect((await getService(api, 'ratingsapp', 'ratings-web')).annotations['palisade.test/dry'], p).toBeUndefined();

      const spec = { podSelector: { matchLabels: { app: 'ratings-api' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'ratings-web' } } }], ports: [{ protocol: 'TCP', port: 3000 }] }] };
      const applied = await applyNetworkPolicy(api, { namespace: 'ratingsapp', name: `t-${p.toLowerCase()}`, labels: { 'palisade.test/path': p }, spec });
      expect(applied, p).toMatchObject({ name: `t-${p.toLowerCase()}`, namespace: 'ratingsapp', labels: { 'app.kubernetes.io/managed-by': 'palisade', 'palisade.test/path': p }, spec });
      const stored = h.world.findCluster(CLUSTER.name)!.kube.objects[`networking.k8s.io/v1|NetworkPolicy|ratingsapp|t-${p.toLowerCase()}`];
      expect(stored.metadata.managedFields.map((m: { manager: string }) => m.manager), p).toContain('palisade');
      const dryPolicy = await applyNetworkPolicy(api, { namespace: 'ratingsapp', name: `dry-${p.toLowerCase()}`, spec }, { dryRun: true });
      expect(dryPolicy.name, p).toBe(`dry-${p.toLowerCase()}`);
      expect(h.world.findCluster(CLUSTER.name)!.kube.objects[`networking.k8s.io/v1|NetworkPolicy|ratingsapp|dry-${p.toLowerCase()}`], p).toBeUndefined();

      await applyNetworkPolicy(api, { namespace: 'ratingsapp', name: `u-${p.toLowerCase()}`, labels: { 'palisade.test/path': p }, spec });
      await deleteNetworkPolicy(api, 'ratingsapp', `t-${p.toLowerCase()}`);
      expect(await deleteNetworkPoliciesByLabel(api, 'ratingsapp', `palisade.test/path=${p}`), p).toEqual([`u-${p.toLowerCase()}`]);
      expect((await listNetworkPolicies(api, 'ratingsapp')).map((x) => x.name), p).toEqual([]);
    }
  });
});
