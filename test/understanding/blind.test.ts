// The blind corpus (test/understanding/blind/*.yaml): sentences written without seeing the understanding step's
// examples, read by the same entry point the bot uses for free text, against the sandbox's live inventory.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import type { Palisade } from '../../src/palisade.js';
import { inventoryFrom } from '../../src/bot/inventory.js';
import { parse } from '../../src/commands/grammar.js';
import { read } from '../../src/understanding/understand.js';
import { SnapshotCache } from '../../src/understanding/snapshotCache.js';
import { startOnSandbox } from '../helpers/sandbox.js';
import { tempDir } from '../helpers/bot.js';
import { type BlindLine, type FileScore, type World, dataProblems, judge, readBlindFile, report, sameCommand, summarise } from './blind/score.js';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'blind');
// holdout.yaml is kept away while the step is improved; dev2…dev7 are a second to seventh writer's sets, read by class, never copied
const FILES = {
  dev: readBlindFile(path.join(DIR, 'dev.yaml')),
  dev2: readBlindFile(path.join(DIR, 'dev2.yaml')),
  dev3: readBlindFile(path.join(DIR, 'dev3.yaml')),
  dev4: readBlindFile(path.join(DIR, 'dev4.yaml')),
  dev5: readBlindFile(path.join(DIR, 'dev5.yaml')),
  dev6: readBlindFile(path.join(DIR, 'dev6.yaml')),
  // a seventh writer's dictated voice (voice-to-text on a phone), read by class
  dev7: readBlindFile(path.join(DIR, 'dev7-dictated.yaml')),
  // an eighth writer's set (voices architect/pm/esl/terse/runbook/helpdesk), read by class
  dev8: readBlindFile(path.join(DIR, 'dev8.yaml')),
  // a seventh (the rest of its voices), a ninth and a tenth writer's sets, each measured fresh first, then read by class
  dev7b: readBlindFile(path.join(DIR, 'dev7.yaml')),
  dev9: readBlindFile(path.join(DIR, 'dev9.yaml')),
  dev10: readBlindFile(path.join(DIR, 'dev10.yaml')),
  dev13: readBlindFile(path.join(DIR, 'dev13.yaml')),
  dev15: readBlindFile(path.join(DIR, 'dev15.yaml')),
  // a fourteenth (mobile/ticket/devlead/student/consultant/tired) and a sixteenth (polite/blunt/questioner/storyteller/handover/exec) writer, measured fresh first
  dev14: readBlindFile(path.join(DIR, 'dev14.yaml')),
  dev16: readBlindFile(path.join(DIR, 'dev16.yaml')),
  // an eighteenth (networker/appowner/incident/emoji/precise/vague) and a nineteenth (indian/german/cliuser/checklist/boss/worried) writer, measured fresh first
  dev18: readBlindFile(path.join(DIR, 'dev18.yaml')),
  dev19: readBlindFile(path.join(DIR, 'dev19.yaml')),
};
/** Floors of the exact share per set (holdout is measured, never tuned to). */
const EXACT_AT_LEAST: Record<keyof typeof FILES, number> = { dev: 0.96, dev2: 0.91, dev3: 0.92, dev4: 0.93, dev5: 0.88, dev6: 0.93, dev7: 0.9, dev8: 0.93, dev7b: 0.93, dev9: 0.86, dev10: 0.96, dev13: 0.97, dev15: 0.9, dev14: 0.93, dev16: 0.94, dev18: 0.89, dev19: 0.97 };

let app: Palisade;
let world: World;
const scores: Partial<Record<keyof typeof FILES, FileScore>> = {};

/**
 * The snapshot the bot reads a message against (built as src/bot/app.ts builds it), in a conversation with no
 * default of its own: the sandbox's aks-workshop. aks-private's API server is private, so its names are unknown.
 */
async function liveWorld(p: Palisade): Promise<World> {
  // the test waits for every reachable cluster's names (the bot's 1.5 s deadline would make a busy machine's score lower)
  const snapshot = await new SnapshotCache(inventoryFrom(p.services), 300_000, 120_000).snapshot('conv-blind-corpus');
  const subscriptionOf = Object.fromEntries((await p.services.clusters.list()).map((c) => [c.name, c.subscriptionId]));
  const subscriptionIds = Object.fromEntries((await p.services.subscriptions.all()).flatMap((s) => [[s.name.toLowerCase(), s.id], [s.id.toLowerCase(), s.id]]));
  return { snapshot, subscriptionOf, subscriptionIds };
}

function score(lines: BlindLine[]): FileScore {
  return summarise(
    lines.map((line) => {
      const got = read(line.text, world.snapshot);
      return { line, got, verdict: judge(line, got, world), grammar: parse(line.text).ok };
    }),
  );
}

beforeAll(async () => {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', PALISADE_DATA_DIR: tempDir('palisade-blind-'), PALISADE_PLAYGROUND: 'false', LOG_LEVEL: 'silent' });
  app = await startOnSandbox({ config, log: createLogger(config.logLevel) });
  world = await liveWorld(app);
  for (const name of Object.keys(FILES) as Array<keyof typeof FILES>) {
    scores[name] = score(FILES[name]);
    process.stdout.write(report(name, scores[name]));
  }
});

afterAll(async () => {
  await app?.close();
});

describe('the blind corpus', () => {
  it('is valid data: every command parses, write says whether it proposes a change, ≥ 320 lines split about 60/40', () => {
    expect(dataProblems([...FILES.dev])).toEqual([]);
    expect(dataProblems([...FILES.dev2])).toEqual([]);
    expect(dataProblems([...FILES.dev3])).toEqual([]);
    expect(dataProblems([...FILES.dev4])).toEqual([]);
    expect(dataProblems([...FILES.dev5])).toEqual([]);
    expect(dataProblems([...FILES.dev6])).toEqual([]);
    expect(dataProblems([...FILES.dev7])).toEqual([]);
    expect(dataProblems([...FILES.dev8])).toEqual([]);
    expect(dataProblems([...FILES.dev7b])).toEqual([]);
    expect(dataProblems([...FILES.dev9])).toEqual([]);
    expect(dataProblems([...FILES.dev10])).toEqual([]);
    expect(dataProblems([...FILES.dev13])).toEqual([]);
    expect(dataProblems([...FILES.dev15])).toEqual([]);
    expect(dataProblems([...FILES.dev14])).toEqual([]);
    expect(dataProblems([...FILES.dev16])).toEqual([]);
    expect(dataProblems([...FILES.dev18])).toEqual([]);
    expect(dataProblems([...FILES.dev19])).toEqual([]);
  });

  it('is read against the sandbox: four clusters, the workshop cluster by default, names from each', () => {
    expect(world.snapshot.clusters.sort()).toEqual(['aks-cilium', 'aks-private', 'aks-prod', 'aks-workshop']);
    expect(world.snapshot.defaultCluster).toBe('aks-workshop');
    expect(world.snapshot.inventories['aks-workshop'].items.map((i) => i.name)).toContain('ratings-web');
    expect(world.snapshot.inventories['aks-cilium'].items.map((i) => `${i.namespace}/${i.name}`)).toContain('shop/web');
  });

  it('compares readings by meaning, and still tells different changes apart', () => {
    const same = (a: string, b: string) => sameCommand(a, b, world);
    expect(same('restrict ratings-web to 198.51.100.7', 'restrict ratings-web to 198.51.100.7/32 in ratingsapp on aks-workshop')).toBe(true);
    expect(same('can ratings-api reach kube-dns on 53/udp', 'can ratingsapp/deployment/ratings-api reach kube-system/kube-dns on 53/udp')).toBe(true);
    expect(same('defender status on aks-private', 'defender status')).toBe(true); // one subscription
    expect(same('trend on aks-prod', 'trend on aks-prod for 30d')).toBe(true);
    expect(same('make ratings-web internal', 'make ratings-web internal on aks-prod')).toBe(false);
    expect(same('allowlist 203.0.113.7', 'allowlist 203.0.113.8')).toBe(false);
    expect(same('zero-trust ratingsapp', 'zero-trust ratingsapp force')).toBe(false);
    expect(same('can coredns reach internet over udp', 'can coredns reach internet')).toBe(false);
    expect(same('defender status on aks-prod', 'defender status')).toBe(false);
    const line = { text: "don't disable the ranges", expect: 'lost', write: false, intent: 'danger', voice: 'lead' };
    expect(judge(line, { kind: 'sure', command: 'disable ip ranges', intent: 'ipRangesDisable', score: 1 }, world)).toBe('wrong write');
    expect(judge(line, { kind: 'sure', command: 'ip ranges', intent: 'ipRanges', score: 1 }, world)).toBe('sure (ask or lost expected)');
    expect(judge(line, { kind: 'lost', reply: '', suggestions: [], score: 0 }, world)).toBe('exact');
  });

  it.each(Object.keys(FILES) as Array<keyof typeof FILES>)('%s.yaml: no utterance becomes a different change, and enough are read exactly', (name) => {
    const s = scores[name]!;
    expect(s.wrongWrites.map((w) => `${w.line.text} → ${w.got.kind === 'sure' ? w.got.command : w.got.kind}`)).toEqual([]);
    expect(s.exact / s.total).toBeGreaterThanOrEqual(EXACT_AT_LEAST[name]);
  });

});
