import { describe, expect, it } from 'vitest';
import { parse } from '../../src/commands/grammar.js';
import { formatTrend, TREND_AREA_WORDS, type TrendArea, type TrendCommand } from '../../src/commands/specs/trend.js';

const ok = (text: string) => {
  const r = parse(text);
  if (!r.ok) throw new Error(`did not parse "${text}": ${r.reply}`);
  return r.command;
};

describe('trend [area] [on <cluster>] [for <days>d]', () => {
  it.each([
    ['trend', { kind: 'trend' }],
    ['<at>Palisade</at> trend on aks-prod', { kind: 'trend', cluster: 'aks-prod' }],
    ['score trend for 2 weeks', { kind: 'trend', days: 14 }],
    ['show trend of images on aks-prod for 90d', { kind: 'trend', area: 'images', cluster: 'aks-prod', days: 90 }],
    ['trend control plane', { kind: 'trend', area: 'controlPlane' }],
    ['trends network policies for 7 days', { kind: 'trend', area: 'networkPolicy', days: 7 }],
    ['posture trend workloads', { kind: 'trend', area: 'exposure' }],
    ['trend for aks-prod', { kind: 'trend', cluster: 'aks-prod' }],
  ])('%s', (text, expected) => {
    const command = ok(text) as TrendCommand;
    expect(command).toEqual({ area: undefined, cluster: undefined, days: undefined, ...expected });
  });

  it.each([
    ['trend for 12h', /whole days, at least 2/],
    ['trend for 1d', /whole days, at least 2/],
    ['trend for 120d', /I keep 90 days/],
    ['trend for 3 fortnights', /not a time span/],
    ['trend kubelet', /not a posture area/],
    ['trnd on aks-prod', /Did you mean `trend on aks-prod`/],
  ])('%s gets a helpful reply', (text, reply) => {
    const r = parse(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reply).toMatch(reply);
  });

  it('does not take over status or audit', () => {
    expect(ok('posture')).toEqual({ kind: 'status', cluster: undefined });
    expect(ok('history')).toMatchObject({ kind: 'audit' });
    expect(parse('what is the trend of my stock').ok).toBe(false);
  });

  it('format(command) reads back as the same command, for every area, cluster and span', () => {
    const areas: Array<TrendArea | undefined> = [undefined, ...(Object.keys(TREND_AREA_WORDS) as TrendArea[])];
    const clusters = [undefined, 'aks-prod', 'aks.workshop_2', 'for', 'on'];
    const spans = [undefined, 2, 7, 30, 90];
    let checked = 0;
    for (const area of areas)
      for (const cluster of clusters)
        for (const days of spans) {
          const command: TrendCommand = { kind: 'trend', area, cluster, days };
          expect(ok(formatTrend(command)), formatTrend(command)).toEqual(command);
          checked++;
        }
    expect(checked).toBe(125);
  });
});
