import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toFinding, type RegistryFinding } from '../../src/azure/defender.js';
import { cardSizeBytes, MAX_MESSAGE_BYTES, renderCard } from '../../src/cards/render.js';
import { parse } from '../../src/commands/grammar.js';
import { trialLeft } from '../../src/cards/defender.js';
import { parseImageRef } from '../../src/operations/images/imageRef.js';
import { buildReport, type VulnFilters } from '../../src/operations/images/report.js';
import { PAGE_SIZE, vulnerabilitiesModel } from '../../src/cards/vulnerabilities.js';
import { commandText, pageData, queryFromPageData } from '../../src/operations/images/vulnerabilities.js';

const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/azure/security/', import.meta.url));
const fixture = (name: string) => JSON.parse(readFileSync(`${FIXTURES}${name}`, 'utf8'));
const NONE: VulnFilters = { fixable: false, running: false };

function mdvm(over: Partial<RegistryFinding> = {}): RegistryFinding {
  return {
    id: `/x/${Math.random()}`,
    source: 'mdvm',
    registryHost: 'acrprod.azurecr.io',
    registryId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acrprod',
    repository: 'ratings-api',
    digest: `sha256:${'1'.repeat(64)}`,
    tags: ['v1'],
    cveIds: ['CVE-2023-38545'],
    title: 'CVE-2023-38545',
    severity: 'critical',
    cvss: 9.8,
    packageName: 'curl',
    installedVersion: '7.88.1-10',
    fixedVersion: '7.88.1-10+deb12u4',
    fixable: true,
    status: 'Unhealthy',
    ...over,
  };
}

describe('grammar', () => {
  const cmd = (text: string) => {
    const r = parse(text);
    if (!r.ok) throw new Error(r.reply);
    return r.command;
  };

  it('reads the natural variants of the three commands', () => {
    expect(cmd('defender')).toEqual({ kind: 'defenderStatus' });
    expect(cmd('show defender plans on aks-prod')).toEqual({ kind: 'defenderStatus', cluster: 'aks-prod' });
    expect(cmd('defender status in 22222222-2222-4222-8222-222222222222')).toEqual({ kind: 'defenderStatus', subscription: '22222222-2222-4222-8222-222222222222' });
    expect(cmd('enable defender for containers')).toEqual({ kind: 'defenderSet', enabled: true });
    expect(cmd('please turn off microsoft defender for containers on aks-prod')).toEqual({ kind: 'defenderSet', enabled: false, cluster: 'aks-prod' });
    expect(cmd('turn defender on')).toMatchObject({ kind: 'defenderSet', enabled: true });
    expect(cmd('disable defender')).toMatchObject({ kind: 'defenderSet', enabled: false });
    expect(cmd('scan results')).toEqual({ kind: 'vulnerabilities', fixable: false, running: false, page: 1 });
    expect(cmd('vulnerabilities ratings-api severity high+ fixable running page 3 on aks-prod')).toEqual({
      kind: 'vulnerabilities', target: 'ratings-api', minSeverity: 'high', fixable: true, running: true, page: 3, cluster: 'aks-prod',
    });
    expect(cmd('show vulns of image acrprod.azurecr.io/ratings-web:v1 with fix available')).toMatchObject({ target: 'acrprod.azurecr.io/ratings-web:v1', fixable: true });
    expect(cmd('vulnerabilities critical only')).toEqual({ kind: 'vulnerabilities', minSeverity: 'critical', fixable: false, running: false, page: 1 });
    expect(cmd('vulnerabilities high and above')).toEqual({ kind: 'vulnerabilities', minSeverity: 'high', fixable: false, running: false, page: 1 });
    expect(cmd('vulnerabilities running on aks-prod page 2')).toEqual({ kind: 'vulnerabilities', running: true, fixable: false, page: 2, cluster: 'aks-prod' });
    // "in" + a non-GUID is the image, not a subscription
    expect(cmd('vulnerabilities in ratings-api')).toEqual({ kind: 'vulnerabilities', target: 'ratings-api', fixable: false, running: false, page: 1 });
    expect(cmd('vulnerabilities in 11111111-1111-4111-8111-111111111111')).toEqual({ kind: 'vulnerabilities', fixable: false, running: false, page: 1, subscription: '11111111-1111-4111-8111-111111111111' });
    // defender commands take a subscription by id or by name; the handler checks it against the ones it sees
    expect(cmd('defender status in production')).toEqual({ kind: 'defenderStatus', subscription: 'production' });
  });

  it('bad arguments get a helpful reply, not a guess', () => {
    const fail = (text: string) => {
      const r = parse(text);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.reply;
    };
    expect(fail('vulnerabilities severity extreme')).toMatch(/Severity is one of/);
    expect(fail('vulnerabilities page 0')).toMatch(/Pages are numbered from 1/);
    expect(fail('vulnerabilities ratings-api ratings-web')).toMatch(/one registry, repository or image at a time/);
    expect(fail('enable defender for container registries')).toMatch(/deprecated/);
  });
});

describe('report from the published wire shapes', () => {
  const mdvmFixture = fixture('subAssessments_list_mdvm_azureContainerRegistryVulnerability.from-docs.json').value.map(toFinding);
  const qualysFixture = fixture('subAssessments_list_containerRegistryVulnerability.2019-01-01-preview.json').responses['200'].body.value.map(toFinding);

  it('counts NotApplicable apart from vulnerabilities and keeps the Qualys result with its registry', () => {
    const r = buildReport([...mdvmFixture, ...qualysFixture], NONE);
    expect(r.notApplicableResults).toBe(1);
    expect(r.total).toBe(1);
    expect(r.counts.high).toBe(1);
    expect(r.rows[0]).toMatchObject({ source: 'qualys', host: 'myregistry.azurecr.io', repository: 'myRepo', cveIds: ['CVE-2019-12345'] });
    expect(r.groups.map((g) => g.repository)).toEqual(['myRepo', 'public/azureml/aifx/stable-ubuntu2004-cu116-py39-torch1121']);
  });
});

describe('buildReport', () => {
  const api = mdvm();
  const apiOld = mdvm({ digest: `sha256:${'2'.repeat(64)}`, tags: ['v0'], severity: 'high', cvss: 7.5, cveIds: ['CVE-2023-44487'], fixable: false, fixedVersion: undefined });
  const qualysDup = mdvm({ source: 'qualys', registryHost: undefined, tags: [], severity: 'high' });
  const healthy = mdvm({ repository: 'ratings-web', digest: `sha256:${'3'.repeat(64)}`, status: 'Healthy' });

  it('counts a CVE once per image when both scanners report it (MDVM wins)', () => {
    const r = buildReport([api, qualysDup], NONE);
    expect(r.total).toBe(1);
    expect(r.counts.critical).toBe(1);
    expect(r.sources).toEqual({ mdvm: 1, qualys: 0, qualysDuplicates: 1 });
  });

  it('joins by digest, else by repository:tag in the same registry, and separates what only sits in the registry', () => {
    const running = {
      cluster: 'aks-prod',
      containers: [
        { namespace: 'ratingsapp', pod: 'a-1', container: 'api', image: 'acrprod.azurecr.io/ratings-api:v1', digest: api.digest },
        // no digest reported: matched by repository:tag
        { namespace: 'ratingsapp', pod: 'w-1', container: 'web', image: 'acrprod.azurecr.io/ratings-web:v1' },
        { namespace: 'db', pod: 'pg-0', container: 'pg', image: 'postgres:16.4', digest: `sha256:${'9'.repeat(64)}` },
      ],
    };
    const r = buildReport([api, apiOld, healthy], NONE, running);
    expect(r.runningSplit).toEqual({ runningImages: 1, runningFindings: 1, registryOnlyImages: 1, registryOnlyFindings: 1 });
    expect(r.groups.find((g) => g.repository === 'ratings-web')?.running).toEqual({ namespaces: ['ratingsapp'], pods: 1 });
    expect(r.unscanned).toEqual([{ image: 'postgres:16.4', running: { namespaces: ['db'], pods: 1 }, reason: expect.stringMatching(/from docker\.io: not in a scanned Azure Container Registry/) }]);
    expect(r.rows.map((x) => x.running)).toEqual([true, false]); // running first
    const only = buildReport([api, apiOld, healthy], { ...NONE, running: true }, running);
    expect(only.rows.map((x) => x.cveIds[0])).toEqual(['CVE-2023-38545']);
    expect(only.groups.map((g) => g.repository)).toEqual(['ratings-api', 'ratings-web']);
  });

  it('filters by registry, repository, image and digest prefix; an unknown one names the known repositories', () => {
    for (const t of ['acrprod', 'acrprod.azurecr.io', 'ratings-api', 'ratings-api:v1', 'acrprod.azurecr.io/ratings-api:v1', 'sha256:111111111111']) {
      expect(buildReport([api, apiOld, healthy], { ...NONE, target: t }).rows.map((x) => x.id), t).toContain(api.id);
    }
    expect(buildReport([api, apiOld], { ...NONE, target: 'ratings-api:v0' }).rows.map((x) => x.id)).toEqual([apiOld.id]);
    expect(() => buildReport([api, healthy], { ...NONE, target: 'payments' })).toThrow(/no registry, repository or image "payments"/);
    try {
      buildReport([api, healthy], { ...NONE, target: 'payments' });
    } catch (e) {
      expect((e as { nextStep?: string }).nextStep).toMatch(/Repositories with results: ratings-api, ratings-web/);
    }
  });

  it('severity and fixable filters narrow the rows and the counts', () => {
    const r = buildReport([api, apiOld], { ...NONE, minSeverity: 'critical' });
    expect(r.total).toBe(1);
    expect(buildReport([api, apiOld], { ...NONE, fixable: true }).rows.map((x) => x.id)).toEqual([api.id]);
  });
});

describe('vulnerabilities card', () => {
  const ctx = (page: number) => ({ subscriptionId: '22222222-2222-4222-8222-222222222222', clusterName: 'aks-prod', page, pageData: (p: number) => ({ page: p, f: { c: 'aks-prod' } }), notes: [] });

  it('stays ≤ 28 KB on every page even with the longest texts, many images and every section filled', () => {
    const long = (n: number) => '界'.repeat(n); // 3 bytes each in UTF-8, the worst case for the size limit
    const findings: RegistryFinding[] = [];
    for (let i = 0; i < 300; i++)
      findings.push(
        mdvm({
          id: `/f/${i}`,
          repository: `${long(200)}${i % 30}`,
          digest: `sha256:${String(i % 30).padStart(64, '0')}`,
          tags: [long(100)],
          cveIds: [`CVE-2024-${long(80)}${i}`],
          packageName: long(120),
          installedVersion: long(60),
          fixedVersion: long(60),
          severity: (['critical', 'high', 'medium', 'low'] as const)[i % 4],
        }),
      );
    // half the images run (by digest), plus running images from elsewhere: every section of page 1 is full
    const containers = Array.from({ length: 40 }, (_, i) => ({
      namespace: long(60),
      pod: `p${i}`,
      container: 'c',
      image: `docker.io/${long(200)}${i}:v1`,
      digest: `sha256:${String(i).padStart(64, '0')}`,
    }));
    const report = buildReport(findings, { ...NONE, running: true }, { cluster: long(60), containers });
    expect(report.rows.length).toBeGreaterThan(PAGE_SIZE * 2);
    expect(report.unscanned.length).toBeGreaterThan(0);
    const pages = Math.ceil(report.rows.length / PAGE_SIZE);
    const escapes = '"\\\u0001'.repeat(100); // quotes, backslashes and control characters grow when escaped
    const worst = { ...ctx(1), clusterName: long(60), notes: [long(400), escapes, long(400), long(400)], pageData: (p: number) => ({ page: p, f: { t: 'x'.repeat(256), c: 'c'.repeat(63), s: 'high', x: 1 as const, r: 1 as const } }) };
    for (let page = 1; page <= pages; page++) {
      const model = vulnerabilitiesModel(report, { ...worst, page });
      if (page === 1) expect(model.images.length + model.topCves.length + model.findings.length).toBe(6 + 5 + PAGE_SIZE);
      expect(cardSizeBytes(renderCard('vulnerabilities', model))).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    }
    // the same with escape-heavy Azure strings instead of wide characters
    const escaped = findings.map((f) => ({ ...f, packageName: escapes, repository: `${escapes}${f.repository.slice(-2)}`, cveIds: [escapes + f.id] }));
    const report2 = buildReport(escaped, NONE);
    expect(cardSizeBytes(renderCard('vulnerabilities', vulnerabilitiesModel(report2, worst)))).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
  });

  it('page 1 carries the summary sections; later pages only the counts and their rows', () => {
    const findings = Array.from({ length: 40 }, (_, i) => mdvm({ id: `/f/${i}`, cveIds: [`CVE-2024-${1000 + i}`] }));
    const report = buildReport(findings, NONE);
    const one = vulnerabilitiesModel(report, ctx(1));
    expect(one.topCves.length).toBe(5);
    expect(one.findings.length).toBe(PAGE_SIZE);
    expect(one.previous).toBeUndefined();
    expect(one.next).toEqual({ page: 2, f: { c: 'aks-prod' } });
    const three = vulnerabilitiesModel(report, ctx(3));
    expect(three.topCves).toEqual([]);
    expect(three.findings.length).toBe(10);
    expect(three.findingsTitle).toBe('Findings 31–40 of 40 · page 3 of 3');
    expect(three.next).toBeUndefined();
  });
});

describe('paging state and helpers', () => {
  it('button data carries only the page and the filters, and reads back into the same query', () => {
    const q = { page: 2, cluster: 'aks-prod', filters: { target: 'ratings-api', minSeverity: 'high' as const, fixable: true, running: true } };
    const data = pageData(q, 4);
    expect(data).toEqual({ page: 4, f: { t: 'ratings-api', s: 'high', x: 1, r: 1, c: 'aks-prod' } });
    expect(queryFromPageData(data)).toEqual({ ...q, page: 4, subscription: undefined });
    expect(queryFromPageData({ verb: 'vulnPage', ...data })?.page).toBe(4); // the Submit fallback adds its verb
    expect(queryFromPageData({ page: -1 })).toBeUndefined();
    expect(queryFromPageData('nonsense')).toBeUndefined();
    expect(commandText(q, 'aks-prod', 4)).toBe('vulnerabilities ratings-api severity high fixable running page 4 on aks-prod');
  });

  it('splits image references as a runtime does', () => {
    expect(parseImageRef('nginx')).toEqual({ host: 'docker.io', repository: 'library/nginx' });
    expect(parseImageRef('bitnami/mongodb:4.4')).toEqual({ host: 'docker.io', repository: 'bitnami/mongodb', tag: '4.4' });
    expect(parseImageRef('acrprod.azurecr.io/team/ratings-api:v1@sha256:abc')).toEqual({ host: 'acrprod.azurecr.io', repository: 'team/ratings-api', tag: 'v1', digest: 'sha256:abc' });
    expect(parseImageRef('localhost:5000/app')).toEqual({ host: 'localhost:5000', repository: 'app' });
  });

  it('reads the free-trial duration Azure reports', () => {
    expect(trialLeft('P30D')).toBe('30 days');
    expect(trialLeft('PT12H')).toBe('12 hours');
    expect(trialLeft('PT0S')).toBeUndefined();
    expect(trialLeft(undefined)).toBeUndefined();
  });
});
