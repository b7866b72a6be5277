import { startFakeConnector, type FakeConnector } from '../test/helpers/connector.js';
import { startEchoBot } from './echoBot.js';
import { results } from './results.js';
import { ms, progress, ReplyWatcher, runLoad, setSandboxLatency, startBenchPalisade, summarize, table, type LoadResult } from './lib.js';

export const EMULATOR_LATENCIES_MS = [0, 20];
/** In flight → rounds per conversation; about 200 and 1000 turns, enough for a p99 within a few minutes on 2 cores. */
export const LOADS: Array<{ conversations: number; rounds: number }> = [
  { conversations: 1, rounds: 200 },
  { conversations: 50, rounds: 20 },
];

/** A status reply is the posture card of the default sandbox cluster. */
export const isStatusCard = (reply: any) => JSON.stringify(reply?.attachments ?? []).includes('Security posture of aks-workshop');

interface Target {
  name: string;
  url: string;
  connector: FakeConnector;
  watcher: ReplyWatcher;
  check: (reply: any) => boolean;
}

function load(t: Target, label: string, conversations: number, rounds: number): Promise<LoadResult> {
  return runLoad({ botUrl: t.url, connector: t.connector, watcher: t.watcher, label, conversations, rounds, text: 'status', check: t.check });
}

/** Section 1: `status` turn latency, Palisade (in-process, sandbox) beside a bare echo bot under the same load. */
export async function turnLatencySection(): Promise<string> {
  const [palisadeConnector, echoConnector] = await Promise.all([startFakeConnector(), startFakeConnector()]);
  const palisade = await startBenchPalisade(0);
  const echo = await startEchoBot();
  const targets: Target[] = [
    { name: 'palisade', url: palisade.app.url, connector: palisadeConnector, watcher: new ReplyWatcher(palisadeConnector), check: isStatusCard },
    { name: 'echo', url: echo.url, connector: echoConnector, watcher: new ReplyWatcher(echoConnector), check: (r) => r?.text === 'status' },
  ];
  const rows: string[][] = [];
  const problems: string[] = [];
  try {
    // Warm-up, not recorded: JIT, TLS sessions to the emulators, the cluster list and Kubernetes client caches.
    for (const t of targets) await load(t, 'warmup', 10, 3);
    for (const latency of EMULATOR_LATENCIES_MS) {
      setSandboxLatency(palisade.app, latency);
      for (const { conversations, rounds } of LOADS) {
        const runs: Record<string, LoadResult> = {};
        for (const t of targets) {
          progress(`turn latency: ${t.name}, emulator ${latency} ms, ${conversations} in flight × ${rounds} rounds`);
          runs[t.name] = await load(t, `${t.name}-${latency}-${conversations}`, conversations, rounds);
          const r = runs[t.name];
          if (r.errors) problems.push(`${t.name}, emulator ${latency} ms, ${conversations} in flight: ${r.errors} failed turns (first: ${r.firstError})`);
        }
        const p = summarize(runs.palisade.latencies);
        const e = summarize(runs.echo.latencies);
        const rate = (r: LoadResult) => ((r.latencies.length / r.wallMs) * 1000).toFixed(0);
        if (latency === 0 && conversations === 1) results.statusVsEcho = Math.round((p.median / e.median) * 100) / 100;
        if (latency === 0 && conversations === 50) results.throughputVsEcho50 = Math.round((Number(rate(runs.palisade)) / Number(rate(runs.echo))) * 100) / 100;
        rows.push([
          `${latency} ms`,
          String(conversations),
          ms(p.median),
          ms(p.p99),
          ms(e.median),
          ms(e.p99),
          `${rate(runs.palisade)} / ${rate(runs.echo)}`,
          `${p.n} / ${e.n}`,
        ]);
      }
    }
    // a `status` repeated within the freshness window: every API call that reaches the emulators (watches excluded);
    // the turn before it starts the window (entries read during the loads above may just have aged out)
    await load(targets[0], 'warm-api-calls-before', 1, 1);
    const arm = palisade.app.sandbox!.arm.faults.record();
    let kubeCalls = 0;
    palisade.app.sandbox!.kube.setInterceptor((req) => {
      if (!/[?&]watch=/.test(req.query)) kubeCalls++;
      return undefined;
    });
    await load(targets[0], 'warm-api-calls', 1, 1);
    palisade.app.sandbox!.kube.setInterceptor(undefined);
    palisade.app.sandbox!.arm.faults.recorded = undefined;
    results.warmStatusApiCalls = arm.length + kubeCalls;
    for (const t of targets) if (t.watcher.strays) problems.push(`${t.name}: ${t.watcher.strays} messages arrived that no turn was waiting for`);
  } finally {
    setSandboxLatency(palisade.app, 0);
    await Promise.all(targets.map((t) => t.watcher.stop()));
    await echo.close();
    await palisade.close();
    await Promise.all([palisadeConnector.close(), echoConnector.close()]);
  }
  return [
    '## 1. `status` turn latency',
    '',
    table(
      ['Emulator latency per call', 'Conversations in flight', 'Palisade median', 'Palisade p99', 'Echo bot median', 'Echo bot p99', 'Turns/s (Palisade / echo)', 'Turns measured (Palisade / echo)'],
      rows,
    ),
    '',
    problems.length ? ['**Problems:**', ...problems.map((p) => `- ${p}`)].join('\n') : 'Every turn got exactly one correct reply (Palisade: the posture card of aks-workshop; echo: the text back).',
  ].join('\n');
}
