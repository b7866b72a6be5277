import { MDVM_ASSESSMENT_KEY, QUALYS_ASSESSMENT_KEY } from '../azure/defender.js';
import type { Severity } from '../domain.js';
import { shortDigest } from '../operations/images/imageRef.js';
import type { ImageGroup, ReportFinding, UnscannedImage, VulnFilters, VulnReport } from '../operations/images/report.js';
import { SEVERITIES } from '../operations/images/report.js';
import { utcMinute } from '../text/time.js';
import type { VulnPageData } from '../operations/images/vulnerabilities.js';
import type { LabelledRow, Tone, VulnerabilitiesCardModel } from './models.js';

/** Rows per page: with texts clipped by bytes, page 1 with every section full stays under 28 KB (see the size test). */
export const PAGE_SIZE = 15;
const IMAGE_ROWS = 6;
const TOP_CVES = 5;
const MAX_NOTES = 3;
// Byte budgets for one row's texts, as JSON in the message
const TITLE_MAX = 120;
const DETAIL_MAX = 140;
const LINE_MAX = 240;

export function portalUrl(assessmentKey: string): string {
  return `https://portal.azure.com/#view/Microsoft_Azure_Security/GenericRecommendationDetailsBlade/assessmentKey/${assessmentKey}`;
}

/** Bytes a string takes inside the message JSON (UTF-8, with escapes): what the 28 KB limit counts. */
function jsonBytes(text: string): number {
  return Buffer.byteLength(JSON.stringify(text), 'utf8') - 2;
}

/** Shortens text to at most `maxBytes` as JSON, ending with "…" when cut; Azure strings can be long or non-ASCII. */
export function clip(text: string, maxBytes: number): string {
  if (jsonBytes(text) <= maxBytes) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (jsonBytes(chars.slice(0, mid).join('')) + 3 <= maxBytes) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('')}…`;
}

const LABEL: Record<Severity, { label: string; color: LabelledRow['color'] }> = {
  critical: { label: 'CRITICAL', color: 'Attention' },
  high: { label: 'HIGH', color: 'Attention' },
  medium: { label: 'MEDIUM', color: 'Warning' },
  low: { label: 'LOW', color: 'Default' },
  info: { label: 'INFO', color: 'Default' },
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function row(label: { label: string; color: LabelledRow['color'] }, title: string, detail?: string): LabelledRow {
  return { ...label, title: clip(title, TITLE_MAX), ...(detail ? { detail: clip(detail, DETAIL_MAX) } : {}) };
}

function imageName(x: { repository: string; tags: string[]; digest: string }): string {
  return x.tags.length ? `${x.repository}:${x.tags[0]}` : `${x.repository}@${shortDigest(x.digest)}`;
}

function where(w: { namespaces: string[]; pods: number }): string {
  return `running now in ${w.namespaces.join(', ')} (${plural(w.pods, 'pod')})`;
}

function severityCounts(findings: ReportFinding[]): string {
  const c = new Map<Severity, number>();
  for (const f of findings) c.set(f.severity, (c.get(f.severity) ?? 0) + 1);
  return SEVERITIES.filter((s) => c.get(s)).map((s) => `${c.get(s)} ${s}`).join(', ');
}

function findingRow(f: ReportFinding, joined: boolean): LabelledRow {
  const cvss = f.cvss !== undefined ? ` · CVSS ${f.cvss.toFixed(1)}` : '';
  const title =
    f.source === 'mdvm'
      ? `${f.cveIds[0] ?? f.title}${cvss} · ${f.packageName ?? 'package'} ${f.installedVersion ?? ''} → ${f.fixedVersion ? `fixed in ${f.fixedVersion}` : 'no fix yet'}`
      : `${f.cveIds.join(', ') || f.title}${cvss} · ${f.title} · ${f.fixable ? 'patch available' : 'no patch yet'}`;
  const place = joined ? (f.running ? 'running now' : 'only in the registry') : f.host;
  return row(LABEL[f.severity], title.replace(/\s+·/g, ' ·').replace(/ {2,}/g, ' '), `${imageName(f)} · ${place} · ${f.source === 'mdvm' ? 'MDVM' : 'Qualys (retired)'}`);
}

function imageRow(g: ImageGroup, joined: boolean): LabelledRow {
  const name = `${imageName(g)} · ${g.host}`;
  const place = g.running ? where(g.running) : joined ? 'only in the registry' : undefined;
  if (g.matching.length) {
    const worst = SEVERITIES.find((s) => g.matching.some((f) => f.severity === s)) ?? 'info';
    const fixable = g.matching.filter((f) => f.fixable).length;
    return row(LABEL[worst], name, [place, severityCounts(g.matching), `${fixable} fixable`, shortDigest(g.digest)].filter(Boolean).join(' · '));
  }
  if (g.healthy > 0)
    return row({ label: 'OK', color: 'Good' }, name, [place, `healthy: no known vulnerabilities (${plural(g.healthy, 'healthy result')})`].filter(Boolean).join(' · '));
  return row({ label: 'N/A', color: 'Default' }, name, [place, 'not applicable: Defender did not assess it (exempt, or an unsupported image)'].filter(Boolean).join(' · '));
}

function unscannedRow(u: UnscannedImage): LabelledRow {
  return row({ label: 'NO DATA', color: 'Accent' }, u.image, `${where(u.running)} · ${u.reason}`);
}

function filterText(f: VulnFilters): string {
  const parts = [f.target ? `"${f.target}"` : '', f.minSeverity ? `severity ${f.minSeverity}+` : '', f.fixable ? 'fixable' : '', f.running ? 'running' : ''].filter(Boolean);
  return parts.length ? `Filters: ${parts.join(', ')}` : 'No filters';
}

function toneOf(r: VulnReport): Tone {
  if (r.counts.critical || r.counts.high) return 'attention';
  if (r.counts.medium) return 'warning';
  return r.total ? 'default' : 'good';
}

export interface VulnCardContext {
  subscriptionId: string;
  /** Its display name, when Azure tells it. */
  subscriptionName?: string;
  clusterName?: string;
  /** Requested page (1-based); clamped to the pages that exist. */
  page: number;
  /** Button data for a page: the filters the card was made with. */
  pageData: (page: number) => VulnPageData;
  notes: string[];
}

/** The card model for one page of a report: summary first; top CVEs and images on page 1; findings paged. */
export function vulnerabilitiesModel(r: VulnReport, ctx: VulnCardContext): VulnerabilitiesCardModel {
  const joined = Boolean(r.joinedCluster);
  const pages = Math.max(1, Math.ceil(r.rows.length / PAGE_SIZE));
  const page = Math.min(Math.max(1, ctx.page), pages);
  const notes = [...ctx.notes];
  if (ctx.page > pages) notes.push(`There is no page ${ctx.page}: showing the last one (${pages}).`);
  const first = page === 1;

  const filtered = Boolean(r.filters.minSeverity || r.filters.fixable || r.filters.target);
  const on = r.joinedCluster ?? ctx.clusterName;
  let headline: string;
  if (r.total === 0) headline = filtered || r.filters.running ? 'No vulnerabilities match these filters.' : 'No known vulnerabilities in the scanned images.';
  else if (r.filters.running && r.joinedCluster) headline = `${plural(r.total, 'vulnerability', 'vulnerabilities')} in ${plural(r.imagesWithFindings, 'image')} running now on ${r.joinedCluster}`;
  else
    headline = `${plural(r.total, 'vulnerability', 'vulnerabilities')} in ${plural(r.imagesWithFindings, 'image')}${r.runningSplit ? ` · ${r.runningSplit.runningImages} running now on ${r.joinedCluster}` : ''}`;

  const counts = SEVERITIES.filter((s) => s !== 'info' || r.counts.info > 0).map((s) => ({
    label: s[0].toUpperCase() + s.slice(1),
    value: r.counts[s].toLocaleString('en-US'),
    color: r.counts[s] ? LABEL[s].color : ('Default' as const),
  }));

  const facts: Array<{ title: string; value: string }> = [];
  if (first) {
    if (r.total) facts.push({ title: 'Fixable', value: `${r.fixable.toLocaleString('en-US')} of ${r.total.toLocaleString('en-US')} have a fixed version` });
    if (r.runningSplit) {
      const s = r.runningSplit;
      facts.push({ title: `Running now on ${r.joinedCluster}`, value: `${plural(s.runningImages, 'image')}, ${plural(s.runningFindings, 'vulnerability', 'vulnerabilities')}` });
      facts.push({
        title: 'Only in the registry',
        value: `${plural(s.registryOnlyImages, 'image')}, ${plural(s.registryOnlyFindings, 'vulnerability', 'vulnerabilities')}${r.filters.running && s.registryOnlyFindings ? ' (not listed here: say "vulnerabilities" for all)' : ''}`,
      });
      if (r.unscanned.length)
        facts.push({ title: 'Running, no scan results', value: `${plural(r.unscanned.length, 'image')}${r.filters.running ? '' : ' (say "vulnerabilities running" to list them)'}` });
    }
    if (r.healthyResults) facts.push({ title: 'Healthy', value: `${plural(r.healthyResults, 'result')}: no known vulnerability` });
    if (r.notApplicableResults) facts.push({ title: 'Not applicable', value: `${plural(r.notApplicableResults, 'result')}: not assessed (exempt or unsupported)` });
    const scanners = [`Microsoft Defender Vulnerability Management (${plural(r.sources.mdvm, 'result')})`];
    if (r.sources.qualys || r.sources.qualysDuplicates)
      scanners.push(
        `Qualys, retired (${plural(r.sources.qualys + r.sources.qualysDuplicates, 'result')}${r.sources.qualysDuplicates ? `; ${r.sources.qualysDuplicates} repeat MDVM's and are counted once` : ''})`,
      );
    facts.push({ title: 'Scanned by', value: scanners.join(' · ') });
    if (r.lastScan) facts.push({ title: 'Latest result', value: utcMinute(r.lastScan) });
  }

  const imageRows: LabelledRow[] = [];
  let imagesMore: string | undefined;
  if (first) {
    const withFindings = r.groups.filter((g) => g.matching.length);
    const rest = r.groups.filter((g) => !g.matching.length);
    // Running images without results matter when the question is what runs; otherwise they are only counted
    const unscanned = joined && r.filters.running ? r.unscanned : [];
    const all = [...withFindings.map((g) => imageRow(g, joined)), ...unscanned.map(unscannedRow), ...rest.map((g) => imageRow(g, joined))];
    imageRows.push(...all.slice(0, IMAGE_ROWS));
    if (all.length > IMAGE_ROWS) imagesMore = `and ${plural(all.length - IMAGE_ROWS, 'more image')}: narrow with "vulnerabilities <repository>"; every finding is in the pages below.`;
  }
  const imagesTitle = !joined
    ? `Images (${r.groups.length})`
    : r.filters.running
      ? `Images running now on ${r.joinedCluster} (${r.groups.length + r.unscanned.length})`
      : `Images: ${r.groups.filter((g) => g.running).length} running now on ${r.joinedCluster}, ${r.groups.filter((g) => !g.running).length} only in the registry`;

  const from = (page - 1) * PAGE_SIZE;
  const slice = r.rows.slice(from, from + PAGE_SIZE);
  const scope = [`Subscription ${ctx.subscriptionName ?? ctx.subscriptionId}`, on ? `cluster ${on}` : '', filterText(r.filters)].filter(Boolean).join(' · ');
  const links = [{ title: 'Open in the Azure portal', url: portalUrl(MDVM_ASSESSMENT_KEY) }];
  if (r.sources.qualys || r.sources.qualysDuplicates) links.push({ title: 'Qualys recommendation (retired)', url: portalUrl(QUALYS_ASSESSMENT_KEY) });

  return {
    title: clip(`Image vulnerabilities${on ? ` · ${on}` : ''}`, TITLE_MAX),
    scope: clip(scope, LINE_MAX),
    headline: clip(headline, LINE_MAX),
    tone: toneOf(r),
    counts,
    facts: facts.map((f) => ({ title: clip(f.title, 80), value: clip(f.value, LINE_MAX) })),
    notes: notes.slice(0, MAX_NOTES).map((text) => ({ text: clip(text, LINE_MAX) })),
    topCves: first
      ? r.topCves.slice(0, TOP_CVES).map((c) =>
          row(
            LABEL[c.severity],
            `${c.cve}${c.cvss !== undefined ? ` · CVSS ${c.cvss.toFixed(1)}` : ''} · ${c.fixedVersion ? `fixed in ${c.fixedVersion}` : 'no fix yet'}`,
            `${[c.packageName, c.installedVersion].filter(Boolean).join(' ') || 'package unknown'} · ${plural(c.images, 'image')}${joined ? ` (${c.runningImages} running now)` : ''}`,
          ),
        )
      : [],
    ...(imageRows.length ? { imagesTitle: clip(imagesTitle, TITLE_MAX) } : {}),
    images: imageRows,
    ...(imagesMore ? { imagesMore } : {}),
    ...(r.total ? { findingsTitle: `Findings ${(from + 1).toLocaleString('en-US')}–${(from + slice.length).toLocaleString('en-US')} of ${r.total.toLocaleString('en-US')} · page ${page} of ${pages}` } : {}),
    findings: slice.map((f) => findingRow(f, joined)),
    ...(pages > 1 ? { footer: `Page ${page} of ${pages}. Use Previous / Next, or say "vulnerabilities page <n>" with the same filters.` } : {}),
    ...(page > 1 ? { previous: ctx.pageData(page - 1) } : {}),
    ...(page < pages ? { next: ctx.pageData(page + 1) } : {}),
    links,
  };
}
