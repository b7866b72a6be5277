import { createHash } from 'node:crypto';
import type { Json, SubscriptionState } from '../world.js';
import type { SandboxImage } from './images.js';

/** Defender recommendation keys for registry image vulnerabilities. */
export const ASSESSMENT_KEY_MDVM = 'c0b7cfc6-3172-465a-b378-53c7ff2cc0d5';
export const ASSESSMENT_KEY_QUALYS = 'dbd0cb49-b563-45e7-9724-889e799fa648';

export type FindingShape = 'mdvm' | 'qualys';

/** A registry as the sandbox stores it: the ARM resource plus the images the simulated scanner sees. */
export interface RegistryRecord extends Json {
  id: string;
  name: string;
  type: 'Microsoft.ContainerRegistry/registries';
  location: string;
  properties: { loginServer: string; provisioningState: 'Succeeded' };
  /** Sandbox-only: what is pushed to the registry (the real ARM resource does not list images). */
  sandboxImages: SandboxImage[];
}

export function registryRecord(id: string, name: string, location: string, images: SandboxImage[]): RegistryRecord {
  return {
    id,
    name,
    type: 'Microsoft.ContainerRegistry/registries',
    location,
    sku: { name: 'Basic', tier: 'Basic' },
    properties: { loginServer: `${name}.azurecr.io`, provisioningState: 'Succeeded' },
    sandboxImages: images,
  };
}

/** A stable UUID from a seed string, so the same world always gets the same ids. */
export function stableUuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface Vuln {
  cveId: string;
  packageName: string;
  version: string;
  fixedVersion?: string;
  cvss: number;
  title: string;
}

/** Known-looking vulnerabilities for the node/debian based ratings images; beyond the list ids are synthetic. */
const CATALOG: Vuln[] = [
  { cveId: 'CVE-2023-44487', packageName: 'nghttp2', version: '1.52.0-1', fixedVersion: '1.52.0-1+deb12u1', cvss: 7.5, title: 'HTTP/2 Rapid Reset' },
  { cveId: 'CVE-2023-38545', packageName: 'curl', version: '7.88.1-10', fixedVersion: '7.88.1-10+deb12u4', cvss: 9.8, title: 'SOCKS5 heap buffer overflow' },
  { cveId: 'CVE-2024-2961', packageName: 'glibc', version: '2.36-9', fixedVersion: '2.36-9+deb12u7', cvss: 7.3, title: 'iconv out-of-bounds write' },
  { cveId: 'CVE-2023-4911', packageName: 'glibc', version: '2.36-9', fixedVersion: '2.36-9+deb12u3', cvss: 7.8, title: 'Looney Tunables' },
  { cveId: 'CVE-2022-25883', packageName: 'semver', version: '7.3.7', fixedVersion: '7.5.2', cvss: 5.3, title: 'semver ReDoS' },
  { cveId: 'CVE-2024-21538', packageName: 'cross-spawn', version: '7.0.3', fixedVersion: '7.0.5', cvss: 7.5, title: 'cross-spawn ReDoS' },
  { cveId: 'CVE-2023-26136', packageName: 'tough-cookie', version: '4.1.2', fixedVersion: '4.1.3', cvss: 6.5, title: 'prototype pollution' },
  { cveId: 'CVE-2022-24999', packageName: 'qs', version: '6.10.3', fixedVersion: '6.10.4', cvss: 7.5, title: 'qs prototype poisoning' },
  { cveId: 'CVE-2023-2650', packageName: 'openssl', version: '3.0.9-1', fixedVersion: '3.0.9-1+deb12u1', cvss: 6.5, title: 'OBJ_obj2txt slowness' },
  { cveId: 'CVE-2011-3374', packageName: 'apt', version: '2.6.1', cvss: 3.7, title: 'apt key validation' },
  { cveId: 'CVE-2022-27943', packageName: 'gcc-12', version: '12.2.0-14', cvss: 5.5, title: 'libiberty stack exhaustion' },
  { cveId: 'CVE-2023-29383', packageName: 'shadow', version: '1:4.13+dfsg1-1', cvss: 3.3, title: 'chfn control characters' },
  { cveId: 'CVE-2005-2541', packageName: 'tar', version: '1.34+dfsg-1.2', cvss: 3.1, title: 'tar setuid extraction' },
  { cveId: 'CVE-2024-28182', packageName: 'nghttp2', version: '1.52.0-1', fixedVersion: '1.52.0-1+deb12u2', cvss: 5.3, title: 'CONTINUATION frames' },
];

const NPM_PACKAGES = new Set(['semver', 'cross-spawn', 'tough-cookie', 'qs']);

function vulnAt(i: number): Vuln {
  if (i < CATALOG.length) return CATALOG[i];
  const base = CATALOG[i % CATALOG.length];
  // Spread synthetic ones over all severities; every second one is fixable.
  const cvss = [8.1, 5.9, 3.1][i % 3];
  return {
    ...base,
    cveId: `CVE-2024-${String(20000 + i).padStart(5, '0')}`,
    cvss,
    fixedVersion: i % 2 === 0 ? `${base.version}+fix${i}` : undefined,
  };
}

/** Status severity as Defender reports it on sub-assessments (High/Medium/Low). */
export function severityOf(cvss: number): 'High' | 'Medium' | 'Low' {
  return cvss >= 7 ? 'High' : cvss >= 4 ? 'Medium' : 'Low';
}

export function assessmentId(resourceId: string, key: string): string {
  return `${resourceId}/providers/Microsoft.Security/assessments/${key}`;
}

function assessment(registry: RegistryRecord, key: string, unhealthy: boolean): Json {
  const mdvm = key === ASSESSMENT_KEY_MDVM;
  return {
    id: assessmentId(registry.id, key),
    name: key,
    type: 'Microsoft.Security/assessments',
    properties: {
      resourceDetails: { source: 'Azure', id: registry.id },
      displayName: mdvm
        ? 'Azure registry container images should have vulnerabilities resolved (powered by Microsoft Defender Vulnerability Management)'
        : 'Container registry images should have vulnerability findings resolved (powered by Qualys)',
      status: unhealthy ? { code: 'Unhealthy' } : { code: 'Healthy' },
      additionalData: { subAssessmentsLink: `${assessmentId(registry.id, key)}/subAssessments` },
    },
  };
}

function mdvmSubAssessment(registry: RegistryRecord, image: SandboxImage, v: Vuln, when: string): Json {
  const parent = assessmentId(registry.id, ASSESSMENT_KEY_MDVM);
  const name = stableUuid(`${parent}|${image.repository}|${image.digest}|${v.cveId}|${v.packageName}`);
  const severity = severityOf(v.cvss);
  return {
    type: 'Microsoft.Security/assessments/subAssessments',
    id: `${parent}/subassessments/${name}`,
    name,
    properties: {
      id: v.cveId,
      displayName: v.cveId,
      status: { code: 'Unhealthy', severity, cause: '', description: 'The resource is unhealthy' },
      remediation: v.fixedVersion
        ? `Create new image with updated package ${v.packageName} with version ${v.fixedVersion} or higher.`
        : `No fix is available for ${v.packageName} yet; track the vendor advisory.`,
      description: `${v.title}. This vulnerability affects the package ${v.packageName}. To view more details about this vulnerability please visit the vendor website.`,
      timeGenerated: when,
      resourceDetails: { source: 'Azure', id: `/repositories/${image.repository}/images/${image.digest}` },
      additionalData: {
        assessedResourceType: 'AzureContainerRegistryVulnerability',
        artifactDetails: {
          repositoryName: image.repository,
          registryHost: registry.properties.loginServer,
          digest: image.digest,
          tags: [image.tag],
          artifactType: 'ContainerImage',
          mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
          lastPushedToRegistryUTC: '2025-01-10T09:12:44.1234567Z',
        },
        softwareDetails: {
          osDetails: { osPlatform: 'linux', osVersion: 'debian_linux_12' },
          packageName: v.packageName,
          category: NPM_PACKAGES.has(v.packageName) ? 'Language' : 'OS',
          vendor: NPM_PACKAGES.has(v.packageName) ? 'npm' : 'debian',
          version: v.version,
          evidence: [`dpkg-query -s ${v.packageName}`],
          language: NPM_PACKAGES.has(v.packageName) ? 'javascript' : '',
          fixedVersion: v.fixedVersion ?? '',
          fixStatus: v.fixedVersion ? 'FixAvailable' : 'NoFixAvailable',
        },
        vulnerabilityDetails: {
          cveId: v.cveId,
          references: [{ title: v.cveId, link: `https://nvd.nist.gov/vuln/detail/${v.cveId}` }],
          cvss: { '2.0': null, '3.0': { base: v.cvss, cvssVectorString: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' } },
          workarounds: [],
          publishedDate: '2023-10-10T00:00:00',
          lastModifiedDate: '2024-06-01T00:00:00',
          severity: v.cvss >= 9 ? 'Critical' : severity,
          weaknesses: { cwe: [{ id: 'CWE-400' }] },
          exploitabilityAssessment: {
            exploitStepsVerified: false,
            exploitStepsPublished: false,
            isInExploitKit: false,
            types: [],
            exploitUris: [],
          },
        },
        cvssV30Score: v.cvss,
      },
    },
  };
}

function qualysSubAssessment(registry: RegistryRecord, image: SandboxImage, v: Vuln, index: number, when: string): Json {
  const parent = assessmentId(registry.id, ASSESSMENT_KEY_QUALYS);
  const name = stableUuid(`${parent}|${image.repository}|${image.digest}|${v.cveId}`);
  const digest = image.digest.replace(/^sha256:/, '');
  return {
    id: `${parent}/subAssessments/${name}`,
    name,
    type: 'Microsoft.Security/assessments/subAssessments',
    properties: {
      displayName: `${v.packageName}: ${v.title}`,
      id: String(170000 + index),
      status: { code: 'Unhealthy', cause: '', severity: severityOf(v.cvss), description: 'The resource is unhealthy' },
      resourceDetails: {
        source: 'Azure',
        id: `${registry.id}/repository/${image.repository}/imageDigest/${digest}/providers/Microsoft.Security/assessments/${ASSESSMENT_KEY_QUALYS}/subAssessments/${name}`,
      },
      remediation: v.fixedVersion ? `Update ${v.packageName} to ${v.fixedVersion} or later.` : 'No patch is available yet.',
      impact: '3',
      category: 'Debian',
      description: `${v.title} in ${v.packageName} ${v.version}.`,
      timeGenerated: when,
      additionalData: {
        assessedResourceType: 'ContainerRegistryVulnerability',
        imageDigest: digest,
        repositoryName: image.repository,
        type: 'Vulnerability',
        cvss: { '2.0': { base: Math.min(10, v.cvss) }, '3.0': { base: v.cvss } },
        patchable: Boolean(v.fixedVersion),
        cve: [{ title: v.cveId, link: `https://nvd.nist.gov/vuln/detail/${v.cveId}` }],
        publishedTime: '2023-10-10T00:00:00.0000000Z',
        vendorReferences: [{ title: v.cveId, link: `https://security-tracker.debian.org/tracker/${v.cveId}` }],
      },
    },
  };
}

export interface FindingsOptions {
  /** Findings per image for each shape. */
  perImage: number;
  shapes: FindingShape[];
  /** When the scan happened (ISO); defaults to now. */
  timeGenerated?: string;
}

/** Adds Unhealthy registry assessments and their sub-assessments for each image, as a Defender scan would. */
export function addRegistryFindings(sub: SubscriptionState, registry: RegistryRecord, opts: FindingsOptions): number {
  const when = opts.timeGenerated ?? new Date().toISOString();
  let added = 0;
  for (const shape of opts.shapes) {
    const key = shape === 'mdvm' ? ASSESSMENT_KEY_MDVM : ASSESSMENT_KEY_QUALYS;
    const parentId = assessmentId(registry.id, key);
    if (!sub.assessments.some((a) => a.id.toLowerCase() === parentId.toLowerCase())) {
      sub.assessments.push(assessment(registry, key, opts.perImage > 0));
    }
    const list = (sub.subAssessments[parentId.toLowerCase()] ??= []);
    for (const image of registry.sandboxImages) {
      for (let i = 0; i < opts.perImage; i++) {
        const v = vulnAt(i);
        list.push(shape === 'mdvm' ? mdvmSubAssessment(registry, image, v, when) : qualysSubAssessment(registry, image, v, i, when));
        added++;
      }
    }
  }
  return added;
}

/** Builds exactly `total` MDVM findings spread over the registry's images (for volume tests). */
export function addManyFindings(sub: SubscriptionState, registry: RegistryRecord, total: number): void {
  const images = registry.sandboxImages.length || 1;
  const perImage = Math.ceil(total / images);
  addRegistryFindings(sub, registry, { perImage, shapes: ['mdvm'] });
  const list = sub.subAssessments[assessmentId(registry.id, ASSESSMENT_KEY_MDVM).toLowerCase()];
  list.splice(list.length - (perImage * images - total)); // drop the rounding excess
}
