import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CommandKind, type CommandOf, format, parse, SPECS } from '../../src/commands/grammar.js';
import { SINCE_WORDS } from '../../src/commands/specs/approvals.js';

/** Names that can never be a grammar word: they all carry a hyphen. */
const name = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/), fc.stringMatching(/^[a-z0-9]{1,8}$/)).map(([a, b]) => `${a}-${b}`);
const realName = fc.constantFrom('ratings-web', 'ratings-api', 'ratings-mongodb', 'payments-api', 'payments-db');
const svc = fc.oneof(realName, name);
const cluster = fc.option(fc.oneof(fc.constantFrom('aks-workshop', 'aks-prod'), name), { nil: undefined });
const namespace = fc.option(fc.oneof(fc.constantFrom('ratingsapp', 'payments', 'kube-system', 'ingress-basic', 'default'), name), { nil: undefined });
const ipv4 = fc.ipV4();
const cidr = fc.tuple(fc.ipV4(), fc.integer({ min: 8, max: 32 })).map(([ip, n]) => `${ip}/${n}`);
const ranges = fc.array(fc.oneof(ipv4, cidr), { minLength: 1, maxLength: 4 });
const durationMs = fc.option(fc.integer({ min: 1, max: 30 * 24 * 60 }).map((m) => m * 60e3), { nil: undefined });
const confirm = fc.option(fc.constant(true), { nil: undefined });
const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
const protocol = fc.option(fc.constantFrom('TCP', 'UDP', 'SCTP') as fc.Arbitrary<'TCP' | 'UDP' | 'SCTP'>, { nil: undefined });
const subscription = fc.option(fc.uuid(), { nil: undefined });
const workloadRef = fc.oneof(svc, fc.tuple(name, svc).map(([n, s]) => `${n}/${s}`), svc.map((s) => `deployment/${s}`), svc.map((s) => `cronjob/${s}`));
const endpoint = fc.oneof(svc, fc.tuple(name, svc).map(([n, s]) => `${n}/${s}`), svc.map((s) => `deployment/${s}`), fc.constant('internet'), ipv4, cidr);
const zone = fc.option(fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo'), { nil: undefined });
const clusters = fc.array(fc.constantFrom('aks-workshop', 'aks-prod', 'aks-dev'), { maxLength: 3 });
const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

/** One generator per command kind: the compiler checks the map is total. */
const GENERATORS: { [K in CommandKind]: fc.Arbitrary<CommandOf<K>> } = {
  help: fc.record({ kind: fc.constant('help'), topic: fc.option(fc.stringMatching(/^[a-z]{2,10}( [a-z]{2,10})?$/), { nil: undefined }) }),
  clusters: fc.constant({ kind: 'clusters' }),
  useCluster: fc.record({ kind: fc.constant('useCluster'), cluster: fc.oneof(fc.constantFrom('aks-workshop', 'aks-prod'), name) }),
  status: fc.record({ kind: fc.constant('status'), cluster }),
  greet: fc.constant({ kind: 'greet' }),
  thanks: fc.constant({ kind: 'thanks' }),
  audit: fc.record({
    kind: fc.constant('audit'),
    limit: fc.integer({ min: 1, max: 100 }),
    since: fc.option(fc.constantFrom(...SINCE_WORDS, '24h', '7d', '30m', '2026-11-30'), { nil: undefined }),
    cluster,
  }),
  approvals: fc.constant({ kind: 'approvals' }),
  ipRanges: fc.record({ kind: fc.constant('ipRanges'), cluster }),
  allowlistAdd: fc.record({ kind: fc.constant('allowlistAdd'), ranges, durationMs, cluster, confirm }),
  allowlistMyIp: fc.record({ kind: fc.constant('allowlistMyIp'), durationMs, cluster }),
  allowlistRemove: fc.record({ kind: fc.constant('allowlistRemove'), ranges, cluster, confirm }),
  ipRangesSet: fc.record({ kind: fc.constant('ipRangesSet'), ranges, cluster, confirm }),
  ipRangesDisable: fc.record({ kind: fc.constant('ipRangesDisable'), cluster }),
  privateCluster: fc.record({ kind: fc.constant('privateCluster'), cluster }),
  exposure: fc.record({ kind: fc.constant('exposure'), service: fc.option(svc, { nil: undefined }), namespace, cluster }),
  makeInternal: fc.record({ kind: fc.constant('makeInternal'), service: svc, subnet: fc.option(name, { nil: undefined }), namespace, cluster }),
  makePublic: fc.record({ kind: fc.constant('makePublic'), service: svc, namespace, cluster }),
  restrict: fc.oneof(
    fc.record({ kind: fc.constant('restrict'), service: svc, ranges, myIp: fc.constant(false), namespace, cluster }),
    fc.record({ kind: fc.constant('restrict'), service: svc, ranges: fc.constant([] as string[]), myIp: fc.constant(true), namespace, cluster }),
  ),
  unrestrict: fc.record({ kind: fc.constant('unrestrict'), service: svc, namespace, cluster }),
  networkPolicies: fc.record({ kind: fc.constant('networkPolicies'), namespace, cluster }),
  zeroTrust: fc.record({ kind: fc.constant('zeroTrust'), namespace: fc.oneof(fc.constantFrom('ratingsapp', 'payments'), name), force: fc.boolean(), cluster }),
  removeZeroTrust: fc.record({ kind: fc.constant('removeZeroTrust'), namespace: fc.oneof(fc.constantFrom('ratingsapp', 'payments'), name), cluster }),
  allowFlow: fc.record({ kind: fc.constant('allowFlow'), from: workloadRef, to: workloadRef, port, protocol, namespace, cluster }),
  canReach: fc.record({ kind: fc.constant('canReach'), from: endpoint, to: endpoint, port, protocol, namespace, cluster }),
  defenderStatus: fc.record({ kind: fc.constant('defenderStatus'), cluster, subscription }),
  defenderSet: fc.record({ kind: fc.constant('defenderSet'), enabled: fc.boolean(), cluster, subscription }),
  vulnerabilities: fc.record({
    kind: fc.constant('vulnerabilities'),
    target: fc.option(fc.oneof(svc, svc.map((s) => `acrworkshop.azurecr.io/${s}:v1`)), { nil: undefined }),
    minSeverity: fc.option(fc.constantFrom('critical', 'high', 'medium', 'low') as fc.Arbitrary<'critical' | 'high' | 'medium' | 'low'>, { nil: undefined }),
    fixable: fc.boolean(),
    running: fc.boolean(),
    page: fc.integer({ min: 1, max: 50 }),
    cluster,
    subscription,
  }),
  trend: fc.record({
    kind: fc.constant('trend'),
    area: fc.option(fc.constantFrom('controlPlane', 'exposure', 'networkPolicy', 'images') as fc.Arbitrary<'controlPlane' | 'exposure' | 'networkPolicy' | 'images'>, { nil: undefined }),
    cluster,
    days: fc.option(fc.integer({ min: 2, max: 90 }), { nil: undefined }),
  }),
  digests: fc.constant({ kind: 'digests' }),
  digestOff: fc.constant({ kind: 'digestOff' }),
  digestNow: fc.record({ kind: fc.constant('digestNow'), clusters }),
  digestSchedule: fc.oneof(
    fc.record({ kind: fc.constant('digestSchedule'), schedule: fc.record({ type: fc.constant('daily'), time: hhmm, timeZone: zone, weekdaysOnly: fc.boolean() }), clusters }),
    fc.record({
      kind: fc.constant('digestSchedule'),
      schedule: fc.record({ type: fc.constant('cron'), expression: fc.constantFrom('0 9 * * 1-5', '30 8 * * 1', '0 10 * * 5', '15 7 1 * *'), timeZone: zone }),
      clusters,
    }),
  ),
};

/** Optional fields left undefined are dropped, as parse() leaves them out or undefined. */
const defined = (c: object) => JSON.parse(JSON.stringify(c));

describe('format(command) is the inverse of parse', () => {
  it('has a generator for every spec', () => {
    expect(Object.keys(GENERATORS).sort()).toEqual(SPECS.map((s) => s.kind).sort());
  });

  it.each(Object.keys(GENERATORS) as CommandKind[])('parse(format(c)) deep-equals c for %s', (kind) => {
    fc.assert(
      fc.property(GENERATORS[kind] as fc.Arbitrary<CommandOf<typeof kind>>, (c) => {
        const text = format(c);
        const r = parse(text);
        if (!r.ok) throw new Error(`"${text}" did not parse: ${r.reply}`);
        expect(defined(r.command)).toEqual(defined(c));
      }),
      { numRuns: 150, seed: 11 },
    );
  });
});
