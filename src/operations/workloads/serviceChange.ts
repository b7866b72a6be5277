import YAML from 'yaml';
import { type ApplyOutcome, type Fact, type LiveOutcome, type Operation, type OperationContext, type Progress, StalePlanError, type StoredPlan } from '../../approvals/types.js';
import { getCluster } from '../../azure/clusters.js';
import { AzureError } from '../../azure/errors.js';
import { getNodeNetwork } from '../../azure/network.js';
import type { ClusterInfo, ClusterRef } from '../../domain.js';
import { UserError } from '../../errors.js';
import type { KubeApi } from '../../kube/connect.js';
import { KubeConflict, KubeInvalid, KubeNotFound, KubeUnreachable } from '../../kube/errors.js';
import { listIngresses } from '../../kube/ingresses.js';
import { getService, listServices, patchService, type ServiceChange, waitForIngressIp } from '../../kube/services.js';
import type { IngressInfo, ServiceInfo } from '../../kube/types.js';
import { type AzureSide, azureSideOf, converged, type Exposure, exposureOf, frontendFacts, INTERNAL_LB, isPrivateIp, kindText, nsgFacts, PUBLIC_LB, reach } from './azureSide.js';
import { findService, kubeRead, requireLoadBalancer } from './resolveService.js';

/** What both workload operations share: find the Service, check it is a LoadBalancer, and the guarded patch → wait → read-back. */

export interface ServiceTarget {
  cluster: ClusterRef;
  service: string;
  /** Resolved by the handler when it can; the plan resolves it otherwise. */
  namespace?: string;
}

/** What a plan records about the Service: enough to show before/after and to tell a real change from a status update. */
export interface ServiceSnapshot {
  exposure: Exposure;
  /** Everything but status and resourceVersion, so the cloud provider's status writes do not make a plan stale. */
  fingerprint: string;
  /** Per-part fingerprints, to say what changed. */
  parts: Record<string, string>;
}

export interface Loaded {
  info: ClusterInfo;
  api: KubeApi;
  svc: ServiceInfo;
  services: ServiceInfo[];
  ingresses: IngressInfo[];
}

const PART_NAMES: Record<string, string> = {
  type: 'type',
  annotations: 'annotations',
  labels: 'labels',
  ports: 'ports',
  selector: 'selector',
  ranges: 'source ranges',
  clusterIP: 'cluster IP',
};

export function snapshot(svc: ServiceInfo): ServiceSnapshot {
  const sorted = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  const parts = {
    type: svc.type,
    annotations: JSON.stringify(sorted(svc.annotations)),
    labels: JSON.stringify(sorted(svc.labels)),
    ports: JSON.stringify(svc.ports),
    selector: JSON.stringify(sorted(svc.selector)),
    ranges: JSON.stringify(svc.loadBalancerSourceRanges),
    clusterIP: svc.clusterIP ?? '',
  };
  return { exposure: exposureOf(svc), fingerprint: JSON.stringify(parts), parts };
}

export async function loadTarget(ctx: OperationContext, target: ServiceTarget, action: string, commandIn: (ns: string) => string): Promise<Loaded> {
  const { info } = await getCluster(ctx.azure, target.cluster);
  const api = await kubeRead(info.name, () => ctx.kube.for(target.cluster));
  const svc = await findService(api, info.name, target.service, target.namespace, commandIn);
  const [services, ingresses] = await kubeRead(info.name, () => Promise.all([listServices(api), listIngresses(api)]));
  requireLoadBalancer(svc, info.name, action, ingresses, services);
  return { info, api, svc, services, ingresses };
}

/** The Service after the change as a manifest, like the workshop's ratings-web-service-int-LB.yaml / -w-nsg.yaml. */
export function manifestAfter(svc: ServiceInfo, change: ServiceChange): string {
  const annotations: Record<string, string> = { ...svc.annotations };
  for (const [k, v] of Object.entries(change.annotations ?? {})) {
    if (v === null) delete annotations[k];
    else annotations[k] = v;
  }
  const ranges = change.loadBalancerSourceRanges === undefined ? svc.loadBalancerSourceRanges : change.loadBalancerSourceRanges ?? [];
  const doc = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: svc.name, namespace: svc.namespace, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: {
      type: svc.type,
      selector: svc.selector,
      ports: svc.ports.map((p) => ({ protocol: p.protocol, port: p.port, ...(p.targetPort !== undefined ? { targetPort: p.targetPort } : {}) })),
      ...(ranges.length ? { loadBalancerSourceRanges: ranges } : {}),
    },
  };
  return YAML.stringify(doc).trimEnd();
}

/** Ingresses whose address is this IP, or whose hosts spell it (nip.io style): they break when the IP goes away. */
export function ingressesOnIp(ip: string | undefined, ingresses: IngressInfo[]): IngressInfo[] {
  if (!ip) return [];
  const dashed = ip.replace(/\./g, '-');
  return ingresses.filter((i) => i.addresses.includes(ip) || i.hosts.some((h) => h.includes(dashed) || h.includes(ip)));
}

function describeStale(planned: ServiceSnapshot, live: ServiceInfo): string {
  const now = snapshot(live).parts;
  const changed = Object.keys(PART_NAMES).filter((k) => planned.parts[k] !== now[k]).map((k) => PART_NAMES[k]);
  return changed.length ? ` (its ${changed.join(', ')} changed)` : '';
}

function seconds(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.round(ms / 1000)} s`;
}

/**
 * The only writer: re-reads the Service, refuses a plan it no longer matches, merge-patches with the live
 * resourceVersion as precondition, then waits for Kubernetes and Azure to show the result.
 */
export async function applyServiceChange(ctx: OperationContext, plan: ServicePlan, change: ServiceChange, progress: Progress): Promise<ApplyOutcome> {
  const planned = plan.current;
  const desired = plan.desired.exposure;
  const { namespace, name } = planned.exposure;
  const { info } = await getCluster(ctx.azure, plan.args.cluster);
  const api = await kubeRead(info.name, () => ctx.kube.for(plan.args.cluster));
  let live: ServiceInfo;
  try {
    live = await kubeRead(info.name, () => getService(api, namespace, name));
  } catch (e) {
    if (e instanceof KubeNotFound) throw new StalePlanError(`${name} was deleted from ${namespace} since this plan; nothing was changed.`, 'Run the command again if it comes back.');
    throw e;
  }
  // A status-only write (the cloud provider's) bumps resourceVersion too; only a change to the Service itself is stale
  if (live.uid !== planned.exposure.uid || (live.resourceVersion !== plan.precondition.resourceVersion && snapshot(live).fingerprint !== planned.fingerprint))
    throw new StalePlanError(`${name} changed since this plan${describeStale(planned, live)}; nothing was changed.`, 'Run the command again for a fresh plan.');
  await progress(`Patching Service ${namespace}/${name}…`);
  try {
    await kubeRead(info.name, () => patchService(api, namespace, name, change, live.resourceVersion));
  } catch (e) {
    // A conflict may answer a retry of our own patch whose response was lost: the engine decides from live state
    if (e instanceof KubeConflict || e instanceof KubeNotFound) throw new UserError(`${name} changed while this plan was being applied.`, 'Run the command again for a fresh plan.');
    if (e instanceof KubeInvalid)
      throw new UserError(`Kubernetes refused the change to ${namespace}/${name}: ${[e.message, ...e.causes.map((c) => c.message)].filter(Boolean).join('; ')}.`, 'Fix the cause and run the command again.');
    throw e;
  }
  return verify(ctx, info, api, desired, planned.exposure, progress);
}

/** Waits for the Service's IP on the right kind of frontend, then reads the node resource group until Azure agrees. */
export async function verify(
  ctx: OperationContext, info: ClusterInfo, api: KubeApi, desired: Exposure, before: Exposure, progress: Progress,
  waits: { ipTimeoutMs?: number; azureTimeoutMs?: number } = {},
): Promise<ApplyOutcome> {
  const t = {
    ipTimeoutMs: waits.ipTimeoutMs ?? ctx.timings.serviceIpTimeoutMs,
    azureTimeoutMs: waits.azureTimeoutMs ?? ctx.timings.azureConvergeTimeoutMs,
    pollMs: ctx.timings.servicePollMs,
  };
  const { namespace, name } = desired;
  const moving = desired.internal !== before.internal || desired.subnet !== before.subnet;
  const lb = desired.internal ? INTERNAL_LB : PUBLIC_LB;
  if (moving) await progress(`Waiting for Azure to give ${name} ${desired.internal ? 'a private IP on' : 'a public IP on'} ${lb}…`);
  let svc: ServiceInfo;
  try {
    svc = await waitForIngressIp(api, namespace, name, { timeoutMs: t.ipTimeoutMs, pollMs: t.pollMs, accept: (ip) => isPrivateIp(ip) === desired.internal });
  } catch (e) {
    if (!(e instanceof KubeUnreachable)) throw e;
    const now = await kubeRead(info.name, () => getService(api, namespace, name)); // still reachable: it was the deadline
    throw new UserError(
      `The Service was changed, but ${name} has no ${desired.internal ? 'private' : 'public'} IP after ${seconds(t.ipTimeoutMs)} (now: ${now.ingressIps.join(', ') || 'none'}).${
        desired.subnet ? ` Check that subnet ${desired.subnet} exists in the cluster's VNet.` : ''
      } Azure may still be working on it, or the cloud provider reported an error on the Service.`,
      `Look again with \`exposure in ${namespace}\` in a few minutes; \`kubectl describe service ${name} -n ${namespace}\` shows the cloud provider's events.${moving ? ` To undo it: \`make ${name} ${before.internal ? 'internal' : 'public'} in ${namespace}\`.` : ''}`,
    );
  }
  await progress(`${name} has ${svc.ingressIps[0]}; reading the load balancer and NSG in ${info.nodeResourceGroup ?? 'the node resource group'}…`);
  const deadline = Date.now() + t.azureTimeoutMs;
  let side: AzureSide | undefined;
  let azureProblem: string | undefined;
  let done = false;
  for (;;) {
    svc = await kubeRead(info.name, () => getService(api, namespace, name));
    try {
      const net = await getNodeNetwork(ctx.azure, info);
      side = azureSideOf(desired, net, [...new Set([...svc.ingressIps, ...(before.ip ? [before.ip] : [])])]);
      azureProblem = undefined;
      done = converged({ ...desired, ip: svc.ingressIps[0] }, svc, side);
    } catch (e) {
      if (!(e instanceof AzureError)) throw e;
      azureProblem = `${e.message} (${e.code})`;
    }
    if (done || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, t.pollMs));
  }
  return outcome(info, svc, desired, before, side, done, azureProblem);
}

function outcome(info: ClusterInfo, svc: ServiceInfo, desired: Exposure, before: Exposure, side: AzureSide | undefined, done: boolean, azureProblem: string | undefined): ApplyOutcome {
  const now = exposureOf(svc);
  const facts: Fact[] = [
    { title: 'Service', value: `${svc.namespace}/${svc.name}: ${kindText(now)} · ${now.ip ?? 'no IP'} · ${now.ports}` },
    { title: 'Reachable from', value: reach(now) },
  ];
  if (side) {
    facts.push(...frontendFacts(side));
    const moved = desired.internal !== before.internal;
    if (moved) {
      const oldLb = before.internal ? INTERNAL_LB : PUBLIC_LB;
      const left = side.frontends.some((f) => f.lb === oldLb);
      facts.push({ title: `Frontend on ${oldLb}`, value: left ? 'still there (Azure has not finished)' : `gone${before.ip ? ` (${before.ip} released)` : ''}` });
    }
    const current = side.rules.filter((r) => svc.ingressIps.some((ip) => r.destinationPrefixes.includes(ip)));
    facts.push(...nsgFacts({ frontends: [], rules: current }));
    if (current.length === 0) facts.push({ title: 'NSG rules', value: desired.internal && !desired.ranges.length ? 'none needed: the VNet default rules allow it' : 'none for this IP (yet)' });
    const oldRules = side.rules.filter((r) => before.ip && before.ip !== now.ip && r.destinationPrefixes.includes(before.ip));
    if (before.ip && before.ip !== now.ip) facts.push({ title: `NSG rules for ${before.ip}`, value: oldRules.length ? `${oldRules.length} still there (Azure has not finished)` : 'removed' });
  } else facts.push({ title: 'Azure side', value: `could not read ${info.nodeResourceGroup ?? 'the node resource group'}: ${azureProblem ?? 'unknown error'}` });
  if (!done && side) facts.push({ title: 'Note', value: 'Azure had not finished when I stopped waiting; "exposure" shows the latest state.' });
  const where = desired.internal ? `internal at ${now.ip} on ${INTERNAL_LB}` : `public at ${now.ip} on ${PUBLIC_LB}`;
  return {
    summary: `${svc.namespace}/${svc.name} is ${where}, reachable from ${reach(now)}.`,
    facts,
    after: snapshot(svc),
    requestIds: [],
  };
}

/** What a plan wants: the exposure after the change and the patch that gets there. */
export interface ServiceDesired {
  exposure: Exposure;
  change: ServiceChange;
}

export type ServicePlan<Args extends ServiceTarget = ServiceTarget> = StoredPlan<Args, ServiceSnapshot, ServiceDesired>;
export type ServiceOperation<Args extends ServiceTarget> = Operation<Args, ServiceSnapshot, ServiceDesired>;

function sameExposure(a: Exposure, b: Exposure): boolean {
  return a.internal === b.internal && (a.subnet ?? '') === (b.subnet ?? '') && [...a.ranges].sort().join(',') === [...b.ranges].sort().join(',');
}

/** apply() of both workload operations: the patch the plan computed, nothing recomputed. */
export function applyPlanned(ctx: OperationContext, plan: ServicePlan, progress: Progress): Promise<ApplyOutcome> {
  return applyServiceChange(ctx, plan, plan.desired.change, progress);
}

/** Does the Service carry the plan's change? Read after an apply error and after a restart mid-apply. */
export async function checkServiceChange(ctx: OperationContext, plan: ServicePlan): Promise<LiveOutcome> {
  const before = plan.current.exposure;
  const desired = plan.desired.exposure;
  const { namespace, name } = before;
  const { info } = await getCluster(ctx.azure, plan.args.cluster);
  const api = await kubeRead(info.name, () => ctx.kube.for(plan.args.cluster));
  let svc: ServiceInfo;
  try {
    svc = await kubeRead(info.name, () => getService(api, namespace, name));
  } catch (e) {
    if (e instanceof KubeNotFound) return { state: 'notApplied', live: `The change is not in place: ${namespace}/${name} no longer exists.` };
    throw e;
  }
  if (svc.uid !== before.uid) return { state: 'notApplied', live: `The change is not in place: ${namespace}/${name} was deleted and created again since this plan.` };
  if (sameExposure(exposureOf(svc), desired)) {
    try {
      // the Service carries the change: wait for Azure to match, as apply does, so the facts read back are final
      return { state: 'applied', outcome: await verify(ctx, info, api, desired, before, async () => {}) };
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      // it carries the change; Azure has not caught up yet
      return { state: 'applied', outcome: { summary: `${namespace}/${name} carries the change. ${e.message}`, facts: [{ title: 'Service (read back)', value: `${kindText(exposureOf(svc))} · ${reach(exposureOf(svc))}` }], after: snapshot(svc), requestIds: [] } };
    }
  }
  const now = exposureOf(svc);
  return {
    state: 'notApplied',
    live:
      snapshot(svc).fingerprint === plan.current.fingerprint
        ? `Nothing was changed: ${namespace}/${name} is still ${kindText(now)}, reachable from ${reach(now)}.`
        : `The change is not in place: ${namespace}/${name} changed since this plan${describeStale(plan.current, svc)} and is ${kindText(now)}, reachable from ${reach(now)}.`,
  };
}
