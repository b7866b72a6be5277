import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeKubeconfig } from '@palisade/sandbox/seed/kube.js';
import { KUBECTL_TOKEN, type KubeRequestInfo } from '@palisade/sandbox/kube/index.js';
import { kubeApiFor } from '../../src/kube/connect.js';
import { clusterRef } from '../../src/domain.js';
import { listNetworkPolicies } from '../../src/kube/networkPolicies.js';
import { getService, listServices, patchService } from '../../src/kube/services.js';
import { CACHED_READS } from '../../src/timings.js';
import { exec, hasKubectl } from '../helpers/kubectl.js';
import { repliesText, startTestBot, type TestBot } from '../helpers/bot.js';

/** Kubernetes and ARM reads served from memory (issue 14): informers, write-through, single flight. */

let bot: TestBot;
const kubeRequests: KubeRequestInfo[] = [];

beforeAll(async () => {
  bot = await startTestBot({}, { timings: CACHED_READS });
  bot.app.sandbox!.kube.setInterceptor((req) => {
    kubeRequests.push(req);
    return undefined;
  });
});
afterAll(async () => {
  bot.app.sandbox?.kube.setInterceptor(undefined);
  await bot?.closeAll();
});

const workshop = async () => (await bot.app.services.clusters.list()).find((c) => c.name === 'aks-workshop')!;
const cacheOf = async () => bot.app.services.kube.caches!.for(`${(await workshop()).subscriptionId}/aksworkshop/aks-workshop`.toLowerCase());

/** Re-checks `cond` after every turn of the event loop until it holds (the emulator runs in this process). */
async function until(cond: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await cond())) await new Promise((r) => setImmediate(r));
}

/** Plain list requests (not watches) that reached the cluster's API server for a path, since `from`. */
const lists = (from: number, pathEnd: string) => kubeRequests.slice(from).filter((r) => r.method === 'GET' && r.cluster === 'aks-workshop' && r.role === 'palisade' && r.path.endsWith(pathEnd) && !/[?&]watch=(1|true)/.test(r.query)).length;

describe('Kubernetes from memory', () => {
  it('50 concurrent `status` turns on one cluster cause one read of each resource, Kubernetes and ARM', async () => {
    const kubeFrom = kubeRequests.length;
    const arm = bot.app.sandbox!.arm.faults.record();
    const conversations = Array.from({ length: 50 }, (_, i) => `conv-status-${i}`);
    const results = await Promise.all(conversations.map((c) => bot.say('status', undefined, c)));
    for (const [i, r] of results.entries()) {
      expect(r.status).toBe(200);
      const mine = bot.connector.sent.filter((s) => s.conversationId === conversations[i] && s.method === 'POST');
      expect(mine).toHaveLength(1);
      expect(JSON.stringify(mine[0].activity.attachments)).toContain('Security posture of aks-workshop');
    }
    for (const resource of ['/services', '/ingresses', '/namespaces', '/networkpolicies']) expect(lists(kubeFrom, resource), resource).toBe(1);
    expect(lists(kubeFrom, '/pods'), 'the posture assesses no pods, so status lists none').toBe(0);
    const count = (pred: (r: { method: string; path: string }) => boolean) => arm.filter(pred).length;
    expect(count((r) => r.path.includes('Microsoft.ResourceGraph'))).toBeLessThanOrEqual(2); // the clusters, their outbound IPs
    expect(count((r) => r.path.includes('/listClusterUserCredential'))).toBe(1);
    expect(count((r) => r.path.includes('/pricings'))).toBe(1);
    expect(count((r) => r.path.includes('/subAssessments'))).toBe(2); // MDVM and the retired Qualys recommendation
    expect(count((r) => r.path.includes('/managedClusters/') && r.method === 'GET')).toBe(0); // no per-cluster GETs
  });

  it('a repeated `status` within the freshness window makes no API call at all', async () => {
    const kubeFrom = kubeRequests.length;
    const arm = bot.app.sandbox!.arm.faults.record();
    const r = await bot.say('status', undefined, 'conv-status-again');
    expect(JSON.stringify(r.replies[0].activity.attachments)).toContain('Security posture of aks-workshop');
    expect(arm).toEqual([]);
    expect(kubeRequests.slice(kubeFrom).filter((k) => k.role === 'palisade' && !/[?&]watch=/.test(k.query))).toEqual([]);
  });

  it('an informer picks up a change made with kubectl (or, without kubectl, by another client)', async () => {
    const cluster = await workshop();
    const api = await bot.app.services.kube.for(cluster, { reads: 'cache' });
    await listServices(api);
    const kubeFrom = kubeRequests.length;
    if (hasKubectl) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-informer-'));
      const sandbox = bot.app.sandbox!;
      const kubeconfig = writeKubeconfig(dir, sandbox.world.state.clusters, sandbox.kube, sandbox.tls.caPem);
      await exec('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', path.join(dir, 'cache'), 'annotate', 'svc', 'ratings-web', '-n', 'ratingsapp', 'seen-by=kubectl', '--overwrite']);
      fs.rmSync(dir, { recursive: true, force: true });
    } else {
      const svc = await getService(await bot.app.services.kube.for(cluster), 'ratingsapp', 'ratings-web');
      await patchService(await bot.app.services.kube.for(cluster), 'ratingsapp', 'ratings-web', { annotations: { 'seen-by': 'kubectl' } }, svc.resourceVersion);
    }
    await until(async () => (await listServices(api, 'ratingsapp')).find((s) => s.name === 'ratings-web')?.annotations['seen-by'] === 'kubectl');
    expect(lists(kubeFrom, '/services')).toBe(0); // learnt from the watch, not by listing again
  });

  it('a write by Palisade is visible to the next read at once', async () => {
    const cluster = await workshop();
    const reader = await bot.app.services.kube.for(cluster, { reads: 'cache' });
    const writer = await bot.app.services.kube.for(clusterRef(cluster)); // what an operation's apply() gets: live reads
    const before = (await listServices(reader, 'ratingsapp')).find((s) => s.name === 'ratings-web')!;
    const written = await patchService(writer, 'ratingsapp', 'ratings-web', { annotations: { 'written-by': 'palisade' } }, before.resourceVersion);
    const next = (await listServices(reader, 'ratingsapp')).find((s) => s.name === 'ratings-web')!;
    expect(next.annotations['written-by']).toBe('palisade');
    expect(next.resourceVersion).toBe(written.resourceVersion);
    // once the watch delivers the same version, the informer's own copy is what readers get
    await until(async () => (await cacheOf()).has('services'));
    expect(reader.reads).toBe('cache');
    expect(writer.reads).toBe('live');
  });

  it('network policies listed by a label selector are read live', async () => {
    const cluster = await workshop();
    const reader = await bot.app.services.kube.for(cluster, { reads: 'cache' });
    const kubeFrom = kubeRequests.length;
    await listNetworkPolicies(reader, 'ratingsapp', 'app.kubernetes.io/managed-by=palisade');
    expect(lists(kubeFrom, '/networkpolicies')).toBe(1);
  });

  it('a watch that gets 410 Gone relists, and the cache keeps up afterwards', async () => {
    const cluster = await workshop();
    const api = await bot.app.services.kube.for(cluster, { reads: 'cache' });
    await listServices(api);
    const cache = await cacheOf();
    const listed = cache.lists().services ?? 0;
    const sandbox = bot.app.sandbox!;
    const kube = sandbox.kube;
    // the cluster moves on (a kind the informer does not watch), its history is compacted, and every watch connection
    // drops: resuming from the informer's version is 410 Gone
    const admin = kubeApiFor({ server: kube.serverUrlFor('aks-workshop'), caPem: sandbox.tls.caPem, token: KUBECTL_TOKEN });
    await admin.core.createNamespacedConfigMap({ namespace: 'ratingsapp', body: { metadata: { name: 'moves-on' } } });
    const writer = await bot.app.services.kube.for(cluster);
    const svc = await getService(writer, 'ratingsapp', 'ratings-web');
    kube.watch.compact('aks-workshop');
    kube.watch.closeAll('aks-workshop');
    await until(() => (cache.lists().services ?? 0) > listed);
    const after = await patchService(writer, 'ratingsapp', 'ratings-web', { annotations: { 'after-relist': 'yes' } }, svc.resourceVersion);
    await until(async () => (await listServices(api, 'ratingsapp')).find((s) => s.name === 'ratings-web')?.resourceVersion === after.resourceVersion);
    expect(cache.has('services')).toBe(true);
  });

  it('caches of clusters nobody asked about for a while are dropped', async () => {
    const caches = bot.app.services.kube.caches!;
    expect(caches.size).toBeGreaterThan(0);
    await caches.sweep(Date.now() + caches.idleMs + 1);
    expect(caches.size).toBe(0);
    // the next read starts again from a list
    const cluster = await workshop();
    const kubeFrom = kubeRequests.length;
    expect((await listServices(await bot.app.services.kube.for(cluster, { reads: 'cache' }))).length).toBeGreaterThan(0);
    expect(lists(kubeFrom, '/services')).toBe(1);
  });
});

describe('no watch towards an API server that refuses Palisade (reads through AKS Run Command)', () => {
  const keyOf = (c: { subscriptionId: string; resourceGroup: string; name: string }) => `${c.subscriptionId}/${c.resourceGroup}/${c.name}`.toLowerCase();
  const cluster = async (name: string) => (await bot.app.services.clusters.list()).find((c) => c.name === name)!;
  const watches = (from: number, name: string) => kubeRequests.slice(from).filter((r) => r.cluster === name && /[?&]watch=(1|true)/.test(r.query)).length;

  it('a private cluster gets no informers: status reads it live through Run Command', async () => {
    const kubeFrom = kubeRequests.length;
    for (let i = 0; i < 2; i++) expect(repliesText((await bot.say('status on aks-private')).replies)).toMatch(/Kubernetes read via AKS Run Command/);
    expect(bot.app.services.kube.caches!.peek(keyOf(await cluster('aks-private')))).toBeUndefined();
    expect(watches(kubeFrom, 'aks-private')).toBe(0);
  });

  it("a cluster whose ranges shut Palisade out has its informers stopped, and is read through Run Command", async () => {
    const prod = await cluster('aks-prod');
    expect(repliesText((await bot.say('status on aks-prod')).replies)).not.toMatch(/via AKS Run Command/);
    const caches = bot.app.services.kube.caches!;
    await until(() => caches.peek(keyOf(prod))?.has('services') ?? false);
    const profile = bot.app.sandbox!.world.findCluster('aks-prod')!.resource!.properties!.apiServerAccessProfile ?? {};
    const ranges = profile.authorizedIPRanges;
    bot.app.sandbox!.world.findCluster('aks-prod')!.resource!.properties!.apiServerAccessProfile = { ...profile, authorizedIPRanges: ['198.51.100.0/24'] };
    try {
      // the watches end (as the API server's new rules cut them); the informers' relist is refused
      bot.app.sandbox!.kube.watch.closeAll('aks-prod');
      await until(() => caches.peek(keyOf(prod)) === undefined);
      const kubeFrom = kubeRequests.length;
      expect(repliesText((await bot.say('status on aks-prod')).replies)).toMatch(/Kubernetes read via AKS Run Command/);
      expect(caches.peek(keyOf(prod))).toBeUndefined();
      expect(watches(kubeFrom, 'aks-prod')).toBe(0);
    } finally {
      bot.app.sandbox!.world.findCluster('aks-prod')!.resource!.properties!.apiServerAccessProfile = { ...profile, authorizedIPRanges: ranges };
    }
  });
});
