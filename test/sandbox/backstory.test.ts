import { describe, expect, it } from 'vitest';
import { postureBackstory } from '@palisade/sandbox/seed/history.js';

const NOW = '2026-11-28T10:30:00.000Z';
const WORKSHOP = [
  { id: 'cp.api-open', severity: 'high' as const, title: 'API server open to the internet', area: 'Control plane' },
  { id: 'wl.public-open.ratingsapp.ratings-web', severity: 'high' as const, title: 'ratings-web (ratingsapp) is public to the whole internet', area: 'Workload exposure' },
  { id: 'np.no-default-deny.ratingsapp', severity: 'medium' as const, title: 'Namespace ratingsapp has no default-deny policy', area: 'Network policy' },
  { id: 'img.defender-off', severity: 'medium' as const, title: 'Defender for Containers is off', area: 'Images' },
];

describe('sandbox posture backstory', () => {
  const days = postureBackstory({ cluster: 'aks-workshop', at: NOW, findings: WORKSHOP });

  it('tells the 30 days before the first scan, one a day at 09:00 UTC', () => {
    expect(days).toHaveLength(30);
    expect(days[0].at).toBe('2026-10-29T09:00:00.000Z');
    expect(days[29].at).toBe('2026-11-27T09:00:00.000Z');
  });

  it('ends where Palisade found the cluster, after fixes and a short-lived exposure along the way', () => {
    expect(days[29].findings.map((f) => f.id).sort()).toEqual(WORKSHOP.map((f) => f.id).sort());
    const ids = new Set(days.flatMap((d) => d.findings.map((f) => f.id)));
    expect([...ids].filter((id) => !WORKSHOP.some((f) => f.id === id)).length).toBeGreaterThan(0);
    expect(new Set(days.map((d) => d.findings.length)).size).toBeGreaterThan(2);
  });

  it('is the same story every time for a cluster, and another one for another cluster', () => {
    expect(postureBackstory({ cluster: 'aks-workshop', at: NOW, findings: WORKSHOP })).toEqual(days);
    expect(postureBackstory({ cluster: 'aks-prod', at: NOW, findings: WORKSHOP })).not.toEqual(days);
  });
});
