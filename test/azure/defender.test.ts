import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../sandbox/armHarness.js';
import { getPricing, listPricings, listRegistryFindings, setContainersPlan } from '../../src/azure/defender.js';
import { AzureError } from '../../src/azure/errors.js';
import { IMAGES, REGISTRIES, SUBSCRIPTION_PRODUCTION, SUBSCRIPTION_WORKSHOP, addManyFindings, seedArm } from '@palisade/sandbox/seed/index.js';
import type { RegistryRecord } from '@palisade/sandbox/seed/index.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(seedArm(), { lroDurationMs: 50, firstScanDelayMs: 50 });
});
afterAll(() => h.close());

describe('pricings', () => {
  it('workshop: Containers Free, legacy plans deprecated and replaced by Containers', async () => {
    const plans = await listPricings(h.clients([SUBSCRIPTION_WORKSHOP]), SUBSCRIPTION_WORKSHOP);
    expect(plans.find((p) => p.name === 'Containers')).toMatchObject({ tier: 'Free', deprecated: false });
    for (const legacy of ['ContainerRegistry', 'KubernetesService']) {
      expect(plans.find((p) => p.name === legacy)).toMatchObject({ tier: 'Free', deprecated: true, replacedBy: ['Containers'] });
    }
  });

  it('production: Containers Standard with enablementTime', async () => {
    const p = await getPricing(h.clients([SUBSCRIPTION_PRODUCTION]), SUBSCRIPTION_PRODUCTION, 'Containers');
    expect(p.tier).toBe('Standard');
    expect(p.enablementTime).toBeTruthy();
  });

  it('403 AuthorizationFailed for securityForbidden subscriptions', async () => {
    h.world.state.subscriptions[SUBSCRIPTION_PRODUCTION].securityForbidden = true;
    try {
      const err = await listPricings(h.clients([SUBSCRIPTION_PRODUCTION]), SUBSCRIPTION_PRODUCTION).catch((e) => e);
      expect(err).toBeInstanceOf(AzureError);
      expect(err).toMatchObject({ code: 'AuthorizationFailed', status: 403 });
      const err2 = await listRegistryFindings(h.clients([SUBSCRIPTION_PRODUCTION]), SUBSCRIPTION_PRODUCTION).catch((e) => e);
      expect(err2).toMatchObject({ code: 'AuthorizationFailed', status: 403 });
    } finally {
      h.world.state.subscriptions[SUBSCRIPTION_PRODUCTION].securityForbidden = false;
    }
  });
});

describe('registry findings', () => {
  it('production: both shapes, all pages, both images, spread severities, some fixable', async () => {
    const findings = await listRegistryFindings(h.clients([SUBSCRIPTION_PRODUCTION]), SUBSCRIPTION_PRODUCTION);
    const mdvm = findings.filter((f) => f.source === 'mdvm');
    const qualys = findings.filter((f) => f.source === 'qualys');
    expect(mdvm).toHaveLength(28); // 14 per image: three pages of 10
    expect(qualys).toHaveLength(12);
    expect(new Set(mdvm.map((f) => f.digest))).toEqual(new Set([IMAGES['ratings-api:v1'].digest, IMAGES['ratings-web:v1'].digest]));
    expect(new Set(qualys.map((f) => f.digest))).toEqual(new Set([IMAGES['ratings-api:v1'].digest, IMAGES['ratings-web:v1'].digest]));
    expect(mdvm.every((f) => f.registryHost === 'acrprod.azurecr.io' && f.registryId === REGISTRIES.production.id)).toBe(true);
    expect(new Set(findings.map((f) => f.severity))).toEqual(new Set(['critical', 'high', 'medium', 'low']));
    expect(findings.some((f) => f.fixable) && findings.some((f) => !f.fixable)).toBe(true);
  });

  it('switching Containers to Standard triggers a first scan of the workshop registry', async () => {
    const clients = h.clients([SUBSCRIPTION_WORKSHOP]);
    expect(await listRegistryFindings(clients, SUBSCRIPTION_WORKSHOP)).toEqual([]);
    const plan = await setContainersPlan(clients, SUBSCRIPTION_WORKSHOP, 'Standard');
    expect(plan).toMatchObject({ name: 'Containers', tier: 'Standard' });
    expect(plan.enablementTime).toBeTruthy();
    let findings = await listRegistryFindings(clients, SUBSCRIPTION_WORKSHOP);
    for (let i = 0; i < 50 && findings.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      findings = await listRegistryFindings(clients, SUBSCRIPTION_WORKSHOP);
    }
    expect(findings.length).toBe(16);
    expect(findings.every((f) => f.registryHost === 'acr5398.azurecr.io')).toBe(true);
  });

  it('1,000 findings come back complete through nextLink paging', async () => {
    const state = seedArm();
    const sub = state.subscriptions[SUBSCRIPTION_WORKSHOP];
    addManyFindings(sub, sub.registries[0] as RegistryRecord, 1000);
    const big = await startHarness(state, { subAssessmentPageSize: 100 });
    try {
      const findings = await listRegistryFindings(big.clients([SUBSCRIPTION_WORKSHOP]), SUBSCRIPTION_WORKSHOP);
      expect(findings).toHaveLength(1000);
      expect(new Set(findings.map((f) => f.id)).size).toBe(1000);
    } finally {
      await big.close();
    }
  });
});
