/**
 * Thirty days of plausible posture before Palisade first scans a sandbox cluster, so a new user sees a trend on the
 * first `status`. Palisade hands in what it sees now; the story ends exactly there. Deterministic per cluster name.
 * The shapes mirror Palisade's history backstory hook (src/posture/history.ts) without importing the product.
 */

type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export interface StoryFinding {
  id: string;
  severity: Severity;
  title: string;
  area: string;
}

export interface StoryDay {
  at: string;
  findings: StoryFinding[];
}

const DAYS = 30;
const DAY_MS = 86_400_000;

/** Things teams commonly fix in their first month on AKS; ids follow Palisade's finding ids. */
const FIXED_BEFORE: StoryFinding[] = [
  { id: 'wl.public-open.monitoring.grafana', severity: 'high', title: 'grafana (monitoring) is public to the whole internet', area: 'Workload exposure' },
  { id: 'cp.private-range', severity: 'medium', title: 'Authorized ranges include non-public addresses (10.0.0.0/8)', area: 'Control plane' },
  { id: 'np.no-default-deny.staging', severity: 'medium', title: 'Namespace staging has no default-deny policy', area: 'Network policy' },
  { id: 'img.defender-off', severity: 'medium', title: 'Defender for Containers is off', area: 'Images' },
];

/** A short-lived mistake: exposed, then closed again two days later. */
const BLIP: StoryFinding = { id: 'wl.public-open.debug.debug-shell', severity: 'high', title: 'debug-shell (debug) is public to the whole internet', area: 'Workload exposure' };

/** mulberry32 seeded with an FNV-1a hash of the cluster name. */
function random(seed: string): () => number {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function between(rnd: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rnd() * (hi - lo + 1));
}

/** Days -30 … -1 at 09:00 UTC before `first.at`, each with the findings the cluster had that day. */
export function postureBackstory(first: { cluster: string; at: string; findings: StoryFinding[] }): StoryDay[] {
  const rnd = random(first.cluster);
  const current = new Set(first.findings.map((f) => f.id));
  // Up to two current findings arrived recently (the newest worries); the rest were there all month
  const arrivals = new Map<string, number>();
  for (const f of first.findings.filter((x) => x.severity === 'medium' || x.severity === 'low').slice(0, 2)) arrivals.set(f.id, between(rnd, 3, 12));
  // Two or three old findings were fixed along the way (none the cluster has now)
  const fixes = FIXED_BEFORE.filter((f) => !current.has(f.id) && !(f.id === 'img.defender-off' && [...current].some((id) => id.startsWith('img.'))))
    .filter(() => rnd() < 0.8)
    .slice(0, 3)
    .map((f) => ({ finding: f, fixedDaysAgo: between(rnd, 6, 26) }));
  const blipDay = between(rnd, 14, 20);
  const midnight = Date.UTC(new Date(first.at).getUTCFullYear(), new Date(first.at).getUTCMonth(), new Date(first.at).getUTCDate());
  const days: StoryDay[] = [];
  for (let ago = DAYS; ago >= 1; ago--) {
    const findings = first.findings.filter((f) => {
      const arrived = arrivals.get(f.id);
      return arrived === undefined || ago <= arrived;
    });
    for (const { finding, fixedDaysAgo } of fixes) if (ago > fixedDaysAgo) findings.push(finding);
    if (ago <= blipDay && ago > blipDay - 2 && !current.has(BLIP.id)) findings.push(BLIP);
    days.push({ at: new Date(midnight - ago * DAY_MS + 9 * 3_600_000).toISOString(), findings });
  }
  return days;
}
