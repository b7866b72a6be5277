import type { DiffRow, PlanDraft, Risk } from '../../approvals/types.js';
import { OP } from '../../approvals/names.js';
import { UserError } from '../../errors.js';
import type { ServiceChange } from '../../kube/services.js';
import { type Exposure, INTERNAL_LB, isPrivateIp, kindText, PUBLIC_LB, reach } from './azureSide.js';
import { ingressPaths, INTERNAL, INTERNAL_SUBNET } from './resolveService.js';
import { applyPlanned, ingressesOnIp, loadTarget, manifestAfter, checkServiceChange, type ServiceDesired, type ServiceOperation, type ServiceTarget, snapshot } from './serviceChange.js';

export interface SetLoadBalancerArgs extends ServiceTarget {
  internal: boolean;
  /** Internal only: a subnet name; null puts it back in the default (node) subnet; absent leaves the annotation as it is. */
  subnet?: string | null;
}

export function loadBalancerCommand(args: SetLoadBalancerArgs, ns: string, cluster: string): string {
  return args.internal ? `make ${args.service} internal${args.subnet ? ` subnet ${args.subnet}` : ''} in ${ns} on ${cluster}` : `make ${args.service} public in ${ns} on ${cluster}`;
}

function ipText(ip: string | undefined): string {
  return ip ?? 'no IP yet';
}

/** Moves a LoadBalancer Service between the public `kubernetes` and the internal `kubernetes-internal` load balancer by its annotations. */
export const setLoadBalancerOperation: ServiceOperation<SetLoadBalancerArgs> = {
  name: OP.setLoadBalancer,

  async plan(ctx, args) {
    const { info, svc, services, ingresses } = await loadTarget(ctx, args, args.internal ? 'make internal' : 'make public', (ns) => loadBalancerCommand(args, ns, args.cluster.name));
    const current = snapshot(svc);
    const before = current.exposure;
    const name = svc.name;
    const change: ServiceChange = { annotations: {} };
    let after: Exposure;
    if (args.internal) {
      const subnet = args.subnet === undefined ? svc.annotations[INTERNAL_SUBNET] || undefined : args.subnet ?? undefined;
      if (before.internal && (before.subnet ?? '') === (subnet ?? ''))
        throw new UserError(`${name} (${svc.namespace}) is already internal${before.subnet ? ` in subnet ${before.subnet}` : ''}: ${before.ip ?? 'no IP yet'} on ${INTERNAL_LB}.`, '`exposure` shows how every Service is exposed.');
      change.annotations![INTERNAL] = 'true';
      if (args.subnet) change.annotations![INTERNAL_SUBNET] = args.subnet;
      else if (args.subnet === null && svc.annotations[INTERNAL_SUBNET] !== undefined) change.annotations![INTERNAL_SUBNET] = null;
      after = { ...before, internal: true, subnet, ip: undefined };
    } else {
      if (!before.internal) throw new UserError(`${name} (${svc.namespace}) is already public: ${before.ip ?? 'no IP yet'} on ${PUBLIC_LB}, reachable from ${reach(before)}.`, '`exposure` shows how every Service is exposed.');
      change.annotations![INTERNAL] = null;
      if (svc.annotations[INTERNAL_SUBNET] !== undefined) change.annotations![INTERNAL_SUBNET] = null;
      after = { ...before, internal: false, subnet: undefined, ip: undefined };
    }

    const warnings: string[] = [];
    const publicRanges = after.ranges.filter((r) => !isPrivateIp(r.split('/')[0]));
    if (after.internal && !before.internal) {
      if (before.ip)
        warnings.push(`Its public IP ${before.ip} is released: DNS records, bookmarks and clients that use it stop working, and if ${name} is made public again it may get a different address.`);
      for (const i of ingressesOnIp(before.ip, ingresses))
        warnings.push(`Ingress ${i.namespace}/${i.name} (${i.hosts.join(', ')}) points at ${before.ip}: those hosts stop working for everyone outside the VNet.`);
      for (const p of ingressPaths(svc, ingresses, services).filter((x) => x.controller && !x.controller.internal))
        warnings.push(`${name} stays reachable from the internet through Ingress ${p.ingress.name} (${p.ingress.hosts.join(', ')}) on the ingress controller ${p.controller!.name}: restrict that controller or make it internal too if it should not be public.`);
      if (before.ranges.length && publicRanges.length === before.ranges.length)
        warnings.push(`Its source ranges (${before.ranges.join(', ')}) stay on the Service and are public addresses, which never reach a private IP: nobody could connect. Run \`unrestrict ${name} in ${svc.namespace}\` as well.`);
      else if (before.ranges.length) warnings.push(`Its source ranges (${before.ranges.join(', ')}) stay on the Service and now filter VNet clients: others in the VNet are blocked.`);
    }
    if (after.internal && after.subnet && after.subnet !== before.subnet)
      warnings.push(`Subnet ${after.subnet} must exist in the cluster's virtual network and the cluster identity needs Network Contributor on it; otherwise Azure leaves ${name} without an IP.`);
    if (before.internal && after.internal && before.ip) warnings.push(`Its private IP ${before.ip} changes: clients in the VNet that use it must switch to the new one.`);
    if (!after.internal) {
      warnings.push(`${name} gets a public IP reachable from ${reach(after)} on ${before.ports}.${after.ranges.length ? '' : ` Consider \`restrict ${name} to <cidr>\` right after.`}`);
      if (before.ip) warnings.push(`Its private IP ${before.ip} is released: clients in the VNet that use it must switch to the new public IP or a DNS name.`);
      if (after.ranges.length && publicRanges.length === 0)
        warnings.push(`Its source ranges (${after.ranges.join(', ')}) are private addresses, which internet clients never come from: nobody outside could connect.`);
    }

    const diff: DiffRow[] = [
      { label: 'Load balancer', before: kindText(before), after: kindText(after) },
      { label: `Annotation ${INTERNAL}`, before: svc.annotations[INTERNAL] ?? '(none)', after: after.internal ? 'true' : '(removed)' },
    ];
    if (svc.annotations[INTERNAL_SUBNET] !== undefined || after.subnet)
      diff.push({ label: `Annotation ${INTERNAL_SUBNET}`, before: svc.annotations[INTERNAL_SUBNET] ?? '(none)', after: change.annotations![INTERNAL_SUBNET] === null ? '(removed)' : (change.annotations![INTERNAL_SUBNET] ?? svc.annotations[INTERNAL_SUBNET] ?? '(none)') });
    diff.push(
      { label: 'IP', before: ipText(before.ip), after: after.internal ? `a private IP from ${after.subnet ? `subnet ${after.subnet}` : 'the node subnet'}` : 'a new public IP' },
      { label: 'Reachable from', before: reach(before), after: reach(after) },
    );

    const risk: Risk = before.internal === after.internal ? 'neutral' : after.internal ? 'narrows' : 'widens';
    const revert: PlanDraft['revert'] = before.internal
      ? { operation: OP.setLoadBalancer, args: { cluster: args.cluster, service: name, namespace: svc.namespace, internal: true, subnet: before.subnet ?? null } satisfies SetLoadBalancerArgs, title: `Make ${name} internal again${before.subnet ? ` (subnet ${before.subnet})` : ''}` }
      : { operation: OP.setLoadBalancer, args: { cluster: args.cluster, service: name, namespace: svc.namespace, internal: false } satisfies SetLoadBalancerArgs, title: `Make ${name} public again` };
    const title = before.internal && after.internal ? `Move ${name} to ${after.subnet ? `subnet ${after.subnet}` : 'the node subnet'} on ${info.name}` : `Make ${name} ${after.internal ? 'internal' : 'public'} on ${info.name}`;
    return {
      title,
      target: { cluster: info.name, subscriptionId: info.subscriptionId, resourceGroup: info.resourceGroup, namespace: svc.namespace, resource: `Service ${name}` },
      current,
      desired: { exposure: after, change } satisfies ServiceDesired,
      diff,
      risk,
      warnings,
      precondition: { resourceVersion: svc.resourceVersion },
      revert,
      details: `Service after the change:\n${manifestAfter(svc, change)}`,
      note: `Only the annotation changes; selector, ports and the rest of ${svc.namespace}/${name} stay as they are. AKS moves its frontend to ${after.internal ? INTERNAL_LB : PUBLIC_LB}.`,
    };
  },

  apply: applyPlanned,
  check: checkServiceChange,
};
