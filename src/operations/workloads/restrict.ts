import ipaddr from 'ipaddr.js';
import { OP } from '../../approvals/names.js';
import type { DiffRow, PlanDraft, Risk } from '../../approvals/types.js';
import { UserError } from '../../errors.js';
import { compareReach, IPV4_ENDPOINT, reachOf } from '../../exposure/addressSpace.js';
import type { ServiceChange } from '../../kube/services.js';
import { allows, canonicalRanges } from '../controlPlane/ranges.js';
import { type Exposure, isPrivateIp, reach } from './azureSide.js';
import { ingressPaths, LEGACY_SOURCE_RANGES } from './resolveService.js';
import { applyPlanned, loadTarget, manifestAfter, checkServiceChange, type ServiceDesired, type ServiceOperation, type ServiceTarget, snapshot } from './serviceChange.js';
import { quoted } from '../../text/markdown.js';

export interface SetSourceRangesArgs extends ServiceTarget {
  /** As typed; canonicalised at plan time. */
  ranges: string[];
  /** Remove every restriction (`unrestrict`). */
  clear?: boolean;
  /** The requester's own public IP, when captured through the link. */
  capturedIp?: string;
}

export function rangesCommand(args: SetSourceRangesArgs, ns: string, cluster: string): string {
  if (args.clear) return `unrestrict ${args.service} in ${ns} on ${cluster}`;
  return `restrict ${args.service} to ${args.capturedIp ? 'my ip' : args.ranges.join(', ')} in ${ns} on ${cluster}`;
}

/** Typed ranges → canonical IPv4 CIDRs, with the messages that matter for a Service (not the API server). */
export function serviceRanges(input: string[], service: string): string[] {
  if (input.length === 0)
    throw new UserError(`Restrict ${service} to which sources? Give at least one IPv4 address or CIDR range.`, `e.g. \`restrict ${service} to 99.229.39.194/32\`, or \`restrict ${service} to my ip\`.`);
  for (const r of input) {
    const ip = r.trim().split('/')[0];
    if (ipaddr.IPv6.isValid(ip) && !ipaddr.IPv4.isValidFourPartDecimal(ip))
      throw new UserError(`${quoted(r)} is an IPv6 range; the load balancer frontends AKS gives ${service} are IPv4, so only IPv4 sources apply.`, 'Use the IPv4 address or range your clients connect from.');
  }
  const ranges = canonicalRanges(input);
  if (reachOf(ranges, IPV4_ENDPOINT).wholeInternet)
    throw new UserError(`${ranges.join(', ')} ${ranges.length > 1 ? 'cover' : 'is'} the whole internet: that is no restriction.`, `To open ${service} to everyone say \`unrestrict ${service}\`; otherwise give narrower ranges.`);
  return ranges.sort();
}

/** By address space: any source that could not connect before and can now widens, even if others lose access. */
function riskOf(current: string[], next: string[], internal: boolean): Risk {
  // an internal load balancer's clients come from private space: count every address, not only public ones
  const opts = { ...IPV4_ENDPOINT, anyAddress: internal };
  const direction = compareReach(reachOf(current, opts), reachOf(next, opts)).direction;
  return direction === 'same' ? 'neutral' : direction;
}

/** Sets or clears `spec.loadBalancerSourceRanges`; AKS turns it into NSG allow rules for those sources and a deny for the rest. */
export const setSourceRangesOperation: ServiceOperation<SetSourceRangesArgs> = {
  name: OP.setSourceRanges,

  async plan(ctx, args) {
    const next = args.clear ? [] : serviceRanges(args.ranges, args.service);
    const { info, svc, services, ingresses } = await loadTarget(ctx, args, args.clear ? 'unrestrict' : 'restrict', (ns) => rangesCommand(args, ns, args.cluster.name));
    const current = snapshot(svc);
    const before = current.exposure;
    const name = svc.name;
    if (args.clear && before.ranges.length === 0)
      throw new UserError(`${name} (${svc.namespace}) has no source ranges: it is already reachable from ${reach(before)}.`, '`exposure` shows how every Service is exposed.');
    if (!args.clear && [...before.ranges].sort().join(',') === next.join(','))
      throw new UserError(`${name} (${svc.namespace}) is already restricted to exactly ${next.join(', ')}.`, '`exposure` shows the NSG rules that implement it.');

    const change: ServiceChange = { loadBalancerSourceRanges: next.length ? next : null };
    // The legacy annotation would keep restricting after the spec field is cleared; a set spec field wins over it anyway
    if (svc.annotations[LEGACY_SOURCE_RANGES] !== undefined) change.annotations = { [LEGACY_SOURCE_RANGES]: null };
    const after: Exposure = { ...before, ranges: next, rangesFromAnnotation: false };

    const warnings: string[] = [];
    const target = `${name} (${before.ip ?? 'no IP yet'}) on ${before.ports}`;
    if (next.length) {
      warnings.push(`Every other source is cut: after this only ${next.join(', ')} can reach ${target}.`);
      const lost = before.ranges.filter((r) => !next.includes(r));
      if (lost.length) warnings.push(`These sources lose access: ${lost.join(', ')}.`);
      if (args.capturedIp && !allows(next, args.capturedIp)) warnings.push(`You (${args.capturedIp}) are not in ${next.join(', ')}: you lose access to ${name} too.`);
      if (!before.internal) {
        const priv = next.filter((r) => isPrivateIp(r.split('/')[0]));
        if (priv.length) warnings.push(`${priv.join(', ')} ${priv.length > 1 ? 'are private addresses' : 'is a private address'}: internet clients never come from ${priv.length > 1 ? 'them' : 'it'}, so ${priv.length > 1 ? 'they let' : 'it lets'} nobody outside in.`);
      } else {
        const pub = next.filter((r) => !isPrivateIp(r.split('/')[0]));
        if (pub.length) warnings.push(`${name} is internal: ${pub.join(', ')} ${pub.length > 1 ? 'are public addresses, which never reach' : 'is a public address, which never reaches'} its private IP.`);
      }
    } else warnings.push(`${name} becomes reachable from ${reach(after)} on ${before.ports} again.`);
    for (const p of ingressPaths(svc, ingresses, services).filter((x) => x.controller && !x.controller.internal))
      warnings.push(`Traffic through Ingress ${p.ingress.name} (${p.ingress.hosts.join(', ')}) comes from the ingress controller ${p.controller!.name}, which this does not restrict.`);
    if (before.rangesFromAnnotation) warnings.push(`The old annotation ${LEGACY_SOURCE_RANGES} is removed; the ranges live in spec.loadBalancerSourceRanges.`);

    const diff: DiffRow[] = [
      { label: 'spec.loadBalancerSourceRanges', before: before.ranges.length ? before.ranges.join(', ') : '(none)', after: next.length ? next.join(', ') : '(removed)' },
      { label: 'Reachable from', before: reach(before), after: reach(after) },
      {
        label: 'NSG rules (node resource group)',
        before: before.ranges.length ? `allow ${before.ranges.join(', ')}, deny the rest` : before.internal ? 'VNet default rules' : `allow Internet to ${before.ip ?? 'its IP'}`,
        after: next.length ? `allow ${next.join(', ')} to ${before.ip ?? 'its IP'} on ${before.ports}, deny the rest` : before.internal ? 'VNet default rules' : `allow Internet to ${before.ip ?? 'its IP'}`,
      },
    ];
    const base = { cluster: args.cluster, service: name, namespace: svc.namespace };
    const revert: PlanDraft['revert'] = before.ranges.length
      ? { operation: OP.setSourceRanges, args: { ...base, ranges: before.ranges } satisfies SetSourceRangesArgs, title: `Restrict ${name} to ${before.ranges.join(', ')} again` }
      : { operation: OP.setSourceRanges, args: { ...base, ranges: [], clear: true } satisfies SetSourceRangesArgs, title: `Remove the source ranges of ${name}` };
    return {
      title: next.length ? `Restrict ${name} to ${next.join(', ')} on ${info.name}` : `Remove the source ranges of ${name} on ${info.name}`,
      target: { cluster: info.name, subscriptionId: info.subscriptionId, resourceGroup: info.resourceGroup, namespace: svc.namespace, resource: `Service ${name}` },
      current,
      desired: { exposure: after, change } satisfies ServiceDesired,
      diff,
      risk: riskOf(before.ranges, next, before.internal),
      warnings,
      precondition: { resourceVersion: svc.resourceVersion },
      revert,
      details: `Service after the change:\n${manifestAfter(svc, change)}`,
      note: `Only spec.loadBalancerSourceRanges changes; AKS rewrites the NSG of ${info.nodeResourceGroup ?? 'the node resource group'} to match.`,
    };
  },

  apply: applyPlanned,
  check: checkServiceChange,
};
