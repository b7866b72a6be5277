import { countBy, formatCounts, type Posture } from '../posture/assess.js';
import { utcMinute } from '../text/time.js';
import type { StatusCardModel } from './models.js';

/** The `status` card's model: a cluster's posture, by area, worst first as assessed. */
export function statusModel(p: Posture): StatusCardModel {
  const findings = p.areas.flatMap((a) => a.findings);
  return {
    cluster: {
      name: p.cluster.name,
      subscription: p.cluster.subscriptionId,
      resourceGroup: p.cluster.resourceGroup,
      location: p.cluster.location,
      kubernetesVersion: p.cluster.kubernetesVersion ?? 'unknown',
    },
    score: p.score,
    headline: findings.length ? formatCounts(countBy(findings.map((f) => f.severity))) || 'Only informational findings' : 'No findings',
    checkedAt: utcMinute(p.checkedAt),
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
