import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOB, repliesText, requestPlan, startTestBot, type TestBot, waitForCard } from '../helpers/bot.js';

/**
 * Which permissions of the shipped role the product's Azure calls use: Palisade runs its main flows on the sandbox
 * (the ARM emulator enforcing the role), then the emulator lists the role's actions no request needed.
 */
describe('the shipped role against what Palisade calls', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.closeAll());

  async function approved(text: string) {
    const { planId, activityId } = await requestPlan(bot, text);
    await bot.click('approve', { planId }, BOB);
    return waitForCard(bot, activityId, /Applied|Failed/);
  }

  it('status, ranges, workloads, Defender: every call allowed; the unused permissions are the ones later features need', async () => {
    for (const cmd of ['status', 'status on aks-prod', 'status on aks-private', 'ip ranges on aks-workshop', 'defender', 'vulnerabilities on aks-prod']) {
      const { replies } = await bot.say(cmd);
      expect(repliesText(replies)).not.toMatch(/internal error|AuthorizationFailed|no access|\b403\b/i);
    }
    expect(await approved('make ratings-web internal')).toMatch(/Applied/);
    expect(await approved('set ip ranges 203.0.113.0/24 on aks-workshop')).toMatch(/Applied/);
    expect(await approved('enable defender for containers on aks-workshop')).toMatch(/Applied/);

    const rbac = bot.app.sandbox!.arm.rbac;
    // `status on aks-private` goes through Run Command (runCommand/action, commandResults/read)
    expect(rbac.usedActions()).toEqual([
      'Microsoft.ContainerService/locations/operations/read',
      'Microsoft.ContainerService/managedClusters/commandResults/read',
      'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action',
      'Microsoft.ContainerService/managedClusters/read',
      'Microsoft.ContainerService/managedClusters/runCommand/action',
      'Microsoft.ContainerService/managedClusters/write',
      'Microsoft.Network/loadBalancers/read',
      'Microsoft.Network/networkSecurityGroups/read',
      'Microsoft.Network/publicIPAddresses/read',
      'Microsoft.Security/assessments/subAssessments/read',
      'Microsoft.Security/pricings/read',
      'Microsoft.Security/pricings/write',
    ]);
    // Not called by today's product: Resource Graph (fleet discovery) is wrapped and emulated for the features that
    // come next; listing subscriptions (their names on cards) needs no action, as in ARM, and subscriptions/read is for
    // GET of one; assign/action is needed only for clusters with a user-assigned identity (none in the sandbox;
    // tested in arm.rbac.test.ts).
    expect(rbac.unusedPermissions()).toEqual([
      'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action',
      'Microsoft.ResourceGraph/resources/read',
      'Microsoft.Resources/subscriptions/read',
    ]);
  });
});
