import ipaddr from 'ipaddr.js';
import { UserError } from '../../errors.js';
import { cidrOf, parsePrefix } from './addresses.js';
import type { ClusterView } from './flows.js';
import type { ReachEnd } from './reach.js';
import { NeedChoice } from '../../clusters/resolve.js';
import { type EndpointRef, INTERNET_NAMES, locate, parseRef, resolveIn, type Target } from './resolve.js';

/** Pure: a flow's end as typed (`name`, `ns/name`, `kind/name`, `ns/kind/name`, an address or CIDR, the internet) → what it means on a cluster. */

export type TypedEndpoint = { kind: 'internet' } | { kind: 'address'; cidr: string; text: string } | { kind: 'named'; ref: EndpointRef };

export function parseEndpoint(text: string): TypedEndpoint {
  if (INTERNET_NAMES.has(text.toLowerCase())) return { kind: 'internet' };
  const [ip, bits] = text.split('/');
  if (ipaddr.isValid(ip) && (bits === undefined || /^\d{1,3}$/.test(bits))) {
    const p = parsePrefix(text);
    if (!p) throw new UserError(`"${text}" is not an address range.`, 'Write an address (10.0.0.5) or a CIDR (10.0.0.0/24, 2001:db8::/64).');
    return { kind: 'address', cidr: cidrOf(p), text };
  }
  return { kind: 'named', ref: parseRef(text) };
}

export interface ResolvedEnd {
  end: ReachEnd;
  /** The namespace of a named end (for labels and the other end's default). */
  namespace?: string;
  target?: Target;
  /** How the answer names it before labels are made relative to the other end. */
  text: string;
}

/** The pod that has this address, as its workload (an address of a pod is that pod to every engine). */
function podAt(view: ClusterView, address: string): Target | undefined {
  const pod = view.pods.find((p) => p.podIP === address);
  if (!pod) return undefined;
  const w = view.workloads.find((x) => x.namespace === pod.namespace && (x.kind === 'Pod' ? x.name === pod.name : Object.keys(x.selector).length > 0 && Object.entries(x.selector).every(([k, v]) => pod.labels[k] === v)));
  return w ? { namespace: w.namespace, name: w.name, kind: w.kind, workloads: [w], services: [] } : undefined;
}

/**
 * A named end: in its own namespace, else the command's `in <namespace>` (or the other end's), else wherever the name
 * is (a choice when it is in several; `commandFor(ns)` is the command again with that end as `ns/name`).
 */
export function resolveEnd(view: ClusterView, typed: TypedEndpoint, namespace: string | undefined, commandFor: (ns: string) => string, prefer?: string): ResolvedEnd {
  if (typed.kind === 'internet') return { end: { kind: 'internet' }, text: 'internet' };
  if (typed.kind === 'address') {
    const single = /\/(32|128)$/.test(typed.cidr);
    const target = single ? podAt(view, typed.cidr.split('/')[0]) : undefined;
    if (target) return { end: { kind: 'target', target }, namespace: target.namespace, target, text: `${typed.text} (${target.namespace}/${target.name})` };
    return { end: { kind: 'address', cidr: typed.cidr }, text: typed.text };
  }
  const ref = typed.ref;
  // the command's `in <namespace>` comes first; a name that is not there but is in exactly one other namespace is that one
  const preferred = ref.namespace ? undefined : (namespace ?? prefer);
  const near = preferred ? tryIn(view, preferred, ref) : undefined;
  let target = near;
  if (!target) {
    try {
      target = locate(view, ref, commandFor);
    } catch (e) {
      if (namespace && !ref.namespace && !(e instanceof NeedChoice)) resolveIn(view, namespace, ref);
      throw e;
    }
  }
  return { end: { kind: 'target', target }, namespace: target.namespace, target, text: target.name };
}

function tryIn(view: ClusterView, namespace: string, ref: EndpointRef): Target | undefined {
  try {
    return resolveIn(view, namespace, ref);
  } catch (e) {
    if (e instanceof UserError) return undefined;
    throw e;
  }
}

/** Both ends; a name found in several namespaces is looked for first next to the other end. */
export function resolvePair(view: ClusterView, from: TypedEndpoint, to: TypedEndpoint, namespace: string | undefined, commandFor: (end: 'from' | 'to', ns: string) => string): { from: ResolvedEnd; to: ResolvedEnd } {
  let first: ResolvedEnd | undefined;
  let pending: unknown;
  try {
    first = resolveEnd(view, from, namespace, (ns) => commandFor('from', ns));
  } catch (e) {
    if (!(e instanceof NeedChoice)) throw e;
    pending = e;
  }
  const second = resolveEnd(view, to, namespace, (ns) => commandFor('to', ns), first?.namespace);
  if (pending) first = resolveEnd(view, from, namespace, (ns) => commandFor('from', ns), second.namespace);
  return { from: first!, to: second };
}
