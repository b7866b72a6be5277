import type { Severity } from '../domain.js';

/**
 * Teams chart elements (Chart.Gauge, Chart.Donut, Chart.Line, Chart.HorizontalBar.Stacked) as template data, each with
 * the text a host without charts shows instead: the fallback says the same thing in words. Pure.
 */

/** Chart colour names Teams knows (its "chart colors reference"). */
export type ChartColor = 'good' | 'warning' | 'attention' | 'neutral' | 'divergingMaroon' | 'categoricalLightBlue' | 'categoricalBlue' | 'categoricalPurple' | 'categoricalTeal' | 'categoricalMarigold' | 'categoricalLime' | 'categoricalLavender' | 'categoricalGreen' | 'categoricalRed';

/** A title/value line of a fallback FactSet (models.ts imports this file, so no import back). */
export interface ChartFact {
  title: string;
  value: string;
}

export interface ChartPoint {
  x: string;
  y: number;
}

export interface GaugeView {
  value: number;
  subLabel: string;
  fallback: string;
}

export interface DonutView {
  title: string;
  data: Array<{ legend: string; value: number; color: ChartColor }>;
  fallback: string;
}

export interface LineView {
  title: string;
  series: Array<{ legend: string; color: ChartColor; values: ChartPoint[] }>;
  /** One line per series, e.g. { title: 'aks-prod', value: '41 → 52 (▲ 11) · lowest 38 on 11-12' }. */
  fallback: ChartFact[];
}

export interface StackedBarsView {
  title: string;
  rows: Array<{ title: string; data: Array<{ legend: string; value: number; color: ChartColor }> }>;
  fallback: ChartFact[];
}

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export const SEVERITY_COLOR: Record<Severity, ChartColor> = {
  critical: 'divergingMaroon',
  high: 'attention',
  medium: 'warning',
  low: 'categoricalLightBlue',
  info: 'neutral',
};

/** Series colours in order, for lines that are clusters rather than meanings. */
const SERIES_COLORS: readonly ChartColor[] = ['categoricalBlue', 'categoricalPurple', 'categoricalTeal', 'categoricalMarigold', 'categoricalLime', 'categoricalLavender'];

export function seriesColor(i: number): ChartColor {
  return SERIES_COLORS[i % SERIES_COLORS.length];
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function scoreBand(score: number): string {
  return score >= 80 ? 'good' : score >= 50 ? 'fair' : 'poor';
}

/** "▲ 11", "▼ 4", "±0". */
export function deltaText(delta: number): string {
  return delta > 0 ? `▲ ${delta}` : delta < 0 ? `▼ ${-delta}` : '±0';
}

/** `YYYY-MM-DD` → `MM-DD`, short enough for a fallback line. */
export function shortDay(day: string): string {
  return day.slice(5);
}

export function scoreGauge(score: number, subLabel: string): GaugeView {
  return { value: score, subLabel, fallback: `Posture score ${score}/100: ${scoreBand(score)} (80 or more is good, under 50 is poor). ${subLabel}.` };
}

/** Findings by severity (info left out: it does not count); undefined when there is nothing to draw. */
export function severityDonut(counts: Partial<Record<Severity, number>>, title = 'Findings by severity'): DonutView | undefined {
  const data = SEVERITY_ORDER.filter((s) => (counts[s] ?? 0) > 0).map((s) => ({ legend: capital(s), value: counts[s]!, color: SEVERITY_COLOR[s] }));
  if (!data.length) return undefined;
  return { title, data, fallback: `${title}: ${data.map((d) => `${d.value} ${d.legend.toLowerCase()}`).join(' · ')}.` };
}

/** The words for one series: first → last, the change, and the low point. */
export function seriesSummary(values: ChartPoint[]): string {
  if (!values.length) return 'no data';
  const first = values[0];
  const last = values[values.length - 1];
  const low = values.reduce((m, v) => (v.y < m.y ? v : m), first);
  const high = values.reduce((m, v) => (v.y > m.y ? v : m), first);
  const parts = [`${first.y} on ${shortDay(first.x)} → ${last.y} on ${shortDay(last.x)} (${deltaText(last.y - first.y)})`];
  if (low.y < Math.min(first.y, last.y)) parts.push(`lowest ${low.y} on ${shortDay(low.x)}`);
  if (high.y > Math.max(first.y, last.y)) parts.push(`highest ${high.y} on ${shortDay(high.x)}`);
  return parts.join(' · ');
}

export function scoreLines(title: string, series: Array<{ legend: string; values: ChartPoint[] }>): LineView {
  return {
    title,
    series: series.map((s, i) => ({ legend: s.legend, color: seriesColor(i), values: s.values })),
    // One line needs no name: the card says whose it is
    fallback: series.map((s) => ({ title: series.length === 1 ? 'Score' : s.legend, value: seriesSummary(s.values) })),
  };
}

export function severityBars(title: string, rows: Array<{ title: string; counts: Partial<Record<Severity, number>> }>): StackedBarsView {
  return {
    title,
    rows: rows.map((r) => ({
      title: r.title,
      data: SEVERITY_ORDER.filter((s) => (r.counts[s] ?? 0) > 0).map((s) => ({ legend: capital(s), value: r.counts[s]!, color: SEVERITY_COLOR[s] })),
    })),
    fallback: rows.map((r) => ({
      title: r.title,
      value: SEVERITY_ORDER.filter((s) => (r.counts[s] ?? 0) > 0).map((s) => `${r.counts[s]} ${s}`).join(' · ') || 'no findings',
    })),
  };
}
