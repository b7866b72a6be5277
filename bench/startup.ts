import fs from 'node:fs';
import { startFakeConnector } from '../test/helpers/connector.js';
import { isStatusCard } from './latency.js';
import { memoryOf, mib, ms, progress, ReplyWatcher, runLoad, sleep, spawnServer, summarize, table, tempDir, type ChildServer } from './lib.js';

const COLD_RUNS = 3;
export const SETTLE_MS = 3_000;

interface Subject {
  name: string;
  entry: string;
  /** Fresh environment per start; Palisade gets a new data dir, so the sandbox seeds and makes its TLS certs again. */
  env(): { env: Record<string, string>; cleanup(): void };
  check: (reply: any) => boolean;
}

const SUBJECTS: Subject[] = [
  {
    name: 'Palisade (`src/main.ts`, sandbox)',
    entry: 'src/main.ts',
    env() {
      const dir = tempDir();
      return {
        env: { PALISADE_DATA_DIR: dir, PALISADE_PLAYGROUND: 'false', PALISADE_SANDBOX_LATENCY_MS: '0' },
        cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
      };
    },
    check: isStatusCard,
  },
  {
    name: 'Echo bot (`bench/echoBot.ts`)',
    entry: 'bench/echoBot.ts',
    env: () => ({ env: {}, cleanup: () => undefined }),
    check: (r) => r?.text === 'status',
  },
];

async function start(subject: Subject): Promise<ChildServer & { cleanup(): void }> {
  const { env, cleanup } = subject.env();
  try {
    const server = await spawnServer(subject.entry, env);
    return {
      ...server,
      cleanup,
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

/** Section 2: spawn → first 200 from /healthz, median of 3 (after one untimed start that warms the tsx cache). */
export async function coldStartSection(): Promise<string> {
  const rows: string[][] = [];
  for (const subject of SUBJECTS) {
    progress(`cold start: ${subject.name}, 1 untimed + ${COLD_RUNS} timed`);
    await (await start(subject)).stop();
    const times: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      const s = await start(subject);
      times.push(s.readyMs);
      await s.stop();
    }
    rows.push([subject.name, ms(summarize(times).median, 0), times.map((t) => t.toFixed(0)).join(', ')]);
  }
  return ['## 2. Cold start to ready', '', table(['Process', 'Median', 'Runs (ms)'], rows)].join('\n');
}

/** Section 3: idle RSS of each bot as a child process, after start and after 50 conversations × 20 `status` turns. */
export async function memorySection(): Promise<string> {
  const rows: string[][] = [];
  const notes: string[] = [];
  const connector = await startFakeConnector();
  const watcher = new ReplyWatcher(connector);
  try {
    for (const subject of SUBJECTS) {
      progress(`memory: ${subject.name}`);
      const s = await start(subject);
      try {
        const pid = s.child.pid!;
        await sleep(SETTLE_MS);
        const idle = memoryOf(pid);
        const r = await runLoad({ botUrl: s.url, connector, watcher, label: `rss-${subject.entry}`, conversations: 50, rounds: 20, text: 'status', check: subject.check });
        await sleep(SETTLE_MS);
        const after = memoryOf(pid);
        const lat = summarize(r.latencies);
        rows.push([subject.name, mib(idle.rssKb), mib(after.rssKb), mib(after.hwmKb)]);
        notes.push(
          `- ${subject.name}, out of process: ${lat.n} turns, median ${ms(lat.median)}, p99 ${ms(lat.p99)}` +
            (r.errors ? `, **${r.errors} failed** (first: ${r.firstError})` : ''),
        );
      } finally {
        await s.stop();
      }
    }
    if (watcher.strays) notes.push(`- ${watcher.strays} messages arrived that no turn was waiting for`);
  } finally {
    await watcher.stop();
    await connector.close();
  }
  return [
    '## 3. Memory (resident set size)',
    '',
    table(['Process', `Idle after start (+${SETTLE_MS / 1000} s)`, `Idle after load (+${SETTLE_MS / 1000} s)`, 'Peak (VmHWM)'], rows),
    '',
    'The load between the two readings (50 conversations × 20 `status` turns, emulator latency 0 ms), timed from outside',
    'the bot process, for comparison with section 1:',
    '',
    ...notes,
  ].join('\n');
}
