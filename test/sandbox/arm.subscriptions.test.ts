import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { armFetch, startHarness, type Harness } from './armHarness.js';
import { PALISADE_SANDBOX_PRINCIPAL_ID } from '@palisade/sandbox/identity.js';
import { SUBSCRIPTION_PRODUCTION, SUBSCRIPTION_WORKSHOP } from '@palisade/sandbox/seed/index.js';
import { getSubscription, listSubscriptions, subscriptionNames } from '../../src/azure/subscriptions.js';
import { AzureError } from '../../src/azure/errors.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(() => h.emulator.rbac.grantSubscription(SUBSCRIPTION_PRODUCTION));

describe('Subscriptions through @azure/arm-resources-subscriptions', () => {
  it('lists the sandbox subscriptions with their display names; gets one by id', async () => {
    const clients = h.clients([SUBSCRIPTION_WORKSHOP, SUBSCRIPTION_PRODUCTION]);
    expect((await listSubscriptions(clients)).map((s) => [s.displayName, s.subscriptionId, s.state])).toEqual([
      ['Production', SUBSCRIPTION_PRODUCTION, 'Enabled'],
      ['Workshop', SUBSCRIPTION_WORKSHOP, 'Enabled'],
    ]);
    expect(await getSubscription(clients, SUBSCRIPTION_WORKSHOP)).toMatchObject({ displayName: 'Workshop', tenantId: '72f988bf-0000-4000-8000-00000000a11c' });
    expect(await subscriptionNames(clients)).toEqual(new Map([[SUBSCRIPTION_WORKSHOP, 'Workshop'], [SUBSCRIPTION_PRODUCTION, 'Production']]));
  });

  it('a subscription without a role assignment is not listed, and reading it is a 403', async () => {
    h.emulator.rbac.unassign(PALISADE_SANDBOX_PRINCIPAL_ID, `/subscriptions/${SUBSCRIPTION_PRODUCTION}`);
    const clients = h.clients([SUBSCRIPTION_WORKSHOP, SUBSCRIPTION_PRODUCTION]);
    expect((await listSubscriptions(clients)).map((s) => s.displayName)).toEqual(['Workshop']);
    const err = await getSubscription(clients, SUBSCRIPTION_PRODUCTION).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AzureError);
    expect(err).toMatchObject({ status: 403, code: 'AuthorizationFailed' });
    expect((await subscriptionNames(clients)).get(SUBSCRIPTION_PRODUCTION)).toBe(SUBSCRIPTION_PRODUCTION);
    const missing = await armFetch(h, 'GET', '/subscriptions/99999999-9999-4999-8999-999999999999?api-version=2022-12-01');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('SubscriptionNotFound');
  });
});
