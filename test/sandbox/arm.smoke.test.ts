import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './armHarness.js';
import { SUBSCRIPTION_PRODUCTION, SUBSCRIPTION_WORKSHOP } from '@palisade/sandbox/seed/index.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('ARM emulator smoke', () => {
  it('lists and gets the seeded clusters through the real SDK', async () => {
    const c = h.clients([SUBSCRIPTION_WORKSHOP]).containerService(SUBSCRIPTION_WORKSHOP);
    const names: string[] = [];
    for await (const mc of c.managedClusters.list()) names.push(mc.name!);
    expect(names).toEqual(['aks-workshop', 'aks-private']);
    const got = await c.managedClusters.get('aksworkshop', 'aks-workshop');
    expect(got.networkProfile?.networkPlugin).toBe('kubenet');
    expect(got.eTag).toBeTruthy();
  });

  it('serves pricings and sub-assessments', async () => {
    const s = h.clients([SUBSCRIPTION_PRODUCTION]).security(SUBSCRIPTION_PRODUCTION);
    const list = await s.pricings.list();
    expect(list.value?.find((p) => p.name === 'Containers')?.pricingTier).toBe('Standard');
    const subs = [];
    for await (const x of s.subAssessments.listAll(`subscriptions/${SUBSCRIPTION_PRODUCTION}`)) subs.push(x);
    expect(subs.length).toBe(40);
    expect(JSON.stringify(subs[0].additionalData)).toContain('AzureContainerRegistryVulnerability');
  });
});
