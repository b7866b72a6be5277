import type { RegistryFinding } from '../../azure/defender.js';
import type { Severity } from '../../domain.js';
import { UserError } from '../../errors.js';
import { parseImageRef } from './imageRef.js';

export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
export const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export interface VulnFilters {
  /** A registry, repository or image (`repo:tag`, `host/repo`, a digest). */
  target?: string;
  minSeverity?: Severity;
  fixable: boolean;
  running: boolean;
}

export interface RunningContainer {
  namespace: string;
  pod: string;
  container: string;
  image: string;
  digest?: string;
}

export interface ReportFinding extends RegistryFinding {
  host: string;
  imageKey: string;
  running: boolean;
}

export interface Workloads {
  namespaces: string[];
  pods: number;
}

export interface ImageGroup {
  key: string;
  host: string;
  repository: string;
  digest: string;
  tags: string[];
  /** Unhealthy findings that pass the filters. */
  matching: ReportFinding[];
  healthy: number;
  notApplicable: number;
  running?: Workloads;
}

export interface UnscannedImage {
  image: string;
  running: Workloads;
  reason: string;
}

export interface TopCve {
  cve: string;
  severity: Severity;
  cvss?: number;
  packageName?: string;
  installedVersion?: string;
  fixedVersion?: string;
  images: number;
  runningImages: number;
}

export interface VulnReport {
  filters: VulnFilters;
  /** Cluster whose pods were joined, when they were read. */
  joinedCluster?: string;
  counts: Record<Severity, number>;
  total: number;
  fixable: number;
  /** Images with matching findings, then running images without results, then healthy / not-applicable ones. */
  groups: ImageGroup[];
  unscanned: UnscannedImage[];
  imagesWithFindings: number;
  runningSplit?: { runningImages: number; runningFindings: number; registryOnlyImages: number; registryOnlyFindings: number };
  healthyResults: number;
  notApplicableResults: number;
  sources: { mdvm: number; qualys: number; qualysDuplicates: number };
  lastScan?: string;
  topCves: TopCve[];
  /** Every matching finding, in display order: what the detail pages walk through. */
  rows: ReportFinding[];
}

function registryNameOf(f: RegistryFinding): string | undefined {
  return f.registryId?.split('/').pop()?.toLowerCase();
}

/** Legacy findings carry only the registry's ARM id: its login server is `<name>.azurecr.io` in the public cloud. */
function hostOf(f: RegistryFinding): string {
  if (f.registryHost) return f.registryHost.toLowerCase();
  const name = registryNameOf(f);
  return name ? `${name}.azurecr.io` : 'unknown registry';
}

function isHealthy(f: RegistryFinding): boolean {
  return f.status.toLowerCase() === 'healthy';
}

function isNotApplicable(f: RegistryFinding): boolean {
  return f.status.toLowerCase() === 'notapplicable';
}

/** Qualys results that MDVM also reports for the same image and CVE are counted once, as MDVM's. */
function dropQualysDuplicates(findings: RegistryFinding[]): { kept: RegistryFinding[]; duplicates: number } {
  const mdvm = new Map<string, Set<string>>();
  for (const f of findings) {
    if (f.source !== 'mdvm') continue;
    const set = mdvm.get(f.digest.toLowerCase()) ?? new Set<string>();
    for (const c of f.cveIds) set.add(c.toUpperCase());
    mdvm.set(f.digest.toLowerCase(), set);
  }
  let duplicates = 0;
  const kept = findings.filter((f) => {
    if (f.source !== 'qualys' || f.cveIds.length === 0) return true;
    const seen = mdvm.get(f.digest.toLowerCase());
    const dup = Boolean(seen && f.cveIds.every((c) => seen.has(c.toUpperCase())));
    if (dup) duplicates++;
    return !dup;
  });
  return { kept, duplicates };
}

function targetMatches(target: string, img: { host: string; registryName?: string; repository: string; tags: string[]; digest?: string }): boolean {
  const t = target.toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');
  const repo = img.repository.toLowerCase();
  const names = [img.host, img.registryName, repo, `${img.host}/${repo}`];
  for (const tag of img.tags) names.push(`${repo}:${tag.toLowerCase()}`, `${img.host}/${repo}:${tag.toLowerCase()}`);
  if (img.digest) {
    const d = img.digest.toLowerCase();
    names.push(d, `${repo}@${d}`, `${img.host}/${repo}@${d}`);
    if (/^sha256:[0-9a-f]{12,}$/.test(t) && d.startsWith(t)) return true;
  }
  return names.includes(t);
}

function matchesFilters(f: RegistryFinding, filters: VulnFilters): boolean {
  if (filters.minSeverity && SEVERITY_RANK[f.severity] < SEVERITY_RANK[filters.minSeverity]) return false;
  if (filters.fixable && !f.fixable) return false;
  return true;
}

function workloadsOf(containers: RunningContainer[]): Workloads {
  return { namespaces: [...new Set(containers.map((c) => c.namespace))].sort(), pods: new Set(containers.map((c) => `${c.namespace}/${c.pod}`)).size };
}

function runsGroup(c: RunningContainer, g: { host: string; repository: string; digest: string; tags: string[] }): boolean {
  if (c.digest && g.digest && c.digest.toLowerCase() === g.digest.toLowerCase()) return true;
  // Without a digest (or a different one reported), fall back to repository:tag in the same registry
  const ref = parseImageRef(c.image);
  return Boolean(ref.tag) && ref.host === g.host && ref.repository.toLowerCase() === g.repository.toLowerCase() && g.tags.includes(ref.tag!);
}

function unscannedReason(host: string, scannedHosts: Set<string>): string {
  if (scannedHosts.has(host)) return `no scan results for this build in ${host} (pushed under another digest, or not scanned yet)`;
  if (host.endsWith('.azurecr.io')) return `${host} has no scan results in this subscription (another subscription's registry, or not scanned yet)`;
  return `from ${host}: not in a scanned Azure Container Registry, so there are no registry scan results`;
}

function byFindingOrder(joined: boolean) {
  return (a: ReportFinding, b: ReportFinding): number =>
    (joined ? Number(b.running) - Number(a.running) : 0) ||
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    (b.cvss ?? 0) - (a.cvss ?? 0) ||
    (a.cveIds[0] ?? a.title).localeCompare(b.cveIds[0] ?? b.title) ||
    a.repository.localeCompare(b.repository) ||
    a.id.localeCompare(b.id);
}

function worst(g: ImageGroup): number {
  return Math.max(-1, ...g.matching.map((f) => SEVERITY_RANK[f.severity]));
}

function topCves(rows: ReportFinding[], limit: number): TopCve[] {
  const by = new Map<string, { cve: TopCve; images: Set<string>; running: Set<string> }>();
  for (const f of rows) {
    const key = f.cveIds[0] ?? f.title;
    let e = by.get(key);
    if (!e) {
      e = { cve: { cve: key, severity: f.severity, images: 0, runningImages: 0 }, images: new Set(), running: new Set() };
      by.set(key, e);
    }
    const c = e.cve;
    if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[c.severity]) c.severity = f.severity;
    if (f.cvss !== undefined && (c.cvss === undefined || f.cvss > c.cvss)) c.cvss = f.cvss;
    c.packageName ??= f.packageName;
    c.installedVersion ??= f.installedVersion;
    c.fixedVersion ??= f.fixedVersion;
    e.images.add(f.imageKey);
    if (f.running) e.running.add(f.imageKey);
  }
  const all = [...by.values()].map((e) => ({ ...e.cve, images: e.images.size, runningImages: e.running.size }));
  all.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (b.cvss ?? 0) - (a.cvss ?? 0) || b.images - a.images || a.cve.localeCompare(b.cve));
  return all.slice(0, limit);
}

/**
 * Pure: registry findings (both scanners), optionally joined with what a cluster runs, filtered and ordered for the card.
 * Throws UserError when the target names no known registry, repository or image.
 */
export function buildReport(findings: RegistryFinding[], filters: VulnFilters, running?: { cluster: string; containers: RunningContainer[] }): VulnReport {
  const { kept, duplicates } = dropQualysDuplicates(findings);
  const scannedHosts = new Set(kept.map(hostOf));
  const containers = running?.containers ?? [];

  const target = filters.target;
  const inTarget = (f: RegistryFinding) =>
    !target || targetMatches(target, { host: hostOf(f), registryName: registryNameOf(f), repository: f.repository, tags: f.tags, digest: f.digest });
  const scoped = kept.filter(inTarget);
  const containersInTarget = target
    ? containers.filter((c) => {
        const ref = parseImageRef(c.image);
        return targetMatches(target, { host: ref.host, repository: ref.repository, tags: ref.tag ? [ref.tag] : [], digest: c.digest ?? ref.digest });
      })
    : containers;
  if (target && scoped.length === 0 && containersInTarget.length === 0) {
    const repos = [...new Set(kept.map((f) => `${f.repository}`))].sort();
    throw new UserError(
      `I found no registry, repository or image "${target}" in the scan results${running ? ` or among the images ${running.cluster} runs` : ''}.`,
      repos.length
        ? `Repositories with results: ${repos.slice(0, 8).join(', ')}${repos.length > 8 ? `, and ${repos.length - 8} more` : ''}. Try "vulnerabilities ${repos[0]}".`
        : 'There are no scan results yet; say "vulnerabilities" without a filter to see why.',
    );
  }

  const groups = new Map<string, ImageGroup>();
  const rows: ReportFinding[] = [];
  let healthyResults = 0;
  let notApplicableResults = 0;
  for (const f of scoped) {
    const host = hostOf(f);
    const key = `${host}|${f.repository}|${f.digest.toLowerCase()}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, host, repository: f.repository, digest: f.digest, tags: [], matching: [], healthy: 0, notApplicable: 0 };
      groups.set(key, g);
    }
    for (const t of f.tags) if (!g.tags.includes(t)) g.tags.push(t);
    if (isHealthy(f)) {
      g.healthy++;
      healthyResults++;
    } else if (isNotApplicable(f)) {
      g.notApplicable++;
      notApplicableResults++;
    } else if (matchesFilters(f, filters)) {
      const row: ReportFinding = { ...f, host, imageKey: key, running: false };
      g.matching.push(row);
      rows.push(row);
    }
  }

  // Join with the pods: by digest, else by repository:tag in the same registry
  const matched = new Set<RunningContainer>();
  if (running) {
    for (const g of groups.values()) {
      const runs = containersInTarget.filter((c) => runsGroup(c, g));
      runs.forEach((c) => matched.add(c));
      if (runs.length) {
        g.running = workloadsOf(runs);
        for (const r of g.matching) r.running = true;
      }
    }
  }
  const unscannedBy = new Map<string, RunningContainer[]>();
  for (const c of containersInTarget) {
    if (matched.has(c)) continue;
    const key = c.image.split('@')[0];
    unscannedBy.set(key, [...(unscannedBy.get(key) ?? []), c]);
  }
  const unscanned: UnscannedImage[] = [...unscannedBy.entries()]
    .map(([image, cs]) => ({ image, running: workloadsOf(cs), reason: unscannedReason(parseImageRef(image).host, scannedHosts) }))
    .sort((a, b) => a.image.localeCompare(b.image));

  const all = [...groups.values()];
  const withFindings = all.filter((g) => g.matching.length > 0);
  const runningSplit = running
    ? {
        runningImages: withFindings.filter((g) => g.running).length,
        runningFindings: withFindings.filter((g) => g.running).reduce((n, g) => n + g.matching.length, 0),
        registryOnlyImages: withFindings.filter((g) => !g.running).length,
        registryOnlyFindings: withFindings.filter((g) => !g.running).reduce((n, g) => n + g.matching.length, 0),
      }
    : undefined;

  const onlyRunning = filters.running && running;
  const shownRows = onlyRunning ? rows.filter((r) => r.running) : rows;
  shownRows.sort(byFindingOrder(Boolean(running)));
  const filtered = Boolean(filters.minSeverity || filters.fixable);
  const visible = all.filter((g) => !onlyRunning || g.running);
  const ordered = [
    ...visible
      .filter((g) => g.matching.length > 0)
      .sort((a, b) => Number(Boolean(b.running)) - Number(Boolean(a.running)) || worst(b) - worst(a) || b.matching.length - a.matching.length || a.repository.localeCompare(b.repository)),
    ...(filtered ? [] : visible.filter((g) => g.matching.length === 0 && (g.healthy > 0 || g.notApplicable > 0) && g.running)),
    ...(filtered ? [] : visible.filter((g) => g.matching.length === 0 && (g.healthy > 0 || g.notApplicable > 0) && !g.running)),
  ];

  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const r of shownRows) counts[r.severity]++;
  const lastScan = kept.map((f) => f.timeGenerated).filter((t): t is string => Boolean(t)).sort().at(-1);

  return {
    filters,
    joinedCluster: running?.cluster,
    counts,
    total: shownRows.length,
    fixable: shownRows.filter((r) => r.fixable).length,
    groups: ordered,
    unscanned,
    imagesWithFindings: ordered.filter((g) => g.matching.length > 0).length,
    runningSplit,
    healthyResults,
    notApplicableResults,
    sources: { mdvm: kept.filter((f) => f.source === 'mdvm').length, qualys: kept.filter((f) => f.source === 'qualys').length, qualysDuplicates: duplicates },
    lastScan,
    topCves: topCves(shownRows, 5),
    rows: shownRows,
  };
}
