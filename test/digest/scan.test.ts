import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PALISADE_SANDBOX_TOKEN } from '@palisade/sandbox/kube/index.js';
import { clusterKey, limiter, scanClusters } from '../../src/digest/scan.js';
import { kubeApiFor } from '../../src/kube/connect.js';
import { listIngresses } from '../../src/kube/ingresses.js';
import { listNamespaces } from '../../src/kube/namespaces.js';
import { listNetworkPolicies } from '../../src/kube/networkPolicies.js';
import { listServices } from '../../src/kube/services.js';
import { assessPosture } from '../../src/posture/assess.js';
import { startTestBot, type TestBot } from '../helpers/bot.js';

describe('limiter', () => {
  it('never runs more than the limit at once, and runs everything', async () => {
    const run = limiter(3);
    let active = 0;
    let peak = 0;
    const gates: Array<() => void> = [];
    const tasks = Array.from({ length: 10 }, (_, i) =>
      run(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise<void>((r) => gates.push(r));
        active--;
        return i;
      }),
    );
    // Release tasks one by one as they start: at each step no more than three have started and not finished
    for (let released = 0; released < 10; released++) {
      while (gates.length === 0) await new Promise((r) => setImmediate(r));
      expect(active).toBeLessThanOrEqual(3);
      gates.shift()!();
    }
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(peak).toBe(3);
  });

  it('a failing task frees its slot', async () => {
    const run = limiter(1);
    await expect(run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await run(async () => 'next')).toBe('next');
  });
});

describe('scanClusters on the sandbox', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.closeAll());

  it('scans each cluster once (duplicates folded) and assesses what a single-cluster scan sees', async () => {
    const s = bot.app.services;
    const clusters = await s.clusters.list();
    const reads: string[] = [];
    bot.app.sandbox!.kube.setInterceptor((req) => {
      // aks-private refuses Palisade's direct attempt; its one read comes from inside, through AKS Run Command
      const refused = req.cluster === 'aks-private' && req.role === 'palisade';
      if (req.method === 'GET' && /\/api\/v1\/services$/.test(req.path) && !refused) reads.push(req.cluster);
      return undefined;
    });
    const fixed = Date.parse('2026-11-28T08:00:00Z');
    const result = await scanClusters(s.posture, [...clusters, ...clusters], { concurrency: 1, now: () => fixed });
    bot.app.sandbox!.kube.setInterceptor(undefined);
    expect(reads.sort()).toEqual(clusters.map((c) => c.name).sort());
    expect(result.size).toBe(clusters.length);
    for (const c of clusters) {
      const one = await s.posture.scan(c);
      const shared = result.get(clusterKey(c))!;
      expect(shared.checkedAt).toBe('2026-11-28T08:00:00.000Z');
      expect(shared.score).toBe(one.score);
      expect(shared.areas.flatMap((a) => a.findings.map((f) => f.id))).toEqual(one.areas.flatMap((a) => a.findings.map((f) => f.id)));
    }
  });

  it('started from the early listing (outbound IPs still being looked up), makes the postures of a scan after the listing', async () => {
    const s = bot.app.services;
    const fixed = Date.parse('2026-11-28T08:00:00Z');
    s.clusters.invalidate();
    const early = await s.clusters.listEarly();
    const complete = s.clusters.list();
    const overlapped = await scanClusters(s.posture, early, { now: () => fixed, complete });
    const all = await complete;
    // the early clusters are the same clusters, only their outbound IPs were not resolved yet
    expect(early.map(clusterKey)).toEqual(all.map(clusterKey));
    expect(early.every((c) => c.outboundIps.length === 0)).toBe(true);
    expect(all.some((c) => c.outboundIps.length > 0)).toBe(true);
    const after = await scanClusters(s.posture, all, { now: () => fixed });
    expect([...overlapped.keys()]).toEqual([...after.keys()]);
    for (const [key, posture] of after) expect(overlapped.get(key)).toEqual(posture);
  });

  it('a listing that fails after the early clusters fails the scan (never an unhandled rejection)', async () => {
    const s = bot.app.services;
    const [first] = await s.clusters.list();
    const failed = Promise.reject(new Error('Resource Graph is down'));
    await expect(scanClusters(s.posture, [first], { complete: failed })).rejects.toThrow('Resource Graph is down');
  });

  it('makes the same postures as assessing client-node model lists (how the scan read before wire-JSON lists)', async () => {
    const s = bot.app.services;
    const sandbox = bot.app.sandbox!;
    // aks-private refuses a direct connection: its reads go through Run Command either way
    const clusters = (await s.clusters.list()).filter((c) => c.name !== 'aks-private');
    expect(clusters.length).toBeGreaterThanOrEqual(3);
    const fixed = Date.parse('2026-11-28T08:00:00Z');
    const scanned = await scanClusters(s.posture, clusters, { now: () => fixed });
    for (const cluster of clusters) {
      const models = kubeApiFor({ server: sandbox.kube.serverUrlFor(cluster.name), caPem: sandbox.tls.caPem, token: PALISADE_SANDBOX_TOKEN });
      const kube = { ok: true as const, services: await listServices(models), ingresses: await listIngresses(models), namespaces: await listNamespaces(models), policies: await listNetworkPolicies(models) };
      const before = assessPosture({ cluster, kube, defender: await s.posture.readDefender(cluster.subscriptionId), now: new Date(fixed) });
      expect(before.areas.flatMap((a) => a.findings.map((f) => f.id))).not.toContain('kube.unreachable');
      expect(scanned.get(clusterKey(cluster))).toEqual(before);
    }
  });
});
