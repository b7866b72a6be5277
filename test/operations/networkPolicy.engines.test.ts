import { describe, expect, it } from 'vitest';
import type { NetworkPolicyEngine } from '../../src/domain.js';
import { type Connection, type Endpoint, evaluate, type Policy, type PolicySpec, type PolicyWorld, type PodRef } from '../../src/operations/networkPolicy/evaluator.js';
import { disagreements, engineCaveats, semanticsOf } from '../../src/operations/networkPolicy/engines.js';

/** Where AKS's engines read NetworkPolicy differently: one table, the expected answer per engine. */

const web: PodRef = { namespace: 'shop', name: 'web', labels: { app: 'web' }, ip: '10.244.0.10', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] };
const api: PodRef = { namespace: 'shop', name: 'api', labels: { app: 'api' }, ip: '10.244.1.20', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] };
const agent: PodRef = { namespace: 'kube-system', name: 'cilium', labels: { 'k8s-app': 'cilium' }, ip: '10.224.0.4', hostNetwork: true };
const v6pod: PodRef = { namespace: 'shop', name: 'web6', labels: { app: 'web' }, ip: 'fd00:10:244::10' };

const pod = (p: PodRef): Endpoint => ({ kind: 'pod', pod: p });
const ext = (ip: string): Endpoint => ({ kind: 'external', ip, name: ip });
const policy = (name: string, spec: PolicySpec, namespace = 'shop'): Policy => ({ namespace, name, spec });
const world = (...policies: Policy[]): PolicyWorld => ({ namespaces: { shop: {}, 'kube-system': {} }, policies });
const conn = (from: Endpoint, to: Endpoint, port = 8080, protocol: Connection['protocol'] = 'TCP'): Connection => ({ from, to, port, protocol });

const apiFromPodRange = policy('api-from-pod-range', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '10.244.0.0/16' } }], ports: [{ protocol: 'TCP', port: 8080 }] }] });
const webToPodRange = policy('web-to-pod-range', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.244.1.0/24' } }] }] });
const apiFromNodes = policy('api-from-nodes', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ ipBlock: { cidr: '10.224.0.0/16' } }] }] });
const apiFromAgentLabels = policy('api-from-agent', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'cilium' } } }] }] });
const webOutExceptCluster = policy('web-out', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }] });
const apiFromPartner = policy('api-from-partner', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/24' } }] }] });

type Answers = Record<NetworkPolicyEngine, boolean>;
interface Case {
  name: string;
  policies: Policy[];
  c: Connection;
  /** What each engine decides ('none': what the policies say by the specification, though nothing enforces them). */
  allowed: Answers;
}

const same = (allowed: boolean): Answers => ({ calico: allowed, azure: allowed, cilium: allowed, none: allowed });

const cases: Case[] = [
  { name: 'ingress ipBlock over the source pod IP', policies: [apiFromPodRange], c: conn(pod(web), pod(api)), allowed: { calico: true, azure: true, cilium: false, none: true } },
  { name: 'egress ipBlock over the destination pod IP', policies: [webToPodRange], c: conn(pod(web), pod(api)), allowed: { calico: true, azure: true, cilium: false, none: true } },
  { name: 'ipBlock over the node range, from a host-network pod', policies: [apiFromNodes], c: conn(pod(agent), pod(api)), allowed: { calico: true, azure: true, cilium: false, none: true } },
  { name: 'a pod selector never matches a host-network pod', policies: [apiFromAgentLabels], c: conn(pod(agent), pod(api)), allowed: same(false) },
  { name: 'a host-network pod is never isolated', policies: [policy('deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }, 'kube-system')], c: conn(pod(web), pod(agent), 9879), allowed: same(true) },
  { name: '0.0.0.0/0 except the cluster range: pods excluded everywhere', policies: [webOutExceptCluster], c: conn(pod(web), pod(api)), allowed: same(false) },
  { name: '0.0.0.0/0 except the cluster range: the internet allowed everywhere', policies: [webOutExceptCluster], c: conn(pod(web), ext('198.51.100.10'), 443), allowed: same(true) },
  { name: 'ipBlock over an address outside the cluster', policies: [apiFromPartner], c: conn(ext('203.0.113.7'), pod(api)), allowed: same(true) },
  { name: 'ipBlock over the pod range does not admit the internet', policies: [apiFromPodRange], c: conn(ext('203.0.113.7'), pod(api)), allowed: same(false) },
];

const ENGINES: NetworkPolicyEngine[] = ['calico', 'azure', 'cilium', 'none'];

describe.each(ENGINES)('engine %s', (engine) => {
  it.each(cases)('$name', ({ policies, c, allowed }) => {
    const w = world(...policies);
    const v = evaluate(c, w, semanticsOf(engine));
    expect(v.allowed).toBe(allowed[engine]);
    // where engines disagree the answer says so, naming the others and their answer
    const others = ENGINES.filter((e) => e !== 'none' && e !== engine && allowed[e] !== allowed[engine]);
    const d = disagreements(c, w, engine, v);
    expect(d.flatMap((x) => x.engines).length).toBe(others.length);
    for (const x of d) expect(x.allowed).toBe(!allowed[engine]);
    if (others.includes('cilium')) expect(d[0].why).toMatch(/cilium\/cilium#9209/);
  });
});

describe('documented limits of an engine, said where they touch the answer', () => {
  const namedPort = policy('api-http', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ ports: [{ port: 'http' }] }] });
  const notIn = policy('not-debug', { podSelector: { matchExpressions: [{ key: 'debug', operator: 'NotIn', values: ['true'] }] }, ingress: [{}] });

  it('Azure NPM: IPv6 is not supported', () => {
    expect(engineCaveats(conn(pod(v6pod), pod(api)), world(), 'azure').join(' ')).toMatch(/does not support IPv6/);
    expect(engineCaveats(conn(pod(web), pod(api)), world(policy('v6', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '2001:db8::/64' } }] }] })), 'azure').join(' ')).toMatch(/IPv6/);
    expect(engineCaveats(conn(pod(v6pod), pod(api)), world(), 'calico')).toEqual([]);
  });

  it('Azure NPM on Windows nodes: named ports, SCTP, negative selectors, except', () => {
    expect(engineCaveats(conn(pod(web), pod(api)), world(namedPort), 'azure').join(' ')).toMatch(/use named ports, which Azure Network Policy Manager does not support on Windows nodes/);
    expect(engineCaveats(conn(pod(web), pod(api), 9000, 'SCTP'), world(), 'azure').join(' ')).toMatch(/SCTP/);
    expect(engineCaveats(conn(pod(web), pod(api)), world(notIn), 'azure').join(' ')).toMatch(/negative selectors/);
    expect(engineCaveats(conn(pod(web), ext('198.51.100.10'), 443), world(webOutExceptCluster), 'azure').join(' ')).toMatch(/ipBlock except/);
    // a policy that does not select either end does not decide this answer
    expect(engineCaveats(conn(pod(api), pod(web)), world(namedPort), 'azure')).toEqual([]);
    expect(engineCaveats(conn(pod(web), pod(api)), world(namedPort), 'calico')).toEqual([]);
  });

  it("Cilium: SCTP only when its beta support is enabled", () => {
    expect(engineCaveats(conn(pod(web), pod(api), 9000, 'SCTP'), world(), 'cilium').join(' ')).toMatch(/sctp\.enabled/);
    expect(engineCaveats(conn(pod(web), pod(api), 9000, 'UDP'), world(), 'cilium')).toEqual([]);
  });
});
