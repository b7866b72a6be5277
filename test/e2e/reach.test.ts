import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadShippedRole } from '@palisade/sandbox/arm/index.js';
import { PALISADE_SANDBOX_PRINCIPAL_ID } from '@palisade/sandbox';
import { BOB, cardOf, cardText, repliesText, requestPlan, startTestBot, type TestBot, waitForCard } from '../helpers/bot.js';
import { operatorKube, PROD, readRanges } from '../helpers/azure.js';
import { exec, hasKubectl } from '../helpers/kubectl.js';

/**
 * Issue 17: every cluster is reachable. A private cluster, and a public one whose authorized ranges shut Palisade
 * out, are read and changed through AKS Run Command (kubectl in a pod inside the cluster, as Palisade), with the
 * same plan → approve → apply → read back, and the cards say which way Palisade went.
 */

const RUN_COMMAND = /Kubernetes read via AKS Run Command/;

function commands(bot: TestBot, cluster: string): string[] {
  return Object.values(bot.app.sandbox!.world.state.commandResults ?? {})
    .filter((r) => r.clusterId.toLowerCase().endsWith(`/managedclusters/${cluster}`))
    .map((r) => r.command);
}

function object(bot: TestBot, cluster: string, key: string): any {
  return bot.app.sandbox!.world.findCluster(cluster)!.kube.objects[key];
}

async function approve(bot: TestBot, text: string, approver = BOB) {
  const { planId, activityId } = await requestPlan(bot, text);
  const pending = cardText(cardOf(bot.connector.latest(activityId)));
  await bot.click('approve', { planId }, approver);
  return { pending, applied: await waitForCard(bot, activityId, /● (Applied|Failed)/) };
}

describe('aks-private, a private cluster, through AKS Run Command', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.closeAll());

  it("its API server takes no direct connection: not the kubeconfig's operator, not real kubectl", async () => {
    await expect(operatorKube(bot.app, 'aks-private').core.listNamespace()).rejects.toThrow();
    if (hasKubectl) {
      const kubeconfig = bot.app.sandbox!.kubeconfigPath;
      const args = ['--kubeconfig', kubeconfig, '--context', 'aks-private', '--request-timeout', '2s', 'version'];
      await expect(exec('kubectl', args)).rejects.toMatchObject({ stderr: expect.stringMatching(/Unable to connect to the server|EOF|connection reset|timeout/i) });
    }
  });

  it('status and exposure read it through Run Command, as Palisade, and say so', async () => {
    const status = repliesText((await bot.say('status on aks-private')).replies);
    // no watch through Run Command: once the cluster is known to refuse Palisade, a turn's lists go live and those
    // asked for together as one command (not one per kind)
    const before = commands(bot, 'aks-private').length;
    expect(repliesText((await bot.say('status on aks-private')).replies)).toMatch(RUN_COMMAND);
    const statusCommands = commands(bot, 'aks-private').slice(before);
    expect(statusCommands).toHaveLength(2);
    expect(statusCommands).toContain('kubectl get services,ingresses.networking.k8s.io,networkpolicies.networking.k8s.io -A -o json');
    expect(status).toMatch(RUN_COMMAND);
    expect(status).toMatch(/ratings-web \(ratingsapp\) is public to the whole internet/);
    expect(status).not.toMatch(/Could not read this area/);
    const exposure = repliesText((await bot.say('exposure on aks-private')).replies);
    expect(exposure).toMatch(/Kubernetes read via AKS Run Command\./);
    expect(exposure).toMatch(/ratingsapp\/ratings-web\nPUBLIC · 20\.72\.185\.\d+ · TCP 80/);
    // lists asked for together go as one command (`kubectl get a,b,c`): Services among them
    expect(commands(bot, 'aks-private')).toContainEqual(expect.stringMatching(/^kubectl get ([\w.-]+,)*services(,[\w.-]+)* -A -o json$/));
  });

  it('make ratings-web internal: planned, approved, applied and read back through Run Command', async () => {
    const { pending, applied } = await approve(bot, 'make ratings-web internal on aks-private');
    expect(pending).toMatch(/Via AKS Run Command: the API server does not accept Palisade's connection \(no answer/);
    expect(applied).toMatch(/● Applied · approved by Bob/);
    expect(applied).toMatch(/Service\nratingsapp\/ratings-web: internal \(kubernetes-internal\) · 10\.\d+\.\d+\.\d+ · TCP 80/);
    expect(applied).toMatch(/Kubernetes\nvia AKS Run Command/);
    const svc = object(bot, 'aks-private', 'v1|Service|ratingsapp|ratings-web');
    expect(svc.metadata.annotations['service.beta.kubernetes.io/azure-load-balancer-internal']).toBe('true');
    expect(svc.metadata.managedFields.map((m: any) => m.manager)).toContain('palisade');
    expect(commands(bot, 'aks-private').some((c) => /^kubectl patch services ratings-web -n ratingsapp --type merge -p '.*"resourceVersion"/.test(c))).toBe(true);
  });

  it('zero-trust ratingsapp: the policies are applied server-side through Run Command', async () => {
    const { pending, applied } = await approve(bot, 'zero-trust ratingsapp on aks-private');
    expect(pending).toMatch(/Via AKS Run Command/);
    expect(applied).toMatch(/● Applied/);
    const deny = object(bot, 'aks-private', 'networking.k8s.io/v1|NetworkPolicy|ratingsapp|palisade-default-deny');
    expect(deny.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(deny.metadata.managedFields.map((m: any) => m.manager)).toContain('palisade');
    expect(commands(bot, 'aks-private')).toContain('kubectl apply --server-side --field-manager=palisade --force-conflicts -f manifest.json -o json');
  });

  it('can ratings-web reach ratings-api: answered from the policies read through Run Command', async () => {
    const text = repliesText((await bot.say('can ratings-web reach ratings-api on aks-private')).replies);
    expect(text).toMatch(/The policies would allow ratings-web → ratings-api on TCP 80 → 3000, but nothing enforces them/);
    expect(text).toMatch(/allowed by .*palisade-ingress-ratings-api/);
    expect(text).toMatch(/Kubernetes\nread via AKS Run Command/);
  });

  it("every command ran as Palisade (its Entra token as clusterToken), never as Run Command's cluster admin", () => {
    const results = Object.values(bot.app.sandbox!.world.state.commandResults ?? {});
    expect(results.length).toBeGreaterThan(5);
    expect(results.every((r) => r.provisioningState === 'succeeded')).toBe(true);
    const recorder = bot.app.sandbox!.kube.rbac.recorder;
    expect(recorder.used('aks-runcommand')).toEqual([]);
    expect(recorder.used(PALISADE_SANDBOX_PRINCIPAL_ID)).toContainEqual({ verb: 'patch', apiGroup: 'networking.k8s.io', resource: 'networkpolicies' });
  });

  it('when Azure refuses Run Command too, the answer names both ways in and what to grant', async () => {
    const rbac = bot.app.sandbox!.arm.rbac;
    rbac.removeAction('Microsoft.ContainerService/managedClusters/runCommand/action');
    try {
      const text = repliesText((await bot.say('exposure on aks-private')).replies);
      expect(text).toMatch(/I can't reach the Kubernetes API of aks-private, neither directly \(no answer.*\) nor through AKS Run Command \(The client .* does not have authorization to perform action 'Microsoft\.ContainerService\/managedClusters\/runCommand\/action'/s);
      expect(text).toMatch(/runCommand\/action and commandResults\/read/);
    } finally {
      rbac.setPalisadeRole(loadShippedRole());
    }
  });
});

describe('a public cluster whose authorized ranges shut Palisade out', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.closeAll());

  it('set ip ranges 198.51.100.0/24 on aks-prod: confirmed, approved by a second person; Palisade still reaches it through Run Command', async () => {
    const ask = repliesText((await bot.say('set ip ranges 198.51.100.0/24 on aks-prod')).replies);
    expect(ask).toMatch(/would lock Palisade out of aks-prod: 203\.0\.113\.7 is not in 198\.51\.100\.0\/24\. Palisade could read and change its workloads only through AKS Run Command/);
    const { pending, applied } = await approve(bot, 'set ip ranges 198.51.100.0/24 on aks-prod confirm');
    expect(pending).toMatch(/Four-eyes/);
    expect(applied).toMatch(/Kubernetes API from Palisade\s*\ndirectly: unreachable \(203\.0\.113\.7 is not in the authorized ranges\); through AKS Run Command: reachable/);
    expect(await readRanges(bot.app, PROD)).toEqual(['198.51.100.0/24']);
  });

  it('status and exposure read it; make ratings-web internal fixes it, all through Run Command', async () => {
    expect(repliesText((await bot.say('status on aks-prod')).replies)).toMatch(RUN_COMMAND);
    expect(repliesText((await bot.say('exposure on aks-prod')).replies)).toMatch(/Kubernetes read via AKS Run Command\./);
    const { pending, applied } = await approve(bot, 'make ratings-web internal on aks-prod');
    expect(pending).toMatch(/Via AKS Run Command/);
    expect(applied).toMatch(/● Applied/);
    expect(applied).toMatch(/Kubernetes\nvia AKS Run Command/);
    expect(object(bot, 'aks-prod', 'v1|Service|ratingsapp|ratings-web').metadata.annotations['service.beta.kubernetes.io/azure-load-balancer-internal']).toBe('true');
  });

  it('once Palisade is allowed again, the direct path is used again', async () => {
    // Letting an address in widens the API server's exposure: a second person approves.
    const { pending, applied } = await approve(bot, 'allowlist 203.0.113.7 on aks-prod', BOB);
    expect(pending).toMatch(/Four-eyes/);
    expect(applied).toMatch(/Kubernetes API from Palisade\s*\nreachable/);
    const before = commands(bot, 'aks-prod').length;
    const status = repliesText((await bot.say('status on aks-prod')).replies);
    expect(status).not.toMatch(RUN_COMMAND);
    expect(commands(bot, 'aks-prod').length).toBe(before);
  });
});

describe('names people know: subscriptions by display name', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.closeAll());

  it('clusters, use cluster and status show subscription names', async () => {
    const clusters = repliesText((await bot.say('clusters')).replies);
    expect(clusters).toMatch(/aks-private\nWorkshop · aksworkshop · eastus\nPrivate API/);
    expect(clusters).toMatch(/aks-prod\nProduction · prod-rg · westeurope\nPublic API/);
    expect(clusters).not.toMatch(/11111111-1111-4111-8111-111111111111/);
    expect(repliesText((await bot.say('use cluster aks-prod')).replies)).toMatch(/Subscription\nProduction \(22222222-2222-4222-8222-222222222222\)/);
    expect(repliesText((await bot.say('status')).replies)).toMatch(/aks-prod\nProduction · prod-rg · westeurope/);
  });

  it('commands that name a subscription take its name or its id; an unknown one lists the names', async () => {
    // the same card either way, apart from the echo of what was typed
    const card = async (text: string) => repliesText((await bot.say(text)).replies).replace(/^Read as: .*\n/, '');
    const byName = await card('defender in production');
    expect(byName).toMatch(/^MICROSOFT DEFENDER\nDefender plans · subscription Production\n/);
    expect(byName).toMatch(/Production \(22222222-2222-4222-8222-222222222222\)\nClusters: aks-cilium, aks-prod/);
    expect(byName).toBe(await card('defender in 22222222-2222-4222-8222-222222222222'));
    expect(repliesText((await bot.say('vulnerabilities in Production')).replies)).toMatch(/^Subscription Production · (Filters|No filters)/m);
    const unknown = repliesText((await bot.say('defender in staging')).replies);
    expect(unknown).toMatch(/I don't manage a subscription "staging"/);
    expect(unknown).toMatch(/Production \(22222222-2222-4222-8222-222222222222\), Workshop \(11111111-1111-4111-8111-111111111111\)|Workshop \(11111111-1111-4111-8111-111111111111\), Production/);
  });
});
