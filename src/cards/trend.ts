import type { ClusterHistory, FindingRef } from '../posture/history.js';
import { dailyPoints, dayChanges, type DayChange } from '../posture/historyQuery.js';
import type { AuditEntry } from '../store/types.js';
import { deltaText, scoreBand, scoreLines, severityDonut, shortDay } from './charts.js';
import type { Fact, LabelledRow, TrendCardModel, TrendChange } from './models.js';

/** Newest days with a change shown on the card; older ones are counted. */
const MAX_CHANGE_DAYS = 8;
/** Rows per day: applied changes first, then fixed, then new findings. */
const MAX_ROWS_PER_DAY = 6;
const MAX_TITLE = 140;

export interface TrendInput {
  cluster: string;
  history: ClusterHistory | undefined;
  days: number;
  /** Narrow to one posture area: its index in the history and its name. */
  area?: { index: number; name: string };
  /** Audit entries of the cluster (and of its subscription), any order. */
  audit: AuditEntry[];
  nowMs: number;
}

function clip(text: string): string {
  return text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE - 1)}…` : text;
}

const SEVERITY_LABEL_COLOR: Record<string, LabelledRow['color']> = { critical: 'Attention', high: 'Attention', medium: 'Warning', low: 'Default', info: 'Accent' };

function findingRow(label: 'FIXED' | 'NEW', ref: FindingRef): LabelledRow {
  const [id, severity, , title] = ref;
  return label === 'FIXED'
    ? { label, color: 'Good', title: clip(title), detail: `was ${severity} · id ${id}` }
    : { label, color: SEVERITY_LABEL_COLOR[severity] ?? 'Default', title: clip(title), detail: `${severity} · id ${id}` };
}

/** Changes Palisade applied between two scans: what explains a step in the line. */
function appliedBetween(audit: AuditEntry[], fromT: number, toT: number): AuditEntry[] {
  return audit
    .filter((e) => e.kind === 'apply' && e.outcome === 'applied')
    .filter((e) => {
      // Points keep whole seconds
      const t = Math.floor(Date.parse(e.at) / 1000);
      return t > fromT && t <= toT;
    })
    .sort((a, b) => a.at.localeCompare(b.at));
}

function changeView(c: DayChange, audit: AuditEntry[]): TrendChange {
  const applied = appliedBetween(audit, c.fromT, c.toT).map(
    (e): LabelledRow => ({ label: 'APPLIED', color: 'Accent', title: clip(e.summary), detail: `by ${e.actor?.name ?? e.actor?.id ?? 'someone'} · ${e.at.slice(0, 16).replace('T', ' ')} UTC` }),
  );
  const rows = [...applied, ...c.fixed.map((f) => findingRow('FIXED', f)), ...c.added.map((f) => findingRow('NEW', f))];
  const hidden = rows.length - MAX_ROWS_PER_DAY;
  const shown = hidden > 0 ? [...rows.slice(0, MAX_ROWS_PER_DAY - 1), { label: '…', color: 'Default' as const, title: `and ${hidden + 1} more` }] : rows;
  const delta = c.to - c.from;
  return {
    day: c.day,
    delta: deltaText(delta),
    color: delta > 0 ? 'Good' : delta < 0 ? 'Attention' : 'Default',
    summary: `${c.from} → ${c.to} since ${shortDay(c.since)}`,
    rows: shown,
  };
}

/** Pure: the `trend` card: the score line over the window and, newest first, the days that moved it and why. */
export function trendModel(input: TrendInput): TrendCardModel {
  const { history, days, area, nowMs } = input;
  const what = area ? `${area.name} score` : 'Posture score';
  const points = dailyPoints(history, days, nowMs, area?.index);
  const subtitle = `${what} · last ${days} days`;
  if (!history || !points.length) {
    return {
      title: input.cluster,
      subtitle,
      headline: 'No history yet',
      tone: 'default',
      noChart: `I have no scan of ${input.cluster} in the last ${days} days. Every status, digest and trend records one: say "status on ${input.cluster}".`,
      facts: [],
      changes: [],
    };
  }
  const first = points[0];
  const last = points[points.length - 1];
  const values = points.map((p) => ({ x: p.day, y: p.score }));
  const changes = dayChanges(history, points, area?.index).reverse();
  const shown = changes.slice(0, MAX_CHANGE_DAYS).map((c) => changeView(c, input.audit));
  const donut = severityDonut(last.counts);
  const facts: Fact[] = [
    { title: 'Now', value: `${last.score}/100 (${scoreBand(last.score)}) on ${last.day}` },
    { title: 'Findings now', value: donut ? donut.fallback.replace(/^Findings by severity: /, '').replace(/\.$/, '') : 'none' },
    { title: 'Days with a scan', value: `${points.length} of the last ${days}` },
  ];
  return {
    title: input.cluster,
    subtitle,
    headline: `${last.score}/100 now · ${deltaText(last.score - first.score)} since ${shortDay(first.day)}${changes.length ? ` · ${changes.length} day(s) with changes` : ' · no changes'}`,
    tone: last.score >= 80 ? 'good' : last.score >= 50 ? 'warning' : 'attention',
    chart: points.length > 1 ? scoreLines(`${what}, last ${days} days`, [{ legend: input.cluster, values }]) : undefined,
    noChart: points.length > 1 ? undefined : `Only one day with a scan so far (${last.day}): the line starts with the next day's scan.`,
    facts,
    changesTitle: changes.length ? `What moved it, newest first (${changes.length} day${changes.length === 1 ? '' : 's'} with changes)` : undefined,
    changes: shown,
    more: changes.length > MAX_CHANGE_DAYS ? `and ${changes.length - MAX_CHANGE_DAYS} earlier day(s) with changes` : undefined,
  };
}
