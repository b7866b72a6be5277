// Where a `status` turn's CPU goes: `npx tsx --conditions=source bench/profileStatus.ts [turns=300] [out.cpuprofile] [inFlight=1]`
// profiles (node:inspector) only the timed turns of Palisade in this process (sandbox, reads from memory) after a
// warm-up, `inFlight` conversations at once (50: the throughput load); scripts/cpuprofile-summary.mjs sums the file per package.
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import { startFakeConnector } from '../test/helpers/connector.js';
import { isStatusCard } from './latency.js';
import { progress, ReplyWatcher, runLoad, startBenchPalisade } from './lib.js';

const turns = Number(process.argv[2] ?? 300);
const out = process.argv[3] ?? 'status-turns.cpuprofile';
const inFlight = Math.max(1, Number(process.argv[4] ?? 1));
const connector = await startFakeConnector();
const palisade = await startBenchPalisade(0);
const watcher = new ReplyWatcher(connector);
const load = (label: string, conversations: number, rounds: number) =>
  runLoad({ botUrl: palisade.app.url, connector, watcher, label, conversations, rounds, text: 'status', check: isStatusCard });
await load('warmup', 10, 5);
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const r = await load('profiled', inFlight, Math.max(1, Math.round(turns / inFlight)));
const { profile } = await session.post('Profiler.stop');
fs.writeFileSync(out, JSON.stringify(profile));
progress(`${r.latencies.length} turns (${r.errors} failed) profiled into ${out}`);
await watcher.stop();
await palisade.close();
await connector.close();
process.exit(0);
