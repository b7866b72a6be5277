// Section 4 (issue 8): a posture scan of 100 sandbox clusters at 20 ms per emulated API call, the digest scheduler's
// bounded-concurrency scan beside a sequential loop, and the bench process's peak RSS meanwhile.
// Alone: `npx tsx bench/scan.ts` prints just this section and leaves BENCHMARKS.md alone.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SCAN_CONCURRENCY, scanClusters } from '../src/digest/scan.js';
import type { ClusterInfo } from '../src/domain.js';
import type { Posture } from '../src/posture/assess.js';
import { seedWorld, stableUuid } from '@palisade/sandbox/seed/index.js';
import type { WorldState } from '@palisade/sandbox/world.js';
import { mib, ms, progress, setSandboxLatency, startBenchPalisade, summarize, table } from './lib.js';

export const SCAN_CLUSTERS = 100;
export const SCAN_LATENCY_MS = 20;
/** Timed runs per way of scanning, interleaved; the table shows the median. */
export const SCAN_RUNS = 3;
const RSS_SAMPLE_MS = 50;
const TEMPLATE = 'aks-workshop';

/**
 * The seeded world plus copies of `aks-workshop` (ARM resource, Kubernetes objects, node resource group's public IPs,
 * load balancer and NSG) named aks-scan-001… in the same subscription and resource group, up to `total` clusters.
 */
export function worldWithClusters(total: number): WorldState {
  const state = seedWorld();
  const template = state.clusters.find((c) => c.name === TEMPLATE);
  if (!template) throw new Error(`the seed has no ${TEMPLATE}`);
  const nodeRg = String(template.resource.properties.nodeResourceGroup);
  const nodeRgPrefix = `/subscriptions/${template.subscriptionId}/resourcegroups/${nodeRg}/`.toLowerCase();
  const templateNetwork = Object.values(state.network).filter((r) => String(r.id).toLowerCase().startsWith(nodeRgPrefix));
  // every place the template's name occurs is its own: resource id, dnsPrefix/FQDNs, node resource group, network ids
  const renamed = <T>(value: T, name: string): T => JSON.parse(JSON.stringify(value).replaceAll(TEMPLATE, name)) as T;
  for (let i = 1; state.clusters.length < total; i++) {
    const name = `aks-scan-${String(i).padStart(3, '0')}`;
    const clone = renamed(template, name);
    clone.resource.eTag = stableUuid(`etag|${clone.resource.id}|0`);
    const expectedId = String(template.resource.id).replace(/\/managedClusters\/[^/]+$/, `/managedClusters/${name}`);
    if (clone.name !== name || clone.resource.name !== name || clone.resource.id !== expectedId || clone.resource.properties.nodeResourceGroup === nodeRg) {
      throw new Error(`could not rename a copy of ${TEMPLATE} to ${name}`);
    }
    state.clusters.push(clone);
    for (const r of templateNetwork) {
      const copy = renamed(r, name);
      state.network[String(copy.id).toLowerCase()] = copy;
    }
  }
  return state;
}

/** process.memoryUsage().rss every 50 ms: the peak over the whole section and over the current phase. */
class RssSampler {
  peak = 0;
  private phasePeak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.sample();
    this.timer = setInterval(() => this.sample(), RSS_SAMPLE_MS);
  }

  sample(): number {
    const rss = process.memoryUsage().rss;
    this.peak = Math.max(this.peak, rss);
    this.phasePeak = Math.max(this.phasePeak, rss);
    return rss;
  }

  /** Starts a phase; returns the peak since the previous call. */
  phase(): number {
    const peak = Math.max(this.phasePeak, this.sample());
    this.phasePeak = 0;
    return peak;
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }
}

/** Every area was read: no "could not read this area" finding (Kubernetes or Defender unreachable). */
const scannedOk = (p: Posture) => p.areas.every((a) => a.findings.every((f) => !f.id.endsWith('.unreachable')));

interface Way {
  name: string;
  concurrency: string;
  scan(): Promise<Posture[]>;
  wallMs: number[];
  ok: number[];
  peakRss: number;
}

/** Section 4: wall time of one posture scan over 100 sandbox clusters, bounded concurrency vs one at a time. */
export async function clusterScanSection(): Promise<string> {
  const rss = new RssSampler();
  const rssAtStart = rss.sample();
  const problems: string[] = [];
  let clusters: ClusterInfo[] = [];
  let coldMs = NaN;
  const ways: Way[] = [];
  try {
    progress(`cluster scan: building a sandbox with ${SCAN_CLUSTERS} clusters`);
    const palisade = await startBenchPalisade(0, { world: worldWithClusters(SCAN_CLUSTERS) });
    try {
      const scanner = palisade.app.services.posture;
      // the cluster list the scheduler scans comes from ARM; read it before the latency so only the scan is timed
      clusters = await palisade.app.services.clusters.list();
      if (clusters.length !== SCAN_CLUSTERS) problems.push(`ARM listed ${clusters.length} clusters, expected ${SCAN_CLUSTERS}`);
      setSandboxLatency(palisade.app, SCAN_LATENCY_MS);
      const asList = (m: Map<string, Posture>) => [...m.values()];
      ways.push(
        {
          name: '`scanClusters` (digest scheduler)',
          concurrency: `${DEFAULT_SCAN_CONCURRENCY} (default)`,
          scan: async () => asList(await scanClusters(scanner, clusters, { concurrency: DEFAULT_SCAN_CONCURRENCY })),
          wallMs: [],
          ok: [],
          peakRss: 0,
        },
        {
          name: 'Sequential loop (`for … await scanner.scan(c)`)',
          concurrency: '1',
          scan: async () => {
            const out: Posture[] = [];
            for (const c of clusters) out.push(await scanner.scan(c));
            return out;
          },
          wallMs: [],
          ok: [],
          peakRss: 0,
        },
        {
          name: '`scanClusters`, concurrency 1 (Defender still once per subscription)',
          concurrency: '1',
          scan: async () => asList(await scanClusters(scanner, clusters, { concurrency: 1 })),
          wallMs: [],
          ok: [],
          peakRss: 0,
        },
      );
      // Warm-up, not in the table: JIT, TLS sessions, and each cluster's user kubeconfig + AKS token (cached 5 min).
      progress(`cluster scan: warm-up scan of ${clusters.length} clusters at ${SCAN_LATENCY_MS} ms per call`);
      const t0 = performance.now();
      const warm = await ways[0].scan();
      coldMs = performance.now() - t0;
      const warmOk = warm.filter(scannedOk).length;
      if (warmOk !== clusters.length) problems.push(`warm-up: ${clusters.length - warmOk} of ${clusters.length} clusters could not be read`);
      const reference = warm.find((p) => p.cluster.name === TEMPLATE)?.score;
      const odd = warm.filter((p) => p.cluster.name.startsWith('aks-scan-') && p.score !== reference);
      if (odd.length) problems.push(`${odd.length} copies of ${TEMPLATE} scored differently from it (${reference}), e.g. ${odd[0].cluster.name}: ${odd[0].score}`);

      for (let run = 1; run <= SCAN_RUNS; run++) {
        for (const way of ways) {
          progress(`cluster scan: run ${run}/${SCAN_RUNS}, ${way.name}`);
          rss.phase();
          const started = performance.now();
          const postures = await way.scan();
          way.wallMs.push(performance.now() - started);
          way.peakRss = Math.max(way.peakRss, rss.phase());
          way.ok.push(postures.filter(scannedOk).length);
        }
      }
    } finally {
      setSandboxLatency(palisade.app, 0);
      await palisade.close();
    }
  } finally {
    rss.stop();
  }

  const rows = ways.map((w) => {
    const median = summarize(w.wallMs).median;
    return [
      w.name,
      w.concurrency,
      ms(median, 0),
      w.wallMs.map((t) => t.toFixed(0)).join(', '),
      ms(median / clusters.length),
      `${Math.min(...w.ok)} / ${clusters.length}`,
      mib(w.peakRss / 1024),
    ];
  });
  for (const w of ways) {
    const worst = Math.min(...w.ok);
    if (worst !== clusters.length) problems.push(`${w.name}: in one run only ${worst} of ${clusters.length} clusters were read completely`);
  }
  const [bounded, sequential] = ways.map((w) => summarize(w.wallMs).median);
  return [
    `## 4. Posture scan of ${SCAN_CLUSTERS} sandbox clusters`,
    '',
    table(['Scan', 'Concurrency', `Wall time (median of ${SCAN_RUNS})`, 'Runs (ms)', 'Per cluster', 'Clusters scanned OK (worst run)', 'Peak RSS during these runs'], rows),
    '',
    `Bounded concurrency was ${(sequential / bounded).toFixed(1)}× faster than the sequential loop. ` +
      `Peak RSS of the bench process during the section: ${mib(rss.peak / 1024)}; it was ${mib(rssAtStart / 1024)} when the section began (before the ${SCAN_CLUSTERS}-cluster sandbox was built, ` +
      `including whatever earlier sections left on the heap) and at most ${mib(Math.max(...ways.map((w) => w.peakRss)) / 1024)} during the timed scans. ` +
      `The untimed warm-up scan, which also fetched every cluster's user kubeconfig and AKS token, took ${ms(coldMs, 0)}.`,
    '',
    `How measured: in the bench process, Palisade (\`startBenchPalisade\`, sandbox) starts from the seeded world plus ${SCAN_CLUSTERS - 2} renamed copies of ` +
      `\`aks-workshop\` (its ARM resource, Kubernetes objects and node-resource-group network resources) beside \`aks-prod\`, the ${SCAN_CLUSTERS} \`ClusterInfo\`s come from ARM ` +
      `at 0 ms, then with ${SCAN_LATENCY_MS} ms before every ARM and Kubernetes emulator answer and after one untimed warm-up scan, each way of scanning is timed ${SCAN_RUNS} times, ` +
      `interleaved, from the call to the last \`Posture\` with \`app.services.posture\` (\`scanClusters\` reads Defender once per subscription, \`scanner.scan\` once per cluster), ` +
      `"scanned OK" means no area reported "could not read", and RSS is \`process.memoryUsage().rss\` sampled every ${RSS_SAMPLE_MS} ms.`,
    ...(problems.length ? ['', '**Problems:**', ...problems.map((p) => `- ${p}`)] : []),
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  clusterScanSection().then(
    (md) => {
      process.stdout.write(`${md}\n`);
      process.exit(0); // keep-alive sockets to the closed emulators may linger
    },
    (err: unknown) => {
      process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
}
