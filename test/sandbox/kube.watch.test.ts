import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeInformer, type KubernetesObject, type V1Service } from '@kubernetes/client-node';
import { KUBECTL_TOKEN, PALISADE_SANDBOX_TOKEN } from '@palisade/sandbox/kube/index.js';
import { writeKubeconfig } from '@palisade/sandbox/seed/kube.js';
import { exec, hasKubectl } from '../helpers/kubectl.js';
import { startKubeHarness, type KubeHarness } from './kubeHarness.js';
import { rawWatch } from './watchStream.js';

let h: KubeHarness;
beforeAll(async () => {
  h = await startKubeHarness();
});
afterAll(async () => h?.close());

/** Resolves once `cond` holds, checking after every turn of the event loop (the emulator runs in this process). */
function until(cond: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const poll = () => (cond() ? resolve() : setImmediate(poll));
    poll();
  });
}

const svc = (name: string, labels: Record<string, string> = {}): V1Service => ({ metadata: { name, labels }, spec: { selector: { app: name }, ports: [{ port: 80 }] } });

/** Informer callbacks as a queue the test can wait on. */
function recordInformer<T extends KubernetesObject>(informer: ReturnType<typeof makeInformer<T>>) {
  const seen: Array<{ verb: string; obj: T }> = [];
  const waiters: Array<{ pred: (verb: string, obj: T) => boolean; done: () => void }> = [];
  for (const verb of ['add', 'update', 'delete'] as const)
    informer.on(verb, (obj: T) => {
      seen.push({ verb, obj });
      for (const w of [...waiters]) if (w.pred(verb, obj)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.done();
      }
    });
  return {
    seen,
    until: (pred: (verb: string, obj: T) => boolean) =>
      new Promise<void>((done) => (seen.some((s) => pred(s.verb, s.obj)) ? done() : waiters.push({ pred, done }))),
  };
}

describe('watch: the API server event stream', () => {
  it('lists carry metadata.resourceVersion; a watch from it replays nothing older and streams later changes as JSON lines', async () => {
    const admin = h.admin();
    const list = await admin.core.listNamespacedService({ namespace: 'ratingsapp' });
    const rv = list.metadata?.resourceVersion;
    expect(Number(rv)).toBeGreaterThan(0);
    const w = await rawWatch(`${h.emulator.serverUrlFor('aks-workshop')}/api/v1/namespaces/ratingsapp/services?watch=1&resourceVersion=${rv}`, { ca: h.tls.caPem, token: KUBECTL_TOKEN });
    expect(w.status).toBe(200);
    await admin.core.createNamespacedService({ namespace: 'ratingsapp', body: svc('watch-a') });
    await admin.core.patchNamespacedService({ namespace: 'ratingsapp', name: 'watch-a', body: [{ op: 'add', path: '/metadata/labels', value: { tier: 'x' } }] });
    await admin.core.deleteNamespacedService({ namespace: 'ratingsapp', name: 'watch-a' });
    const deleted = await w.next((e) => e.type === 'DELETED');
    expect(w.events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED watch-a', 'MODIFIED watch-a', 'DELETED watch-a']);
    expect(w.events[0].object).toMatchObject({ kind: 'Service', apiVersion: 'v1' });
    const rvs = w.events.map((e) => Number(e.object.metadata.resourceVersion));
    expect(rvs).toEqual([...rvs].sort((a, b) => a - b));
    expect(Number(deleted.object.metadata.resourceVersion)).toBeGreaterThan(Number(rv));
    w.close();
  });

  it('without a resourceVersion it starts with the current state as ADDED events; selectors narrow it, leaving the selection is DELETED', async () => {
    const admin = h.admin();
    await admin.core.createNamespacedService({ namespace: 'ratingsapp', body: svc('sel-a', { team: 'blue' }) });
    const w = await rawWatch(`${h.emulator.serverUrlFor('aks-workshop')}/api/v1/services?watch=true&labelSelector=team%3Dblue`, { ca: h.tls.caPem, token: KUBECTL_TOKEN });
    expect((await w.next()).type).toBe('ADDED');
    expect(w.events.map((e) => e.object.metadata.name)).toEqual(['sel-a']);
    await admin.core.createNamespacedService({ namespace: 'ingress-basic', body: svc('sel-b', { team: 'blue' }) });
    await admin.core.patchNamespacedService({ namespace: 'ratingsapp', name: 'sel-a', body: [{ op: 'replace', path: '/metadata/labels/team', value: 'red' }] });
    await w.next((e) => e.type === 'DELETED');
    expect(w.events.map((e) => `${e.type} ${e.object.metadata.namespace}/${e.object.metadata.name}`)).toEqual(['ADDED ratingsapp/sel-a', 'ADDED ingress-basic/sel-b', 'DELETED ratingsapp/sel-a']);
    expect(w.events[2].object.metadata.labels.team).toBe('red');
    w.close();
  });

  it('bookmarks carry the current resourceVersion when allowWatchBookmarks is set, and only then', async () => {
    const url = `${h.emulator.serverUrlFor('aks-workshop')}/apis/apps/v1/namespaces/ratingsapp/deployments?watch=1&resourceVersion=${h.world.findCluster('aks-workshop')!.kube.resourceVersion}`;
    const withBookmarks = await rawWatch(`${url}&allowWatchBookmarks=true`, { ca: h.tls.caPem, token: KUBECTL_TOKEN });
    const without = await rawWatch(url, { ca: h.tls.caPem, token: KUBECTL_TOKEN });
    // a change elsewhere moves the cluster's version: the bookmark tells the watcher it may resume from there
    await h.admin().core.createNamespacedConfigMap({ namespace: 'ratingsapp', body: { metadata: { name: 'bump' } } });
    await until(() => h.emulator.watch.open('aks-workshop') >= 2);
    h.emulator.watch.bookmarkNow();
    const b = await withBookmarks.next((e) => e.type === 'BOOKMARK');
    expect(b.object).toEqual({ kind: 'Deployment', apiVersion: 'apps/v1', metadata: { resourceVersion: String(h.world.findCluster('aks-workshop')!.kube.resourceVersion) } });
    h.emulator.watch.closeAll('aks-workshop');
    await Promise.all([withBookmarks.ended, without.ended]);
    expect(without.events).toEqual([]);
  });

  it('timeoutSeconds ends the stream; the server ends it cleanly', async () => {
    const w = await rawWatch(`${h.emulator.serverUrlFor('aks-workshop')}/api/v1/namespaces?watch=1&timeoutSeconds=1&resourceVersion=${h.world.findCluster('aks-workshop')!.kube.resourceVersion}`, { ca: h.tls.caPem, token: KUBECTL_TOKEN });
    await w.ended;
    expect(w.events).toEqual([]);
  });

  it('a version older than the kept history is 410 Gone: an ERROR event with an Expired Status, then the stream ends', async () => {
    const cluster = h.world.findCluster('aks-workshop')!;
    const old = cluster.kube.resourceVersion;
    await h.admin().core.createNamespacedConfigMap({ namespace: 'ratingsapp', body: { metadata: { name: 'before-compaction' } } });
    h.emulator.watch.compact('aks-workshop');
    const w = await rawWatch(`${h.emulator.serverUrlFor('aks-workshop')}/api/v1/namespaces/ratingsapp/configmaps?watch=1&resourceVersion=${old}`, { ca: h.tls.caPem, token: KUBECTL_TOKEN });
    await w.ended;
    expect(w.status).toBe(200);
    expect(w.events).toHaveLength(1);
    expect(w.events[0]).toEqual({
      type: 'ERROR',
      object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${old} (${cluster.kube.resourceVersion})`, reason: 'Expired', code: 410 },
    });
  });

  it('watching needs the watch verb: Palisade may watch services, not secrets', async () => {
    const ok = await rawWatch(`${h.emulator.serverUrlFor('aks-workshop')}/api/v1/services?watch=1&resourceVersion=${h.world.findCluster('aks-workshop')!.kube.resourceVersion}`, { ca: h.tls.caPem, token: PALISADE_SANDBOX_TOKEN });
    expect(ok.status).toBe(200);
    ok.close();
    const denied = await fetchStatus(`${h.emulator.serverUrlFor('aks-workshop')}/api/v1/secrets?watch=1`);
    expect(denied.code).toBe(403);
    expect(denied.message).toBe('secrets is forbidden: User "5a1e0b0e-0000-4000-8000-00000000a15d" cannot watch resource "secrets" in API group "" at the cluster scope');
  });
});

/** A refused watch is a plain HTTP answer: its status code and the Status body (one JSON line). */
async function fetchStatus(url: string): Promise<any> {
  const w = await rawWatch(url, { ca: h.tls.caPem, token: PALISADE_SANDBOX_TOKEN });
  await w.ended;
  return { ...(w.events[0] as any), code: w.status };
}

describe('a real informer from @kubernetes/client-node 1.4 (makeInformer / ListWatch) as Palisade', () => {
  it('sees ADDED, MODIFIED and DELETED, including a change made with kubectl', async () => {
    const api = h.api();
    const informer = makeInformer<V1Service>(api.config, '/api/v1/services', () => api.core.listServiceForAllNamespaces());
    const rec = recordInformer(informer);
    await informer.start();
    await rec.until((verb, o) => verb === 'add' && o.metadata?.name === 'ratings-web');
    const admin = h.admin();
    await admin.core.createNamespacedService({ namespace: 'ratingsapp', body: svc('informed') });
    await rec.until((verb, o) => verb === 'add' && o.metadata?.name === 'informed');
    await admin.core.patchNamespacedService({ namespace: 'ratingsapp', name: 'informed', body: [{ op: 'add', path: '/metadata/annotations', value: { by: 'client' } }] });
    await rec.until((verb, o) => verb === 'update' && o.metadata?.annotations?.by === 'client');
    if (hasKubectl) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-watch-'));
      const kubeconfig = writeKubeconfig(dir, h.world.state.clusters, h.emulator, h.tls.caPem);
      await exec('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', path.join(dir, 'cache'), 'annotate', 'svc', 'informed', '-n', 'ratingsapp', 'by=kubectl', '--overwrite']);
      await rec.until((verb, o) => verb === 'update' && o.metadata?.annotations?.by === 'kubectl');
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await admin.core.deleteNamespacedService({ namespace: 'ratingsapp', name: 'informed' });
    await rec.until((verb, o) => verb === 'delete' && o.metadata?.name === 'informed');
    expect(informer.get('informed', 'ratingsapp')).toBeUndefined();
    expect(informer.list('ratingsapp').map((s) => s.metadata?.name).sort()).toEqual((await admin.core.listNamespacedService({ namespace: 'ratingsapp' })).items.map((s) => s.metadata?.name).sort());
    await informer.stop();
  });

  it('a watch that gets 410 Gone makes the informer relist, and it keeps up afterwards', async () => {
    const api = h.api();
    let lists = 0;
    const informer = makeInformer<V1Service>(api.config, '/api/v1/namespaces/ratingsapp/services', () => {
      lists++;
      return api.core.listNamespacedService({ namespace: 'ratingsapp' });
    });
    const rec = recordInformer(informer);
    let connects = 0;
    informer.on('connect', () => connects++);
    await informer.start();
    await until(() => h.emulator.watch.open('aks-workshop') > 0);
    expect(lists).toBe(1);
    // the cluster moves on without this informer's kind changing, the history is compacted, and the connection drops
    await h.admin().core.createNamespacedConfigMap({ namespace: 'ratingsapp', body: { metadata: { name: 'moves-on' } } });
    h.emulator.watch.compact('aks-workshop');
    h.emulator.watch.closeAll('aks-workshop');
    await until(() => lists === 2);
    expect(connects).toBeGreaterThanOrEqual(2);
    const created = await h.admin().core.createNamespacedService({ namespace: 'ratingsapp', body: svc('after-relist') });
    await rec.until((verb, o) => verb === 'add' && o.metadata?.name === 'after-relist');
    expect(informer.get('after-relist', 'ratingsapp')?.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);
    await informer.stop();
  });
});
