import type { FullOperationResponse } from '@azure/core-client';
import type { Severity } from '../domain.js';
import type { AzureClients } from './clients.js';
import { AzureError, azureCall } from './errors.js';

export const MDVM_ASSESSMENT_KEY = 'c0b7cfc6-3172-465a-b378-53c7ff2cc0d5';
export const QUALYS_ASSESSMENT_KEY = 'dbd0cb49-b563-45e7-9724-889e799fa648';

export interface DefenderPlan {
  name: string;
  tier: 'Free' | 'Standard';
  subPlan?: string;
  freeTrialRemainingTime?: string;
  enablementTime?: string;
  deprecated: boolean;
  replacedBy: string[];
}

export interface RegistryFinding {
  id: string;
  source: 'mdvm' | 'qualys';
  /** ARM id of the registry, when the finding's id carries it. */
  registryId?: string;
  registryHost?: string;
  repository: string;
  digest: string;
  tags: string[];
  cveIds: string[];
  title: string;
  severity: Severity;
  cvss?: number;
  packageName?: string;
  installedVersion?: string;
  fixedVersion?: string;
  fixable: boolean;
  status: string;
  remediation?: string;
  timeGenerated?: string;
}

type Raw = Record<string, any>;

/** The SDK's models drop wire fields (deprecated, replacedBy, enablementTime, MDVM additionalData): keep raw pages. */
function rawCollector(): { items: Raw[]; onResponse: (res: FullOperationResponse) => void; single: () => Raw | undefined } {
  const items: Raw[] = [];
  let last: Raw | undefined;
  return {
    items,
    onResponse(res) {
      if (res.status >= 300 || !res.bodyAsText) return;
      last = JSON.parse(res.bodyAsText) as Raw;
      if (Array.isArray(last.value)) items.push(...last.value);
    },
    single: () => last,
  };
}

function toPlan(raw: Raw): DefenderPlan {
  const p = raw.properties ?? {};
  return {
    name: raw.name,
    tier: p.pricingTier === 'Standard' ? 'Standard' : 'Free',
    ...(p.subPlan ? { subPlan: p.subPlan } : {}),
    ...(p.freeTrialRemainingTime ? { freeTrialRemainingTime: p.freeTrialRemainingTime } : {}),
    ...(p.enablementTime ? { enablementTime: p.enablementTime } : {}),
    deprecated: p.deprecated === true,
    replacedBy: Array.isArray(p.replacedBy) ? p.replacedBy : [],
  };
}

const pricingsKey = (subscriptionId: string) => `/subscriptions/${subscriptionId}/providers/Microsoft.Security/pricings`;

/** Every Defender plan of the subscription; from the read cache within its freshness window unless `live`. */
export function listPricings(clients: AzureClients, subscriptionId: string, opts: { live?: boolean } = {}): Promise<DefenderPlan[]> {
  return clients.reads.read(
    pricingsKey(subscriptionId),
    async () => {
      const c = rawCollector();
      await azureCall(() => clients.security(subscriptionId).pricings.list({ onResponse: c.onResponse }));
      return c.items.map(toPlan);
    },
    opts,
  );
}

export async function getPricing(clients: AzureClients, subscriptionId: string, name: string): Promise<DefenderPlan> {
  const c = rawCollector();
  await azureCall(() => clients.security(subscriptionId).pricings.get(name, { onResponse: c.onResponse }));
  const raw = c.single();
  if (!raw) throw new AzureError({ code: 'EmptyResponse', message: `Azure returned no pricing '${name}'.` });
  return toPlan(raw);
}

/** Turns the Defender for Containers plan on or off, then reads it back. */
export async function setContainersPlan(clients: AzureClients, subscriptionId: string, tier: 'Standard' | 'Free'): Promise<DefenderPlan> {
  try {
    await azureCall(() => clients.security(subscriptionId).pricings.update('Containers', { pricingTier: tier }));
  } finally {
    clients.reads.invalidate(pricingsKey(subscriptionId));
  }
  return getPricing(clients, subscriptionId, 'Containers');
}

function severityOf(s: unknown): Severity {
  const v = String(s ?? '').toLowerCase();
  return v === 'critical' || v === 'high' || v === 'medium' || v === 'low' ? v : 'info';
}

function registryIdOf(id: string): string | undefined {
  const m = /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ContainerRegistry\/registries\/[^/]+)/i.exec(id);
  return m?.[1];
}

function normaliseDigest(d: string): string {
  return /^[0-9a-f]{64}$/i.test(d) ? `sha256:${d.toLowerCase()}` : d;
}

/** One sub-assessment in either registry shape → a plain finding; other shapes give undefined. */
export function toFinding(raw: Raw): RegistryFinding | undefined {
  const p = raw.properties ?? {};
  const a = p.additionalData ?? {};
  const base = {
    id: String(raw.id ?? ''),
    registryId: registryIdOf(String(raw.id ?? '')),
    status: String(p.status?.code ?? ''),
    remediation: p.remediation,
    timeGenerated: p.timeGenerated,
  };
  if (a.assessedResourceType === 'AzureContainerRegistryVulnerability') {
    const art = a.artifactDetails ?? {};
    const sw = a.softwareDetails ?? {};
    const vuln = a.vulnerabilityDetails ?? {};
    const cvss = a.cvssV30Score ?? vuln.cvss?.['3.0']?.base;
    return {
      ...base,
      source: 'mdvm',
      registryHost: art.registryHost,
      repository: String(art.repositoryName ?? ''),
      digest: String(art.digest ?? ''),
      tags: Array.isArray(art.tags) ? art.tags : [],
      cveIds: [vuln.cveId ?? p.id].filter(Boolean),
      title: String(p.displayName ?? vuln.cveId ?? ''),
      severity: severityOf(vuln.severity ?? p.status?.severity),
      ...(typeof cvss === 'number' ? { cvss } : {}),
      packageName: sw.packageName,
      installedVersion: sw.version,
      ...(sw.fixedVersion ? { fixedVersion: sw.fixedVersion } : {}),
      fixable: sw.fixStatus === 'FixAvailable' || Boolean(sw.fixedVersion),
    };
  }
  if (a.assessedResourceType === 'ContainerRegistryVulnerability') {
    const cvss = a.cvss?.['3.0']?.base ?? a.cvss?.['2.0']?.base;
    return {
      ...base,
      source: 'qualys',
      repository: String(a.repositoryName ?? ''),
      digest: normaliseDigest(String(a.imageDigest ?? '')),
      tags: [],
      cveIds: (Array.isArray(a.cve) ? a.cve : []).map((c: Raw) => String(c.title)).filter(Boolean),
      title: String(p.displayName ?? ''),
      severity: severityOf(p.status?.severity),
      ...(typeof cvss === 'number' ? { cvss } : {}),
      fixable: a.patchable === true,
    };
  }
  return undefined;
}

/** Registry image vulnerabilities in the subscription, from both the MDVM and the retired Qualys recommendation. */
export function listRegistryFindings(clients: AzureClients, subscriptionId: string, opts: { live?: boolean } = {}): Promise<RegistryFinding[]> {
  return clients.reads.read(`/subscriptions/${subscriptionId}/providers/Microsoft.Security/subAssessments|registry`, () => readRegistryFindings(clients, subscriptionId), opts);
}

async function readRegistryFindings(clients: AzureClients, subscriptionId: string): Promise<RegistryFinding[]> {
  const scope = `subscriptions/${subscriptionId}`;
  const findings: RegistryFinding[] = [];
  for (const key of [MDVM_ASSESSMENT_KEY, QUALYS_ASSESSMENT_KEY]) {
    const c = rawCollector();
    await azureCall(async () => {
      for await (const page of clients.security(subscriptionId).subAssessments.list(scope, key, { onResponse: c.onResponse }).byPage()) {
        void page; // the raw collector keeps the wire items; the SDK models lose MDVM's additionalData
      }
    });
    for (const raw of c.items) {
      const f = toFinding(raw);
      if (f) findings.push(f);
    }
  }
  return findings;
}
