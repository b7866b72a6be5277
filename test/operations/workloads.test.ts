import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationContext, PlanDraft, StoredPlan } from '../../src/approvals/types.js';
import type { NodeNetwork } from '../../src/azure/network.js';
import { parse } from '../../src/commands/grammar.js';
import { patchService, type ServiceChange } from '../../src/kube/services.js';
import type { ServiceInfo } from '../../src/kube/types.js';
import { azureSideOf, converged, exposureOf, frontendBase } from '../../src/operations/workloads/azureSide.js';
import { setLoadBalancerOperation, type SetLoadBalancerArgs } from '../../src/operations/workloads/makeInternal.js';
import { serviceRanges, setSourceRangesOperation, type SetSourceRangesArgs } from '../../src/operations/workloads/restrict.js';
import { kubeKey } from '@palisade/sandbox/world.js';
import { ALICE, operationContext, startTestBot, type TestBot } from '../helpers/bot.js';
import { WORKSHOP } from '../helpers/azure.js';

/** Patches ratings-web once the simulated cloud provider is idle, so its status writes cannot race the precondition. */
async function patchSettled(bot: TestBot, change: ServiceChange) {
  await bot.app.sandbox!.controller.idle();
  const api = await bot.app.services.kube.for(WORKSHOP);
  const rv = bot.app.sandbox!.world.findCluster('aks-workshop')!.kube.objects[kubeKey('v1', 'Service', 'ratingsapp', 'ratings-web')].metadata.resourceVersion;
  return patchService(api, 'ratingsapp', 'ratings-web', change, rv);
}

const cmd = (text: string) => {
  const r = parse(text);
  if (!r.ok) throw new Error(r.reply);
  return r.command;
};

describe('grammar: natural variants', () => {
  it.each([
    ['restrict access to ratings-web to 1.2.3.4 and 5.6.7.8 in ratingsapp', { kind: 'restrict', service: 'ratings-web', ranges: ['1.2.3.4', '5.6.7.8'], myIp: false, namespace: 'ratingsapp' }],
    ['restrict service ratings-web to only 99.229.39.194/32 on aks-prod', { kind: 'restrict', service: 'ratings-web', ranges: ['99.229.39.194/32'], myIp: false, cluster: 'aks-prod' }],
    ['remove restrictions from ratings-web', { kind: 'unrestrict', service: 'ratings-web' }],
    ['remove the source ranges from svc ratings-web in ratingsapp', { kind: 'unrestrict', service: 'ratings-web', namespace: 'ratingsapp' }],
    ['make svc ratings-web private subnet apps', { kind: 'makeInternal', service: 'ratings-web', subnet: 'apps' }],
    ['make ratings-web external', { kind: 'makePublic', service: 'ratings-web' }],
    ['what is exposed in ratingsapp on aks-workshop', { kind: 'exposure', namespace: 'ratingsapp', cluster: 'aks-workshop' }],
  ])('%s', (text, expected) => {
    expect(cmd(text)).toEqual(expected);
  });
});

describe('source ranges for a Service', () => {
  it('canonicalises, sorts and de-duplicates', () => {
    expect(serviceRanges(['99.229.39.194', '10.0.0.0/8', '99.229.39.194/32'], 'web')).toEqual(['10.0.0.0/8', '99.229.39.194/32']);
  });
  it.each([
    [[], /Restrict web to which sources/],
    [['300.1.1.1/32'], /"300\.1\.1\.1\/32" is not an IPv4 address or CIDR range/],
    [['99.229.39.194/29'], /99\.229\.39\.194\/29 is not a network address/],
    [['0.0.0.0/0'], /whole internet/],
    [['2001:db8::/32'], /IPv6 range/],
  ])('%j', (input, message) => {
    expect(() => serviceRanges(input, 'web')).toThrow(message);
  });
});

describe('matching a Service to what Azure holds', () => {
  const uid = 'a1334006-f74a-4db6-8c29-1c238b1bd2cf';
  const fe = frontendBase(uid);
  const svc = (over: Partial<ServiceInfo> = {}): ServiceInfo => ({
    namespace: 'ratingsapp', name: 'ratings-web', uid, resourceVersion: '1', type: 'LoadBalancer', ports: [{ protocol: 'TCP', port: 80 }],
    selector: {}, annotations: {}, labels: {}, loadBalancerSourceRanges: [], ingressIps: ['20.72.185.150'], internal: false, ...over,
  });
  const net = (rules: NodeNetwork['nsgs'][number]['rules'], lbs: NodeNetwork['loadBalancers'] = [{ name: 'kubernetes', frontends: [{ name: fe, publicIp: '20.72.185.150' }], rules: [] }]): NodeNetwork => ({
    loadBalancers: lbs,
    nsgs: [{ name: 'aks-agentpool-1-nsg', rules }],
  });
  const rule = (access: string, sources: string[], dest = '20.72.185.150', ports = ['80']) => ({ name: `r-${access}`, priority: access === 'Allow' ? 500 : 4095, direction: 'Inbound', access, protocol: 'Tcp', sourcePrefixes: sources, destinationPrefixes: [dest], destinationPorts: ports });

  it('a restricted public Service is converged only with the allow rule for exactly its ranges and the deny', () => {
    const s = svc({ loadBalancerSourceRanges: ['99.229.39.194/32'] });
    const e = exposureOf(s);
    expect(converged(e, s, azureSideOf(e, net([rule('Allow', ['Internet'])])))).toBe(false);
    expect(converged(e, s, azureSideOf(e, net([rule('Allow', ['99.229.39.194/32'])])))).toBe(false);
    expect(converged(e, s, azureSideOf(e, net([rule('Allow', ['99.229.39.194/32']), rule('Deny', ['*'], '20.72.185.150', ['*'])])))).toBe(true);
    expect(converged(e, s, azureSideOf(e, net([rule('Allow', ['99.229.39.194/32'], '20.72.185.150', ['443']), rule('Deny', ['*'])])))).toBe(false);
  });

  it('an internal Service is converged when its frontend is only on kubernetes-internal and no rule targets it', () => {
    const s = svc({ internal: true, annotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' }, ingressIps: ['10.240.0.7'] });
    const e = exposureOf(s);
    const internalLb = { name: 'kubernetes-internal', frontends: [{ name: fe, privateIp: '10.240.0.7' }], rules: [] };
    const publicLb = { name: 'kubernetes', frontends: [{ name: fe, publicIp: '20.72.185.150' }], rules: [] };
    expect(converged(e, s, azureSideOf(e, net([], [publicLb, internalLb])))).toBe(false);
    expect(converged(e, s, azureSideOf(e, net([], [{ ...publicLb, frontends: [] }, internalLb])))).toBe(true);
  });

  it('the legacy source-ranges annotation counts when the spec field is empty', () => {
    const e = exposureOf(svc({ annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '1.2.3.0/24, 5.6.7.8/32' } }));
    expect(e.ranges).toEqual(['1.2.3.0/24', '5.6.7.8/32']);
    expect(e.rangesFromAnnotation).toBe(true);
  });
});

describe('operations against the sandbox', () => {
  let bot: TestBot;
  let ctx: OperationContext;
  beforeAll(async () => {
    bot = await startTestBot();
    ctx = operationContext(bot, ALICE);
  });
  afterAll(async () => bot.closeAll());

  function stored<A, C, D>(args: A, draft: PlanDraft<C, D>): StoredPlan<A, C, D> {
    return {
      ...draft, id: 'p'.repeat(22), operation: 'workloads.setSourceRanges', args, requester: ALICE, conversation: {} as never, createdAt: new Date().toISOString(), expiresAt: new Date().toISOString(),
      state: 'applying', approvals: [], selfApprovalAllowed: true, approvalsNeeded: 1, fourEyes: false,
    };
  }

  it('live state after an error or a restart: nothing changed if the patch never landed, the read-back if it did', async () => {
    const args: SetSourceRangesArgs = { cluster: WORKSHOP, service: 'ratings-web', ranges: ['198.51.100.0/24'] };
    const plan = stored(args, await setSourceRangesOperation.plan(ctx, args));
    expect(await setSourceRangesOperation.check(ctx, plan)).toEqual({ state: 'notApplied', live: 'Nothing was changed: ratingsapp/ratings-web is still public (kubernetes), reachable from the whole internet.' });

    await patchSettled(bot, plan.desired.change);
    const live = await setSourceRangesOperation.check(ctx, plan);
    if (live.state !== 'applied') throw new Error(`expected applied, got ${JSON.stringify(live)}`);
    expect(live.outcome.summary).toMatch(/reachable from only 198\.51\.100\.0\/24/);
    expect(live.outcome.facts.map((f) => `${f.title}: ${f.value}`).join('\n')).toMatch(/NSG rule \d+ \(Allow\): Tcp from 198\.51\.100\.0\/24 to 20\.72\.185\.150 port 80/);
  });

  it('a subnet move plans as neutral and reverts to the node subnet', async () => {
    const internal: SetLoadBalancerArgs = { cluster: WORKSHOP, service: 'ratings-web', internal: true };
    await patchSettled(bot, { annotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' } });
    const draft = await setLoadBalancerOperation.plan(ctx, { ...internal, subnet: 'apps' });
    expect(draft.risk).toBe('neutral');
    expect(draft.title).toBe('Move ratings-web to subnet apps on aks-workshop');
    expect(draft.revert?.args).toMatchObject({ internal: true, subnet: null, namespace: 'ratingsapp' });
    await expect(setLoadBalancerOperation.plan(ctx, internal)).rejects.toThrow(/already internal/);
  });

  it('no IP within the deadline: a clear message that says the Service was changed and how to undo it', async () => {
    await patchSettled(bot, { annotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal': null } });
    await bot.app.sandbox!.controller.idle();
    const args: SetLoadBalancerArgs = { cluster: WORKSHOP, service: 'ratings-web', internal: true, subnet: 'missing' };
    const plan = stored(args, await setLoadBalancerOperation.plan(ctx, args));
    bot.app.sandbox!.controller.stop(); // the cloud provider never answers
    await expect(setLoadBalancerOperation.apply(ctx, plan, async () => {})).rejects.toThrow(
      /The Service was changed, but ratings-web has no private IP after 10 s .*Check that subnet missing exists/,
    );
  }, 30_000);
});
