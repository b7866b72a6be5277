import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { build, type Plugin } from 'esbuild';
import { startSandbox, type Sandbox } from '@palisade/sandbox';
import { sandboxCredential } from '../../src/azure/credential.js';
import type { StoredPlan } from '../../src/approvals/types.js';
import { loadConfig } from '../../src/config.js';
import { openStoreFromConfig } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { ALICE, BOB, cardOf, tempDir, TENANT } from '../helpers/bot.js';
import { type FakeConnector, startFakeConnector } from '../helpers/connector.js';
import { spawnBot } from '../helpers/spawnBot.js';
import { waitUntil } from '../helpers/waitUntil.js';
import { chaosSeed, seeded, type Random } from './lib/random.js';
import { table, writeSection } from './lib/report.js';

/**
 * kill -9 at random points of a command's life, each followed by a Teams-style redelivery of the activity that was in
 * flight (same id): 0 lost commands, 0 plans without a card, 0 double applies. The emulated Azure outlives the bot
 * processes, as Azure outlives Palisade; two lanes (two bot processes, two clusters) run side by side.
 */

const KILLS = Number(process.env.CHAOS_KILLS ?? 50);
const SEED = chaosSeed(424242);
const LANES = [
  { cluster: 'aks-prod', subscriptionId: '22222222-2222-4222-8222-222222222222', resourceGroup: 'prod-rg', first: undefined as string | undefined, octet: 21 },
  { cluster: 'aks-workshop', subscriptionId: '11111111-1111-4111-8111-111111111111', resourceGroup: 'aksworkshop', first: '203.0.113.0/24', octet: 22 },
];

/** Where the kill lands: in the propose turn (at a random moment, or while its card is being posted), or in the apply (at a random moment, or while ARM handles the PUT). */
type Point = 'propose turn' | 'card post in flight' | 'apply' | 'ARM PUT being handled';
const POINTS: Point[] = ['propose turn', 'card post in flight', 'apply', 'ARM PUT being handled'];

interface Kill {
  lane: number;
  k: number;
  point: Point;
  /** The killed turn had not answered yet. */
  midTurn: boolean;
  plans: number;
  cards: number;
  applies: number;
  puts: number;
  landed: boolean;
}

/** Chooses when the kill lands (a random moment of the turn); nothing waits on it for a result. */
const killMomentAfter = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ROOT = path.resolve(import.meta.dirname, '../..');
/** The bot process, bundled once: a kill-and-restart loop pays node's start, not a TypeScript transform, per restart. */
const BUNDLE = path.join(ROOT, 'scratch/chaos/bot.mjs');
/** A bundle hoists restify's import above the code that keeps it loadable on Node 22+: that code is preloaded instead. */
const RESTIFY_COMPAT = path.join(ROOT, 'scratch/chaos/restifyCompat.mjs');
/** Modules find their files (card templates, example utterances) next to themselves: each keeps its own import.meta.url. */
const keepModuleUrls: Plugin = {
  name: 'keep-module-urls',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => ({
      contents: (await fs.promises.readFile(args.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: 'ts',
    }));
  },
};

describe('kill -9 at random points, then a Teams-style redelivery', () => {
  let sandbox: Sandbox;
  let connector: FakeConnector;
  const kills: Kill[] = [];
  const started = Date.now();
  const putsBy = new Map<string, number>();
  const onPut = new Map<string, () => void>();
  /** Per conversation: what to do while a send to it is in flight. */
  const holds = new Map<string, (req: { conversationId: string; activity: any }) => Promise<void>>();

  beforeAll(async () => {
    await build({
      entryPoints: [path.join(ROOT, 'test/chaos/lib/botProcess.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external',
      target: 'node20', conditions: ['source'], outfile: BUNDLE, logLevel: 'warning', plugins: [keepModuleUrls],
    });
    await build({ entryPoints: [path.join(ROOT, 'src/bot/restifyCompat.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: RESTIFY_COMPAT, logLevel: 'warning' });
    const dir = tempDir('palisade-kills-');
    sandbox = await startSandbox({ dataDir: dir, clientIp: '203.0.113.7', fast: true });
    sandbox.arm.settings.lroDurationMs = 1000; // a wider apply window to land kills in
    sandbox.arm.faults.onRequest = (method, p) => {
      const m = /managedClusters\/([^/?]+)\?/i.exec(p);
      if (method !== 'PUT' || !m) return;
      putsBy.set(m[1], (putsBy.get(m[1]) ?? 0) + 1);
      onPut.get(m[1])?.();
    };
    fs.writeFileSync(path.join(dir, 'ca.pem'), sandbox.tls.caPem);
    process.env.PALISADE_TEST_EMULATION = JSON.stringify({ armEndpoint: sandbox.arm.endpoint, graphUrl: sandbox.graph.baseUrl, caPemFile: path.join(dir, 'ca.pem'), subscriptionIds: sandbox.subscriptionIds });
    connector = await startFakeConnector();
    connector.holdSends(async (req) => holds.get(req.conversationId)?.(req));
  });
  /** Live state through the real SDK client, pointed at the emulated ARM. */
  const aks = (subscriptionId: string) => new ContainerServiceClient(sandboxCredential(), subscriptionId, { endpoint: sandbox.arm.endpoint, tlsOptions: { ca: sandbox.tls.caPem } });

  afterAll(async () => {
    await connector?.close();
    await sandbox?.close();
  });

  async function lane(index: number, r: Random, count: number): Promise<void> {
    const L = LANES[index];
    const dataDir = tempDir(`palisade-kill-lane${index}-`);
    const env = { PALISADE_DATA_DIR: dataDir };
    const store: Store = await openStoreFromConfig(loadConfig({ PALISADE_DATA_DIR: dataDir }));
    const conv = `conv-kill-${index}`;
    let bot = await spawnBot(env, BUNDLE, RESTIFY_COMPAT);
    let proposeMs = 300;
    const activity = (id: string, type: string, from: typeof ALICE, extra: Record<string, unknown>) => ({
      type, id, serviceUrl: connector.url, channelId: 'msteams', from, recipient: { id: '28:palisade' },
      conversation: { id: conv, conversationType: 'personal', tenantId: TENANT }, channelData: { tenant: { id: TENANT } }, ...extra,
    });
    const post = (body: unknown) => fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const respawn = async () => {
      await bot.kill();
      const t = Date.now();
      bot = await spawnBot(env, BUNDLE, RESTIFY_COMPAT);
      if (process.env.CHAOS_DEBUG) console.error(`lane ${index}: respawned in ${Date.now() - t} ms`);
    };
    const until = <T>(what: string, fn: () => Promise<T | undefined>, ms = 30_000): Promise<T> => waitUntil(fn, `lane ${index}: ${what}`, ms);
    const plansOf = async (turnKey: string) => (await store.list<StoredPlan>('plans')).map((p) => p.value).filter((p) => p.turnKey === turnKey);

    try {
      for (let k = 0; k < count; k++) {
        const range = k === 0 && L.first ? L.first : `${L.octet}.${k}.0.0/16`;
        const msg = activity(`kill-${index}-${k}`, 'message', ALICE, { text: `allowlist ${range} on ${L.cluster}` });
        const turnKey = `${conv}|${msg.id}`;
        const putsBefore = putsBy.get(L.cluster) ?? 0;
        const point = r.pick(POINTS);
        const iterationStart = Date.now();
        let midTurn = false;
        if (process.env.CHAOS_DEBUG) console.error(`lane ${index} k ${k}: ${point}`);

        // 1. the command, killed in its turn when the point says so, then delivered again with the same id
        if (point === 'propose turn' || point === 'card post in flight') {
          let answered = false;
          let killed: Promise<void> | undefined;
          if (point === 'card post in flight')
            holds.set(conv, async (req) => {
              if (!JSON.stringify(cardOf(req.activity) ?? {}).includes('"planId"')) return;
              holds.delete(conv);
              killed = bot.kill();
              await killed;
            });
          const turn = post(msg).then(() => (answered = true), () => undefined);
          if (point === 'propose turn') await killMomentAfter(r.int(0, proposeMs));
          else await until('the card post to kill on', async () => (killed ? true : undefined), 20_000);
          midTurn = !answered;
          await respawn();
          await turn;
        } else {
          const t0 = Date.now();
          await post(msg);
          proposeMs = Math.max(50, Math.round((proposeMs + (Date.now() - t0)) / 2));
        }
        await post(msg); // Teams delivers it again (a replay if the first delivery finished)

        const plan = await until('one plan with a card', async () => {
          const found = await plansOf(turnKey);
          return found.length === 1 && found[0].cardActivityId ? found[0] : undefined;
        });

        // 2. the approval, killed during its apply when the point says so, then delivered again with the same id
        const approve = activity(`kill-${index}-${k}-approve`, 'invoke', BOB, { name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'approve', data: { planId: plan.id } } } });
        if (point === 'apply') {
          await post(approve);
          await killMomentAfter(r.int(0, 1500));
          midTurn = true;
          await respawn();
          await post(approve);
        } else if (point === 'ARM PUT being handled') {
          const victim = bot;
          let killed: Promise<void> | undefined;
          onPut.set(L.cluster, () => {
            onPut.delete(L.cluster);
            killed = victim.kill(); // SIGKILL while ARM handles the write: the bot never hears the answer
          });
          await post(approve).catch(() => undefined);
          await until('the PUT to kill on', async () => (killed ? true : undefined));
          midTurn = true;
          await respawn();
          await post(approve);
        } else await post(approve);

        const done = await until('the plan applied', async () => {
          const p = (await plansOf(turnKey))[0];
          return p.state === 'applied' || p.state === 'failed' ? p : undefined;
        }, 60_000);
        // the apply's audit entry follows the state change
        const audit = await until('its audit entry', async () => {
          const entries = await store.readAudit({});
          return entries.some((a) => a.planId === plan.id && a.kind === 'apply') ? entries : undefined;
        });
        if (process.env.CHAOS_DEBUG) console.error(`lane ${index} k ${k}: done in ${Date.now() - iterationStart} ms`);
        const live = (await aks(L.subscriptionId).managedClusters.get(L.resourceGroup, L.cluster)).apiServerAccessProfile?.authorizedIPRanges ?? [];
        kills.push({
          lane: index, k, point, midTurn,
          plans: (await plansOf(turnKey)).length,
          cards: connector.sent.filter((s) => s.method === 'POST' && s.conversationId === conv && JSON.stringify(cardOf(s.activity) ?? {}).includes(`"planId":"${plan.id}"`)).length,
          applies: audit.filter((a) => a.planId === plan.id && a.kind === 'apply' && a.outcome === 'applied').length,
          puts: (putsBy.get(L.cluster) ?? 0) - putsBefore,
          landed: done.state === 'applied' && live.includes(range),
        });
      }
      // every plan this lane ever stored has a card
      const orphans = (await store.list<StoredPlan>('plans')).filter((p) => !p.value.cardActivityId);
      expect(orphans.map((p) => p.value.title)).toEqual([]);
    } finally {
      holds.delete(conv);
      await bot.stop();
      await store.close();
    }
  }

  it(`${KILLS} kills: 0 lost commands, 0 plans without a card, 0 double applies`, async () => {
    const r = seeded(SEED);
    const lanes = LANES.map((_, i) => seeded(Math.floor(r.next() * 2 ** 31) + i));
    const perLane = Math.ceil(KILLS / LANES.length);
    await Promise.all(LANES.map((_, i) => lane(i, lanes[i], perLane)));

    const lost = kills.filter((x) => x.plans !== 1 || !x.landed);
    const withoutCard = kills.filter((x) => x.cards < 1);
    const doubleApplies = kills.filter((x) => x.applies !== 1 || x.puts !== 1);
    const byPoint = POINTS.map((p) => {
      const xs = kills.filter((x) => x.point === p);
      return [p, xs.length, xs.filter((x) => x.midTurn).length, xs.filter((x) => x.cards > 1).length, xs.filter((x) => !x.landed).length];
    });
    writeSection(
      'kills',
      `### kill -9 and redelivery (seed ${SEED})

${kills.length} kills of a Palisade process (two lanes side by side, each on its own cluster, the emulated Azure outliving
the processes) in ${Math.round((Date.now() - started) / 1000)} s, each followed by a restart and a Teams-style redelivery of
the activity in flight (same id): **${lost.length} lost commands, ${withoutCard.length} plans without a card, ${doubleApplies.length} double applies**
(exactly one plan per command, one \`apply\` audit entry and one ARM PUT per plan).

${table(['kill point', 'kills', 'turn or apply still in flight', 'card posted twice', 'lost'], byPoint)}

A card posted twice: the process died after Teams stored the card and before Palisade recorded its id; the redelivery
posts it again. Both copies carry the same plan id, so either one approves the one plan.
`,
    );
    expect(kills.length).toBeGreaterThanOrEqual(KILLS);
    expect(kills.filter((x) => x.point === 'propose turn' || x.point === 'card post in flight').length).toBeGreaterThan(0);
    expect(lost).toEqual([]);
    expect(withoutCard).toEqual([]);
    expect(doubleApplies).toEqual([]);
  }, 900_000);
});
