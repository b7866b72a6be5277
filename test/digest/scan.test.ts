import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterKey, limiter, scanClusters } from '../../src/digest/scan.js';
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
});
