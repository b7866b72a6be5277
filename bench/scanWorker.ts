// The fleet scan's Palisade side, in its own process (bench/scan.ts starts it, bundled, with plain node): Palisade in
// production configuration against the emulators of another process, so its RSS is Palisade's alone. Prints one JSON
// line with the figures. Not a server: it exits when done.
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { scanClusters } from '../src/digest/scan.js';
import { createLogger } from '../src/log.js';
import { startPalisade } from '../src/palisade.js';
import type { Posture } from '../src/posture/assess.js';

const RSS_SAMPLE_MS = 50;
const SEQUENTIAL_SAMPLE = Number(process.env.BENCH_SEQUENTIAL_SAMPLE ?? 40);
const RUNS = Number(process.env.BENCH_SCAN_RUNS ?? 3);
/** Resource Graph's per-user quota window (15 queries per 5 s): digests hours apart each start with a fresh quota. */
const QUOTA_WINDOW_MS = 5_000;

const scannedOk = (p: Posture) => p.areas.every((a) => a.findings.every((f) => !f.id.endsWith('.unreachable')));

async function main(): Promise<void> {
  let peak = 0;
  let heapPeak = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  };
  // only when bench/scan.ts ran this worker with --expose-gc (BENCH_SCAN_LIVE_HEAP=1): what a digest leaves live
  const gc = (globalThis as { gc?: () => void }).gc;
  const liveHeap = () => {
    gc!();
    return process.memoryUsage().heapUsed;
  };
  const sampler = setInterval(sample, RSS_SAMPLE_MS);
  const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
  const app = await startPalisade({ config, log: createLogger('silent') });
  const s = app.services;
  const calls = () => s.azure.pacer.total;
  const rssAtStart = process.memoryUsage().rss;

  /** One digest's reads as the scheduler makes them: the clusters from Resource Graph, then the shared scan while their outbound IPs are looked up. */
  async function digest(): Promise<{ ms: number; listMs: number; cpuMs: number; armCalls: number; ok: number; clusters: number; byKind: Record<string, number> }> {
    s.clusters.invalidate(); // digests are hours apart: nothing from an earlier read is fresh any more
    s.azure.reads.clear();
    await new Promise((r) => setTimeout(r, QUOTA_WINDOW_MS)); // nor is the last one's Resource Graph quota used up
    const before = calls();
    const byKindBefore = { ...s.azure.pacer.stats.requests };
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const complete = s.clusters.list();
    const clusters = await s.clusters.listEarly();
    const listMs = performance.now() - t0;
    const postures = await scanClusters(s.posture, clusters, { concurrency: config.digest.scanConcurrency, complete });
    await complete;
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const byKind: Record<string, number> = {};
    for (const [k, v] of Object.entries(s.azure.pacer.stats.requests)) byKind[k] = v - (byKindBefore[k] ?? 0);
    return { ms, listMs, cpuMs: (cpu.user + cpu.system) / 1000, armCalls: calls() - before, ok: [...postures.values()].filter(scannedOk).length, clusters: clusters.length, byKind };
  }

  const liveAtStart = gc ? liveHeap() : undefined;
  const first = await digest();
  const runs: Array<Awaited<ReturnType<typeof digest>>> = [];
  peak = 0;
  heapPeak = 0;
  const liveAfter: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(await digest());
    if (gc) liveAfter.push(liveHeap());
  }
  const scanPeak = peak;
  const scanHeapPeak = heapPeak;

  // the way before: one cluster after another, every read live
  const clusters = (await s.clusters.list()).slice(0, SEQUENTIAL_SAMPLE);
  const t0 = performance.now();
  let seqOk = 0;
  for (const c of clusters) if (scannedOk(await s.posture.scan(c, { reads: 'live' }))) seqOk++;
  const sequentialMs = performance.now() - t0;
  clearInterval(sampler);
  process.stdout.write(
    JSON.stringify({
      first,
      runs,
      scanPeakRss: scanPeak,
      scanHeapPeak,
      liveHeap: gc ? { atStart: liveAtStart, afterDigests: liveAfter } : undefined,
      concurrency: config.digest.scanConcurrency,
      maxRssKb: process.resourceUsage().maxRSS,
      rssAtStart,
      sequential: { clusters: clusters.length, ms: sequentialMs, ok: seqOk },
      pacer: s.azure.pacer.stats,
      kubeCaches: s.kube.caches?.size ?? 0,
    }) + '\n',
  );
  await app.close();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`scan worker failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
