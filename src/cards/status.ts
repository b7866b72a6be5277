import type { ClusterHistory } from '../posture/history.js';
import { dailyPoints } from '../posture/historyQuery.js';
import { countBy, formatCounts, type Posture } from '../posture/assess.js';
import { utcMinute } from '../text/time.js';
import { deltaText, scoreGauge, scoreLines, severityDonut } from './charts.js';
import type { StatusCardModel } from './models.js';

/** Days of history the `status` card draws. */
export const STATUS_TREND_DAYS = 30;

/** The `status` card's model: a cluster's posture, by area, worst first as assessed, with its score history if any. */
export function statusModel(p: Posture, history?: ClusterHistory, nowMs = Date.parse(p.checkedAt), subscriptionName?: string): StatusCardModel {
  const findings = p.areas.flatMap((a) => a.findings);
  const days = dailyPoints(history, STATUS_TREND_DAYS, nowMs);
  const values = days.map((d) => ({ x: d.day, y: d.score }));
  const span = days.length > 1 ? Math.round((Date.parse(days[days.length - 1].day) - Date.parse(days[0].day)) / 86_400_000) : 0;
  return {
    cluster: {
      name: p.cluster.name,
      subscription: subscriptionName ?? p.cluster.subscriptionId,
      resourceGroup: p.cluster.resourceGroup,
      location: p.cluster.location,
      kubernetesVersion: p.cluster.kubernetesVersion ?? 'unknown',
    },
    score: p.score,
    headline: findings.length ? formatCounts(countBy(findings.map((f) => f.severity))) || 'Only informational findings' : 'No findings',
    checkedAt: `${utcMinute(p.checkedAt)}${p.kubeVia ? ` · Kubernetes read ${p.kubeVia}` : ''}`,
    gauge: scoreGauge(p.score, span ? `${deltaText(p.score - values[0].y)} in ${span} days` : 'No history yet'),
    donut: severityDonut(countBy(findings.map((f) => f.severity))),
    trend: values.length > 1 ? scoreLines(`Score, last ${STATUS_TREND_DAYS} days`, [{ legend: p.cluster.name, values }]) : undefined,
    areas: p.areas.map((a) => ({
      name: a.name,
      summary: a.summary,
      facts: a.facts,
      findings: a.findings.map((f) => ({
        id: f.id,
        severity: f.severity,
        title: f.title,
        why: f.why,
        detail: [f.detail, f.fix ? `Fix: ${f.fix}` : undefined, f.cis ? `CIS AKS ${f.cis}` : undefined].filter(Boolean).join(' · ') || undefined,
      })),
    })),
  };
}
