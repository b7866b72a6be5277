import fs from 'node:fs';
import { DIST_ECHO, DIST_MAIN, startEmulatorProcess, type EmulatorProcess } from './production.js';
import { results } from './results.js';
import { memoryOf, mib, ms, progress, sleep, spawnServer, summarize, table, tempDir, type ChildServer } from './lib.js';

const COLD_RUNS = 5;
export const SETTLE_MS = 3_000;

interface Subject {
  name: string;
  entry: string;
  /** Fresh environment per start; Palisade gets a new data dir (a new SQLite store) each time. */
  env(emulators: EmulatorProcess): { env: Record<string, string>; cleanup(): void };
}

const SUBJECTS: Subject[] = [
  {
    name: 'Palisade (`node dist/main.js`, NODE_ENV=production)',
    entry: DIST_MAIN,
    env(emulators) {
      const dir = tempDir();
      return { env: { ...emulators.env, PALISADE_DATA_DIR: dir }, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'Echo bot (`node dist/bench/echoBot.js`)',
    entry: DIST_ECHO,
    env: () => ({ env: {}, cleanup: () => undefined }),
  },
];

async function start(subject: Subject, emulators: EmulatorProcess, readyPath = '/healthz'): Promise<ChildServer> {
  const { env, cleanup } = subject.env(emulators);
  try {
    const server = await spawnServer(subject.entry, env, { plainNode: true, readyPath });
    return {
      ...server,
      stop: async () => {
        await server.stop();
        cleanup();
      },
    };
  } catch (e) {
    cleanup();
    throw e;
  }
}

/**
 * Sections 2 and 3 on the production build, the emulators in another process: cold start (spawn → first 200 from
 * /healthz; Palisade also to /readyz) and idle RSS, beside the echo bot, interleaved run by run.
 */
export async function startupSections(): Promise<string[]> {
  const dataDir = tempDir();
  const emulators = await startEmulatorProcess(dataDir);
  try {
    const times = new Map<Subject, number[]>(SUBJECTS.map((s) => [s, []]));
    const readyz: number[] = [];
    progress(`cold start: production Palisade and echo bot, 1 untimed + ${COLD_RUNS} timed each, interleaved`);
    for (const s of SUBJECTS) await (await start(s, emulators)).stop();
    for (let i = 0; i < COLD_RUNS; i++) {
      for (const s of SUBJECTS) {
        const server = await start(s, emulators);
        times.get(s)!.push(server.readyMs);
        await server.stop();
      }
      const r = await start(SUBJECTS[0], emulators, '/readyz');
      readyz.push(r.readyMs);
      await r.stop();
    }
    const [palisadeCold, echoCold] = SUBJECTS.map((s) => summarize(times.get(s)!).median);
    results.coldStartVsEcho = round(palisadeCold / echoCold);
    results.coldStartMs = { palisade: Math.round(palisadeCold), echo: Math.round(echoCold), palisadeReadyz: Math.round(summarize(readyz).median) };

    progress('memory: idle RSS of production Palisade and the echo bot');
    const rss: Array<{ rssKb: number; hwmKb: number }> = [];
    for (const s of SUBJECTS) {
      const server = await start(s, emulators, s === SUBJECTS[0] ? '/readyz' : '/healthz');
      try {
        await sleep(SETTLE_MS);
        rss.push(memoryOf(server.child.pid!));
      } finally {
        await server.stop();
      }
    }
    results.idleRssVsEcho = round(rss[0].rssKb / rss[1].rssKb);
    results.idleRssMiB = { palisade: Math.round(rss[0].rssKb / 1024), echo: Math.round(rss[1].rssKb / 1024) };

    const cold = [
      '## 2. Cold start to ready (production build)',
      '',
      table(
        ['Process', 'Median', 'Runs (ms)'],
        SUBJECTS.map((s) => [s.name, ms(summarize(times.get(s)!).median, 0), times.get(s)!.map((t) => t.toFixed(0)).join(', ')]),
      ),
      '',
      `Palisade / echo: **${results.coldStartVsEcho}×** (to \`/healthz\`). Palisade to \`/readyz\` 200 (engine mounted, store read, an Azure token from the emulated Entra ID): ${ms(summarize(readyz).median, 0)} median (${readyz.map((t) => t.toFixed(0)).join(', ')}).`,
    ].join('\n');
    const mem = [
      '## 3. Memory at idle (production build)',
      '',
      table(['Process', `RSS ${SETTLE_MS / 1000} s after ready`, 'Peak (VmHWM)'], SUBJECTS.map((s, i) => [s.name, mib(rss[i].rssKb), mib(rss[i].hwmKb)])),
      '',
      `Palisade / echo: **${results.idleRssVsEcho}×**. The emulators (ARM, Kubernetes, Entra ID) run in their own process (\`sandbox:serve\`) and are not counted.`,
    ].join('\n');
    return [cold, mem];
  } finally {
    await emulators.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const round = (v: number) => Math.round(v * 100) / 100;
