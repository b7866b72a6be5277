// Section 4 (issue 14): a digest over 1,000 sandbox clusters in 10 subscriptions at 20 ms per emulated API call, in a
// Palisade process of its own (bench/scanWorker.ts) against the emulators in another, beside one-at-a-time scanning.
// Alone: `npx tsx --conditions=source bench/scan.ts` prints just this section.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fleetWorld } from './fleetWorld.js';
import { mib, ms, progress, ROOT, table, tempDir } from './lib.js';
import { buildProduction, DIST_SCAN_WORKER, startEmulatorProcess } from './production.js';
import { results } from './results.js';

export const SCAN_CLUSTERS = 1000;
export const SCAN_SUBSCRIPTIONS = 10;
export const SCAN_LATENCY_MS = 20;
const SEQUENTIAL_SAMPLE = 40;
const RUNS = 3;

interface Digest {
  ms: number;
  /** Of `ms`, until Resource Graph listed the clusters: their reads start then, beside the outbound-IP queries. */
  listMs: number;
  /** The Palisade process's CPU (user + system) over the digest. */
  cpuMs: number;
  armCalls: number;
  ok: number;
  clusters: number;
  byKind: Record<string, number>;
}
interface WorkerReport {
  first: Digest;
  runs: Digest[];
  scanPeakRss: number;
  /** Peak V8 heap in use during the timed digests (live objects and garbage not yet collected). */
  scanHeapPeak: number;
  /** With BENCH_SCAN_LIVE_HEAP=1 (--expose-gc): the heap after a full GC at start and after each timed digest. */
  liveHeap?: { atStart: number; afterDigests: number[] };
  concurrency: number;
  maxRssKb: number;
  rssAtStart: number;
  sequential: { clusters: number; ms: number; ok: number };
  pacer: { paced: number; pacedMs: number; throttled: number };
  kubeCaches: number;
}

function runWorker(env: Record<string, string>): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    // BENCH_CPU_PROF_DIR=<dir>: a V8 CPU profile of the Palisade process, for finding where a scan's time goes
    const prof = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [];
    // BENCH_SCAN_LIVE_HEAP=1: a full GC after each digest to tell live objects from garbage (measuring only: it lowers the peak)
    const gc = process.env.BENCH_SCAN_LIVE_HEAP === '1' ? ['--expose-gc'] : [];
    const child = spawn(process.execPath, [...prof, ...gc, DIST_SCAN_WORKER], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...env,
        BENCH_SEQUENTIAL_SAMPLE: String(SEQUENTIAL_SAMPLE),
        BENCH_SCAN_RUNS: String(RUNS),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => (out += String(d)));
    child.stderr!.on('data', (d) => (err += String(d)));
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (code === 0 && line) resolve(JSON.parse(line) as WorkerReport);
      else reject(new Error(`scan worker exited ${code}: ${err.slice(-2000)}`));
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

export async function clusterScanSection(): Promise<string> {
  const dataDir = tempDir();
  const workerDir = tempDir();
  progress(`cluster scan: a world of ${SCAN_CLUSTERS} clusters in ${SCAN_SUBSCRIPTIONS} subscriptions`);
  fs.mkdirSync(path.join(dataDir, 'sandbox'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'sandbox', 'world.json'), JSON.stringify(fleetWorld(SCAN_CLUSTERS, SCAN_SUBSCRIPTIONS)));
  const emulators = await startEmulatorProcess(dataDir, { latencyMs: SCAN_LATENCY_MS });
  let r: WorkerReport;
  try {
    progress(`cluster scan: Palisade's digest scan, 1 + ${RUNS} times, then ${SEQUENTIAL_SAMPLE} clusters one at a time`);
    r = await runWorker({ ...emulators.env, PALISADE_DATA_DIR: workerDir });
  } finally {
    await emulators.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(workerDir, { recursive: true, force: true });
  }
  const scanMs = median(r.runs.map((x) => x.ms));
  const listMs = median(r.runs.map((x) => x.listMs));
  results.scanListMs = Math.round(listMs);
  const perClusterSequential = r.sequential.ms / r.sequential.clusters;
  const sequentialEstimate = perClusterSequential * SCAN_CLUSTERS;
  results.scanVsSequential = Math.round((sequentialEstimate / scanMs) * 10) / 10;
  results.scanPeakRssMiB = Math.round(r.maxRssKb / 1024);
  results.armCallsPerDigest1000 = Math.max(...r.runs.map((x) => x.armCalls));
  results.armCallsFirstDigest1000 = r.first.armCalls;
  const problems: string[] = [];
  for (const d of [r.first, ...r.runs]) if (d.ok !== d.clusters || d.clusters !== SCAN_CLUSTERS) problems.push(`a digest read ${d.ok} of ${d.clusters} clusters completely (expected ${SCAN_CLUSTERS})`);
  if (r.sequential.ok !== r.sequential.clusters) problems.push(`the sequential sample read ${r.sequential.ok} of ${r.sequential.clusters} completely`);
  const kinds = (d: Digest) => Object.entries(d.byKind).filter(([, v]) => v > 0).map(([k, v]) => `${k === 'resourceGraph' ? 'Resource Graph' : k === 'tenant' ? 'tenant' : `sub ${k.slice(0, 8)}`}: ${v}`).join(', ');
  return [
    `## 4. Digest scan of ${SCAN_CLUSTERS.toLocaleString('en')} sandbox clusters in ${SCAN_SUBSCRIPTIONS} subscriptions`,
    '',
    table(
      ['Scan', 'Wall time', 'Per cluster', 'ARM requests', 'Clusters read completely'],
      [
        [`Digest (clusters from Resource Graph, each read as soon as listed, \`scanClusters\` at concurrency ${r.concurrency}), median of ${RUNS}`, ms(scanMs, 0), ms(scanMs / SCAN_CLUSTERS, 2), String(results.armCallsPerDigest1000), `${Math.min(...r.runs.map((x) => x.ok))} / ${SCAN_CLUSTERS}`],
        ['First digest after start (also each cluster’s API server address and CA)', ms(r.first.ms, 0), ms(r.first.ms / SCAN_CLUSTERS, 2), String(r.first.armCalls), `${r.first.ok} / ${SCAN_CLUSTERS}`],
        [`One cluster after another (\`for … await scanner.scan(c)\`, reads live), ${SEQUENTIAL_SAMPLE} clusters`, ms(r.sequential.ms, 0), ms(perClusterSequential, 1), '–', `${r.sequential.ok} / ${r.sequential.clusters}`],
      ],
    ),
    '',
    `The digest scan was **${results.scanVsSequential}×** faster than one cluster after another (its per-cluster time × ${SCAN_CLUSTERS.toLocaleString('en')} = ${ms(sequentialEstimate, 0)}). ` +
      `Palisade's CPU per digest: ${ms(median(r.runs.map((x) => x.cpuMs)), 0)} (median; ${r.runs.map((x) => Math.round(x.cpuMs)).join(', ')} ms). ` +
      `Peak RSS of the Palisade process over the whole run (all digests and the sample): **${mib(r.maxRssKb)}** (${mib(r.rssAtStart / 1024)} after start; ${mib(r.scanPeakRss / 1024)} sampled during the timed digests, of which V8 heap in use at most ${mib(r.scanHeapPeak / 1024)}` +
      (r.liveHeap ? `; live heap after a full GC: ${mib(r.liveHeap.atStart! / 1024)} at start, ${r.liveHeap.afterDigests.map((b) => mib(b / 1024)).join(', ')} after the digests). ` : '). ') +
      `ARM requests per recurring digest: ${results.armCallsPerDigest1000} (${r.runs.map((x) => x.armCalls).join(', ')} in the timed digests; ${kinds(r.runs[0])}); the first after start made ${r.first.armCalls}. ` +
      `The pacer held ${r.pacer.paced} requests back (${ms(r.pacer.pacedMs, 0)} in all); ARM answered 429 ${r.pacer.throttled} times. Informers running at the end: ${r.kubeCaches} (a fleet scan starts none).`,
    '',
    `How measured: \`bench/fleetWorld.ts\` copies \`aks-workshop\` (ARM resource, Kubernetes objects, node resource group's public IPs, load balancer and NSG) ${SCAN_CLUSTERS} times over ${SCAN_SUBSCRIPTIONS} subscriptions; ` +
      `the emulators run in their own process (\`sandbox:serve --latency-ms ${SCAN_LATENCY_MS}\`: ${SCAN_LATENCY_MS} ms before every ARM and Kubernetes answer, ARM throttling on); ` +
      'Palisade runs in another (`dist/bench/scanWorker.js`, plain node, production configuration from `sandbox:serve`): each digest first forgets the cluster list and every ARM read in memory and waits out Resource Graph’s 5 s quota window, untimed (digests are hours apart), ' +
      'lists the clusters and scans them as the scheduler does (each cluster’s reads start as soon as the Resource Graph cluster query answers, while the outbound-IP queries run; each posture is assessed from the complete cluster; per cluster 4 Kubernetes lists, Services, Ingresses, Namespaces and NetworkPolicies across namespaces, read as wire JSON and projected at once); ARM requests are counted by Palisade’s pacer, which sees every request and retry of every ARM client.',
    ...(problems.length ? ['', '**Problems:**', ...problems.map((p) => `- ${p}`)] : []),
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildProduction()
    .then(() => clusterScanSection())
    .then(
      (md) => {
        process.stdout.write(`${md}\n${JSON.stringify(results)}\n`);
        process.exit(0);
      },
      (err: unknown) => {
        process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
        process.exit(1);
      },
    );
}
