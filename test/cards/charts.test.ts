import { describe, expect, it } from 'vitest';
import { renderCard } from '../../src/cards/render.js';
import { seriesSummary, severityBars, severityDonut } from '../../src/cards/charts.js';
import { SAMPLES } from './samples.js';
import { adaptiveCard15, schemaErrors } from './schema.js';

const card = (body: unknown[]) => ({ type: 'AdaptiveCard', version: '1.5', body });
const text = { type: 'TextBlock', text: 'In words', wrap: true };
const common = { id: 'c', isVisible: true, separator: true, spacing: 'Medium', height: 'auto', horizontalAlignment: 'Center', targetWidth: 'atLeast:Narrow', isSortKey: false, lang: 'en', 'grid.area': 'a', title: 'T', colorSet: 'categorical', fallback: text };

/** Every Chart.* element of a card. */
function chartsOf(node: unknown): Array<Record<string, any>> {
  const out: Array<Record<string, any>> = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, any>;
      if (typeof o.type === 'string' && o.type.startsWith('Chart.')) out.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(node);
  return out;
}

function words(node: unknown): string {
  return JSON.stringify(node).match(/"(?:text|value)":"[^"]+"/g)?.join(' ') ?? '';
}

describe('Teams chart elements in the card schema (schema/teams-charts.json)', () => {
  it('accepts each chart type with every documented property', () => {
    const charts = [
      { type: 'Chart.Donut', ...common, data: [{ legend: 'High', value: 3, color: 'attention' }] },
      { type: 'Chart.Pie', ...common, data: [{ legend: 'A', value: 1, color: 'categoricalBlue' }] },
      { type: 'Chart.VerticalBar.Grouped', ...common, xAxisTitle: 'x', yAxisTitle: 'y', color: 'good', stacked: true, showBarValues: true, data: [{ legend: 'a', color: 'sequential3', values: [{ x: 'Mon', y: 2 }] }] },
      { type: 'Chart.VerticalBar', ...common, xAxisTitle: 'x', yAxisTitle: 'y', color: 'neutral', showBarValues: false, data: [{ x: 1, y: 2, color: 'divergingRed' }, { x: 'b', y: 3 }] },
      { type: 'Chart.HorizontalBar', ...common, xAxisTitle: 'x', yAxisTitle: 'y', color: 'warning', displayMode: 'PartToWhole', data: [{ x: 'a', y: 2, color: 'categoricalTeal' }] },
      { type: 'Chart.HorizontalBar.Stacked', ...common, xAxisTitle: 'x', yAxisTitle: 'y', color: 'good', data: [{ title: 'aks-prod', data: [{ legend: 'High', value: 2, color: 'attention' }] }] },
      { type: 'Chart.Line', ...common, xAxisTitle: 'x', yAxisTitle: 'y', color: 'good', data: [{ legend: 'aks-prod', color: 'categoricalBlue', values: [{ x: '2026-11-28', y: 52 }, { x: 3, y: 1 }] }] },
      { type: 'Chart.Gauge', ...common, min: 0, max: 100, value: 52, subLabel: '▲ 3', showMinMax: true, showLegend: false, valueFormat: 'Fraction', segments: [{ size: 50, legend: 'Poor', color: 'attention' }] },
    ];
    for (const c of charts) expect(schemaErrors(card([c])), c.type).toEqual([]);
    // inside containers and columns too, and as another element's fallback
    expect(schemaErrors(card([{ type: 'ColumnSet', columns: [{ type: 'Column', items: [charts[7]] }] }]))).toEqual([]);
    expect(schemaErrors(card([{ type: 'Container', items: [], fallback: charts[0] }]))).toEqual([]);
  });

  it('rejects what Teams would not draw: unknown colours, missing data, misspelled or misplaced properties', () => {
    const bad = [
      { type: 'Chart.Donut', data: [{ legend: 'High', value: 3, color: 'red' }] },
      { type: 'Chart.Donut' },
      { type: 'Chart.Line', data: [{ legend: 'a', points: [{ x: 1, y: 2 }] }] },
      { type: 'Chart.Line', data: [{ legend: 'a', values: [{ x: 1, y: '2' }] }] },
      { type: 'Chart.Gauge', value: 3, valueFormat: 'Percent' },
      { type: 'Chart.Gauge', value: 3, segments: [{ size: -1 }] },
      { type: 'Chart.Gauge' },
      { type: 'Chart.HorizontalBar.Stacked', data: [{ title: 'x', data: [{ x: 'a', y: 2 }] }] },
      { type: 'Chart.HorizontalBar', data: [], displayMode: 'Stacked' },
      { type: 'Chart.Line', data: [], fallback: { type: 'Chart.Sparkline' } },
      { type: 'Chart.Line', data: [], colorSet: 'rainbow' },
      { type: 'Chart.Bubble', data: [] },
    ];
    for (const c of bad) expect(adaptiveCard15()(card([c])), JSON.stringify(c)).toBe(false);
  });

  it('every chart of every sample card has a fallback that says it in words', () => {
    let seen = 0;
    for (const s of SAMPLES) {
      for (const chart of chartsOf(renderCard(s.card, s.data as never))) {
        seen++;
        expect(chart.fallback, `${s.name} ${chart.type}`).toBeTypeOf('object');
        expect(chartsOf(chart.fallback), `${s.name} ${chart.type}`).toEqual([]);
        expect(words(chart.fallback).length, `${s.name} ${chart.type}`).toBeGreaterThan(20);
      }
    }
    // status: gauge, donut, line; trend: line; digest: line, bars
    expect(seen).toBe(6);
  });
});

describe('chart data builders', () => {
  it('donut: severities in order, none without findings, info left out', () => {
    expect(severityDonut({ medium: 2, critical: 1, info: 4 })).toEqual({
      title: 'Findings by severity',
      data: [
        { legend: 'Critical', value: 1, color: 'divergingMaroon' },
        { legend: 'Medium', value: 2, color: 'warning' },
      ],
      fallback: 'Findings by severity: 1 critical · 2 medium.',
    });
    expect(severityDonut({ info: 3 })).toBeUndefined();
  });

  it('line fallback: first → last with the change, and a low or high only when it is beyond both ends', () => {
    const v = (ys: number[]) => ys.map((y, i) => ({ x: `2026-11-${String(i + 1).padStart(2, '0')}`, y }));
    expect(seriesSummary(v([40, 30, 52]))).toBe('40 on 11-01 → 52 on 11-03 (▲ 12) · lowest 30 on 11-02');
    expect(seriesSummary(v([52, 60, 52]))).toBe('52 on 11-01 → 52 on 11-03 (±0) · highest 60 on 11-02');
    expect(seriesSummary(v([52, 45]))).toBe('52 on 11-01 → 45 on 11-02 (▼ 7)');
  });

  it('stacked bars: one row per cluster, the same counts in the fallback', () => {
    const bars = severityBars('Findings', [{ title: 'aks-a', counts: { high: 2, low: 1 } }, { title: 'aks-b', counts: {} }]);
    expect(bars.rows[0].data.map((d) => [d.legend, d.value])).toEqual([['High', 2], ['Low', 1]]);
    expect(bars.fallback).toEqual([{ title: 'aks-a', value: '2 high · 1 low' }, { title: 'aks-b', value: 'no findings' }]);
  });
});
