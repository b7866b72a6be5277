import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, BOB, cardOf, cardText, planIdOf, requestPlan, startTestBot, type TestBot, waitForCard } from '../helpers/bot.js';
import { networkClient, operatorKube, WORKSHOP } from '../helpers/azure.js';
import { patchService, type ServiceChange } from '../../src/kube/services.js';
import { kubeKey } from '@palisade/sandbox/world.js';

/** Patches ratings-web once the simulated cloud provider is idle, so its status writes cannot race the precondition. */
async function patchSettled(bot: TestBot, change: ServiceChange) {
  await bot.app.sandbox!.controller.idle();
  const api = await bot.app.services.kube.for(WORKSHOP);
  const rv = bot.app.sandbox!.world.findCluster('aks-workshop')!.kube.objects[kubeKey('v1', 'Service', 'ratingsapp', 'ratings-web')].metadata.resourceVersion;
  return patchService(api, 'ratingsapp', 'ratings-web', change, rv);
}

const NODE_RG = 'MC_aksworkshop_aks-workshop_eastus';
const INTERNAL = 'service.beta.kubernetes.io/azure-load-balancer-internal';

function text(replies: Array<{ activity: any }>): string {
  return replies.map((r) => cardText(cardOf(r.activity)) || r.activity.text || '').join('\n');
}

function frontendName(uid: string): string {
  return `a${uid.replace(/-/g, '')}`.slice(0, 32);
}

async function frontendsOf(bot: TestBot, lb: string): Promise<string[]> {
  try {
    const got = await networkClient(bot.app).loadBalancers.get(NODE_RG, lb);
    return (got.frontendIPConfigurations ?? []).map((f) => f.name ?? '');
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) return [];
    throw e;
  }
}

async function nsgRules(bot: TestBot) {
  const nsgs = [];
  for await (const n of networkClient(bot.app).networkSecurityGroups.list(NODE_RG)) nsgs.push(n);
  return nsgs.flatMap((n) => n.securityRules ?? []);
}

/** Sources of a rule as AKS writes them: the singular field when there is one source, the list otherwise. */
function sourcesOf(r: { sourceAddressPrefix?: string; sourceAddressPrefixes?: string[] }): string[] {
  return [...(r.sourceAddressPrefixes ?? []), ...(r.sourceAddressPrefix ? [r.sourceAddressPrefix] : [])];
}
function destinationsOf(r: { destinationAddressPrefix?: string; destinationAddressPrefixes?: string[] }): string[] {
  return [...(r.destinationAddressPrefixes ?? []), ...(r.destinationAddressPrefix ? [r.destinationAddressPrefix] : [])];
}
function portsOf(r: { destinationPortRange?: string; destinationPortRanges?: string[] }): string[] {
  return [...(r.destinationPortRanges ?? []), ...(r.destinationPortRange ? [r.destinationPortRange] : [])];
}

async function approveAndWait(bot: TestBot, planId: string, activityId: string, approver = ALICE): Promise<string> {
  await bot.click('approve', { planId }, approver);
  await bot.app.services.engine.idle();
  return waitForCard(bot, activityId, /Applied|Failed/);
}

describe("the workshop's workload-exposure sequence, from chat", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.closeAll());

  const ratingsWeb = () => bot.app.sandbox!.world.findCluster('aks-workshop')!.kube.objects[kubeKey('v1', 'Service', 'ratingsapp', 'ratings-web')];

  it('make ratings-web internal: annotation only, a private IP on kubernetes-internal, the public frontend gone; exposure and status agree', async () => {
    const before = structuredClone(ratingsWeb());
    const fe = frontendName(before.metadata.uid);
    expect(await frontendsOf(bot, 'kubernetes')).toContain(fe);

    const { planId, activityId } = await requestPlan(bot, 'make ratings-web internal');
    const plan = cardText(cardOf(bot.connector.latest(activityId)));
    expect(plan).toMatch(/Make ratings-web internal on aks-workshop/);
    expect(plan).toMatch(/Narrows exposure/);
    expect(plan).toMatch(/public IP 20\.72\.185\.150 is released/);
    expect(plan).toMatch(/stays reachable from the internet through Ingress ratings-web-ingress \(frontend\.20-72-185-149\.nip\.io\)/);

    const applied = await approveAndWait(bot, planId, activityId);
    expect(applied).toMatch(/Applied/);
    expect(applied).toMatch(/Load balancer kubernetes-internal\n.*10\.240\.0\.\d+ · subnet aks-subnet/);
    expect(applied).toMatch(/Frontend on kubernetes\ngone \(20\.72\.185\.150 released\)/);

    const after = ratingsWeb();
    expect(after.metadata.annotations).toEqual({ ...(before.metadata.annotations ?? {}), [INTERNAL]: 'true' });
    expect(after.spec).toEqual(before.spec);
    expect(after.metadata.labels).toEqual(before.metadata.labels);
    expect(after.status.loadBalancer.ingress[0].ip).toMatch(/^10\.240\.0\.\d+$/);
    expect(await frontendsOf(bot, 'kubernetes-internal')).toContain(fe);
    expect(await frontendsOf(bot, 'kubernetes')).not.toContain(fe);

    const exposure = text((await bot.say('exposure')).replies);
    expect(exposure).toMatch(/ratingsapp\/ratings-web\nINTERNAL \(VNet\) · 10\.240\.0\.\d+ · TCP 80/);
    expect(exposure).toMatch(/ratings-web · Load balancer kubernetes-internal/);

    const status = text((await bot.say('status')).replies);
    expect(status).not.toMatch(/ratings-web \(ratingsapp\) is public/);
  });

  it('make ratings-web public widens exposure: Alice cannot approve her own request, Bob can', async () => {
    const { planId, activityId } = await requestPlan(bot, 'make ratings-web public');
    expect(cardText(cardOf(bot.connector.latest(activityId)))).toMatch(/Widens exposure/);
    const own = await bot.click('approve', { planId }, ALICE);
    expect(cardText(own.body.value)).toMatch(/can't approve your own request/);
    const applied = await approveAndWait(bot, planId, activityId, BOB);
    expect(applied).toMatch(/Applied · approved by Bob/);
    const svc = ratingsWeb();
    expect(svc.metadata.annotations?.[INTERNAL]).toBeUndefined();
    const ip = svc.status.loadBalancer.ingress[0].ip;
    expect(ip).not.toMatch(/^10\./);
    expect(await frontendsOf(bot, 'kubernetes')).toContain(frontendName(svc.metadata.uid));
    expect(await frontendsOf(bot, 'kubernetes-internal')).not.toContain(frontendName(svc.metadata.uid));
  });

  let restrictCard = '';
  it('restrict ratings-web to 99.229.39.194/32: exactly that range on the Service, and the NSG allow rule AKS wrote', async () => {
    const { planId, activityId } = await requestPlan(bot, 'restrict ratings-web to 99.229.39.194/32');
    restrictCard = activityId;
    const plan = cardText(cardOf(bot.connector.latest(activityId)));
    expect(plan).toMatch(/Every other source is cut: after this only 99\.229\.39\.194\/32 can reach ratings-web/);
    expect(plan).toMatch(/Narrows exposure/);
    const applied = await approveAndWait(bot, planId, activityId);
    expect(applied).toMatch(/Applied/);

    const svc = ratingsWeb();
    const ip = svc.status.loadBalancer.ingress[0].ip;
    expect(svc.spec.loadBalancerSourceRanges).toEqual(['99.229.39.194/32']);
    const rules = await nsgRules(bot);
    const allow = rules.find((r) => r.access === 'Allow' && destinationsOf(r).includes(ip));
    expect(allow).toBeDefined();
    expect(sourcesOf(allow!)).toEqual(['99.229.39.194/32']);
    expect(portsOf(allow!)).toEqual(['80']);
    expect(allow!.direction).toBe('Inbound');
    expect(rules.some((r) => r.access === 'Deny' && destinationsOf(r).includes(ip))).toBe(true);
    expect(applied).toMatch(new RegExp(`NSG rule ${allow!.priority} \\(Allow\\)\\nTcp from 99\\.229\\.39\\.194/32 to ${ip.replace(/\./g, '\\.')} port 80`));

    const exposure = text((await bot.say('exposure in ratingsapp')).replies);
    expect(exposure).toMatch(/PUBLIC · [\d.]+ · TCP 80 · from only 99\.229\.39\.194\/32/);
  });

  it('revert of the restriction needs a second approver and opens it to the internet again', async () => {
    const before = bot.connector.sent.length;
    const planId = planIdOf(bot.connector.latest(restrictCard))!;
    await bot.click('revert', { planId }, ALICE);
    const posted = await bot.connector.waitFor(() => bot.connector.sent.slice(before).find((s) => s.method === 'POST' && /Remove the source ranges of ratings-web/.test(cardText(cardOf(s.activity)))));
    const revertId = planIdOf(posted.activity)!;
    expect(cardText(cardOf(posted.activity))).toMatch(/Widens exposure/);
    const applied = await approveAndWait(bot, revertId, posted.id, BOB);
    expect(applied).toMatch(/Applied/);
    const svc = ratingsWeb();
    expect(svc.spec.loadBalancerSourceRanges ?? []).toEqual([]);
    const ip = svc.status.loadBalancer.ingress[0].ip;
    const rules = (await nsgRules(bot)).filter((r) => destinationsOf(r).includes(ip));
    expect(rules.map((r) => [r.access, sourcesOf(r)])).toEqual([['Allow', ['Internet']]]);
  });

  it('revert of make internal makes it public again', async () => {
    const { planId, activityId } = await requestPlan(bot, 'make ratings-web internal in ratingsapp on aks-workshop');
    expect(await approveAndWait(bot, planId, activityId)).toMatch(/Applied/);
    expect(ratingsWeb().metadata.annotations[INTERNAL]).toBe('true');

    const before = bot.connector.sent.length;
    await bot.click('revert', { planId }, ALICE);
    const posted = await bot.connector.waitFor(() => bot.connector.sent.slice(before).find((s) => s.method === 'POST' && /Make ratings-web public on aks-workshop/.test(cardText(cardOf(s.activity)))));
    expect(await approveAndWait(bot, planIdOf(posted.activity)!, posted.id, BOB)).toMatch(/Applied/);
    const svc = ratingsWeb();
    expect(svc.metadata.annotations?.[INTERNAL]).toBeUndefined();
    expect(await frontendsOf(bot, 'kubernetes')).toContain(frontendName(svc.metadata.uid));
  });

  it('restrict to my ip: the one-time link captures the address and posts the plan', async () => {
    const res = await bot.say('restrict ratings-web to my ip');
    const link = /\((http:\/\/localhost:\d+\/ip\/[A-Za-z0-9_-]{43})\)/.exec(text(res.replies))![1].replace('localhost', '127.0.0.1');
    const before = bot.connector.sent.length;
    const page = await fetch(link, { method: 'POST' });
    expect(page.status).toBe(200);
    const posted = await bot.connector.waitFor(() => bot.connector.sent.slice(before).find((s) => /Restrict ratings-web to 203\.0\.113\.7\/32/.test(cardText(cardOf(s.activity)))));
    expect(await approveAndWait(bot, planIdOf(posted.activity)!, posted.id)).toMatch(/Applied/);
    expect(ratingsWeb().spec.loadBalancerSourceRanges).toEqual(['203.0.113.7/32']);
  });
});

describe('bad input and conflicts: a clear message and no change', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.closeAll());

  const objects = () => bot.app.sandbox!.world.findCluster('aks-workshop')!.kube.objects;
  const ratingsWeb = () => objects()[kubeKey('v1', 'Service', 'ratingsapp', 'ratings-web')];

  it.each([
    // a change to a Service no cluster has is asked about, offering the near names (never run as typed)
    ['make ratings-wbe internal', /aks-workshop has no Service named ratings-wbe[\s\S]*make ratings-web internal/],
    ['make ratings-web internal in ratingsap', /There is no namespace "ratingsap" on aks-workshop\. Did you mean ratingsapp\?/],
    ['make ratings-api internal', /ratings-api \(ratingsapp\) is a ClusterIP Service: it has only a cluster-internal address .*no Azure load balancer, so there is nothing to make internal/],
    ['restrict ratings-api to 99.229.39.194/32', /ClusterIP Service/],
    ['restrict ratings-web to 300.1.1.1/32', /"300\.1\.1\.1\/32" is not an IPv4 address or CIDR range/],
    ['restrict ratings-web to', /Restrict ratings-web to which sources\?/],
    ['restrict ratings-web to ,', /Restrict ratings-web to which sources\?/],
    ['restrict ratings-web to 0.0.0.0/0', /0\.0\.0\.0\/0 is the whole internet/],
    ['restrict ratings-web to 2001:db8::/32', /IPv6 range/],
    ['unrestrict ratings-web', /has no source ranges: it is already reachable from the whole internet/],
    ['make ratings-web public', /already public/],
    ['exposure in ratingsap', /There is no namespace "ratingsap" on aks-workshop/],
  ])('%s', async (command, message) => {
    const rv = ratingsWeb().metadata.resourceVersion;
    const plans = (await bot.app.services.store.list('plans')).length;
    const res = await bot.say(command);
    expect(text(res.replies)).toMatch(message);
    expect(ratingsWeb().metadata.resourceVersion).toBe(rv);
    expect((await bot.app.services.store.list('plans')).length).toBe(plans);
  });

  it('a ClusterIP service behind an Ingress: points at the ingress controller', async () => {
    await patchSettled(bot, { type: 'ClusterIP' });
    try {
      const res = await bot.say('make ratings-web internal');
      const t = text(res.replies);
      expect(t).toMatch(/ratings-web \(ratingsapp\) is a ClusterIP Service/);
      expect(t).toMatch(/through Ingress ratings-web-ingress \(frontend\.20-72-185-149\.nip\.io\) on the ingress controller nginx-ingress-ingress-nginx-controller in ingress-basic/);
      expect(t).toMatch(/restrict nginx-ingress-ingress-nginx-controller to ‹cidr› in ingress-basic/);
    } finally {
      await patchSettled(bot, { type: 'LoadBalancer' });
    }
  });

  it('making the ingress controller internal warns that the nip.io hosts pointing at its IP break', async () => {
    const { planId, activityId } = await requestPlan(bot, 'make nginx-ingress-ingress-nginx-controller internal');
    const plan = cardText(cardOf(bot.connector.latest(activityId)));
    expect(plan).toMatch(/Its public IP 20\.72\.185\.149 is released/);
    expect(plan).toMatch(/Ingress ratingsapp\/ratings-web-ingress \(frontend\.20-72-185-149\.nip\.io\) points at 20\.72\.185\.149: those hosts stop working/);
    await bot.click('reject', { planId }, ALICE);
    expect(cardText(cardOf(bot.connector.latest(activityId)))).toMatch(/Withdrawn/);
  });

  it('an ambiguous name asks which namespace', async () => {
    // another operator creates the look-alike: Palisade itself may not create Services
    const api = operatorKube(bot.app, 'aks-workshop');
    await api.core.createNamespacedService({ namespace: 'default', body: { metadata: { name: 'ratings-web' }, spec: { type: 'LoadBalancer', selector: { app: 'other' }, ports: [{ port: 8080, protocol: 'TCP' }] } } });
    try {
      const res = await bot.say('make ratings-web internal');
      const t = text(res.replies);
      expect(t).toMatch(/Several namespaces on aks-workshop have a Service named ratings-web/);
      const json = JSON.stringify(res.replies.map((r) => cardOf(r.activity)));
      expect(json).toContain('make ratings-web internal in default on aks-workshop');
      expect(json).toContain('make ratings-web internal in ratingsapp on aks-workshop');
    } finally {
      await api.core.deleteNamespacedService({ namespace: 'default', name: 'ratings-web' });
    }
  });

  it('the Service changed between plan and approve: the apply refuses and the other change stays', async () => {
    const { planId, activityId } = await requestPlan(bot, 'restrict ratings-web to 99.229.39.194/32');
    await patchSettled(bot, { annotations: { 'example.com/owner': 'web-team' } });

    await bot.click('approve', { planId }, ALICE);
    await bot.app.services.engine.idle();
    const failed = await waitForCard(bot, activityId, /Failed/);
    expect(failed).toMatch(/ratings-web changed since this plan \(its annotations changed\); nothing was changed/);
    expect(failed).toMatch(/Run the command again for a fresh plan/);
    expect(ratingsWeb().metadata.annotations['example.com/owner']).toBe('web-team');
    expect(ratingsWeb().spec.loadBalancerSourceRanges ?? []).toEqual([]);
  });
});
