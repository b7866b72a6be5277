import { describe, expect, it } from 'vitest';
import { parse, SPECS } from '../../src/commands/grammar.js';
import { loadIntents } from '../../src/understanding/intents.js';
import { SnapshotCache } from '../../src/understanding/snapshotCache.js';
import { kindOf, read, writeKinds } from '../../src/understanding/understand.js';
import type { ClusterInventory } from '../../src/understanding/types.js';
import { SANDBOX_SNAPSHOT } from './snapshot.js';

const changes = writeKinds();
const runsAChange = (text: string) => {
  const u = read(text, SANDBOX_SNAPSHOT);
  if (u.kind !== 'sure') return false;
  const r = parse(u.command);
  return r.ok && changes.has(r.command.kind);
};

describe('the understanding step never turns words into a change that was not asked for', () => {
  it('every spec that plans a change is read as a change', () => {
    for (const s of SPECS) if (s.proposesChange) expect(changes.has(s.kind), s.kind).toBe(true);
    expect(loadIntents().filter((i) => i.write).every((i) => changes.has(kindOf(i)))).toBe(true);
  });

  it.each([
    "don't make ratings-web public",
    'do not allowlist 203.0.113.7',
    'never disable the ip ranges on aks-prod',
    'please do not lock down ratingsapp',
    'is ratings-web public?',
    'should I make ratings-web internal?',
    'what happens if I restrict ratings-web to 203.0.113.7?',
    'test connectivity from ratings-web to ratings-api',
    'make the web thing internal',
    'restrict ratings-web',
    'add a range to the allowlist',
    'digest daily at 09:00 Mars/Olympus_Mons',
    'stop restricting',
    'open up ratings-web',
    'remove it',
    'make payments-api internal',
    'zero trust payments',
    // typed as exact commands, with a cluster word, an unknown cluster or a Service no cluster has
    'make aks-workshop private',
    'make ratings internal',
    'make ratings-wbe internal',
    'allowlist my ip on staging',
    'add my ip to the staging cluster',
    'allowlist 203.0.113.7 on both prod and workshop',
  ])('%s → no change runs', (text) => {
    expect(runsAChange(text)).toBe(false);
  });

  it('a cluster named like a word of the commands is that cluster only when typed in full', () => {
    const snap = { ...SANDBOX_SNAPSHOT, clusters: [...SANDBOX_SNAPSHOT.clusters, 'aks-private', 'aks-public'] };
    expect(read('make ratings-web private', snap)).toMatchObject({ kind: 'sure', command: 'make ratings-web internal' });
    expect(read('is the api server private?', snap)).toMatchObject({ kind: 'sure', command: 'private cluster' });
    expect(read('status of aks-private', snap)).toMatchObject({ kind: 'sure', command: 'status on aks-private' });
  });

  it('a negation is answered as such, with nothing changed: the state of what is not to change is offered, never the change', () => {
    const u = read("please don't make ratings-web public", SANDBOX_SNAPSHOT);
    expect(u).toMatchObject({ kind: 'ask', question: "You said not to, so I won't `make ratings-web public`. Nothing was changed.", options: [{ command: 'exposure ratings-web' }] });
    // a bare "not X" names no change: nothing to offer
    expect(read('not ratings-web', SANDBOX_SNAPSHOT)).toMatchObject({ kind: 'lost', negated: true });
  });

  it('a name on another cluster is offered there, with the cluster filled in', () => {
    const u = read('make payments-api internal', SANDBOX_SNAPSHOT);
    expect(u.kind).toBe('ask');
    if (u.kind === 'ask') expect(u.options.map((o) => o.command)).toEqual(['make payments-api internal on aks-prod']);
  });

  it('"lost" suggests the nearest commands with the message\'s own values', () => {
    const u = read('frobnicate ratings-api and ratings-mongodb on port 27017 please', SANDBOX_SNAPSHOT);
    expect(u.kind).not.toBe('sure');
    const offered = u.kind === 'ask' ? u.options : u.kind === 'lost' ? u.suggestions : [];
    expect(offered.map((o) => o.command).join(' | ')).toMatch(/ratings-api/);
  });

  it('reads a few ordinary requests exactly', () => {
    for (const [text, command] of [
      ['allowlist the range 198.51.100.0/24 for aks-workshop', 'allowlist 198.51.100.0/24 on aks-workshop'],
      ['make the ratings-web svc internal please', 'make ratings-web internal'],
      ['can ratings-api connect to ratings-mongodb over port 27017?', 'can ratings-api reach ratings-mongodb on 27017'],
      ['schedule a weekly digest here on fridays at 10', 'digest cron "0 10 * * 5"'],
      ['what changed today on the prod cluster?', 'audit since today on aks-prod'],
      ['can the internet reach ratings-web on 80?', 'can internet reach ratings-web on 80'],
    ])
      expect(read(text, SANDBOX_SNAPSHOT)).toMatchObject({ kind: 'sure', command });
  });
});

describe('the inventory snapshot', () => {
  const inv: ClusterInventory = { namespaces: ['ratingsapp'], items: [{ name: 'ratings-web', namespace: 'ratingsapp', kind: 'Service' }] };

  it('reads every cluster, keeps a failure out of the cache, and never waits past its deadline', async () => {
    let calls = 0;
    let failNext = true;
    const never = new Promise<ClusterInventory>(() => undefined);
    const cache = new SnapshotCache(
      {
        clusters: async () => ['a', 'slow'],
        inventory: async (c) => {
          if (c === 'slow') return never;
          calls++;
          if (failNext) {
            failNext = false;
            throw new Error('kube unreachable');
          }
          return inv;
        },
        defaultCluster: async () => 'a',
      },
      60_000,
      50,
    );
    const first = await cache.snapshot('conv');
    expect(first.inventories).toEqual({});
    const second = await cache.snapshot('conv');
    expect(second.inventories).toEqual({ a: inv });
    expect(second.defaultCluster).toBe('a');
    await cache.snapshot('conv');
    expect(calls).toBe(2);
  });
});
