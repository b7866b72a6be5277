import { describe, expect, it } from 'vitest';
import { type Connection, type Endpoint, evaluate, type Policy, type PolicySpec, type PolicyWorld, policyTypesOf, type PodRef } from '../../src/operations/networkPolicy/evaluator.js';

const web: PodRef = { namespace: 'shop', name: 'web', labels: { app: 'web' }, ip: '10.244.0.10', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] };
const api: PodRef = { namespace: 'shop', name: 'api', labels: { app: 'api', tier: 'backend' }, ip: '10.244.1.20', ports: [{ name: 'http', containerPort: 3000, protocol: 'TCP' }, { name: 'metrics', containerPort: 9090, protocol: 'TCP' }] };
const db: PodRef = { namespace: 'shop', name: 'db', labels: { app: 'db' }, ip: '10.244.2.30', ports: [{ name: 'mongodb', containerPort: 27017, protocol: 'TCP' }] };
const monitor: PodRef = { namespace: 'monitoring', name: 'prometheus', labels: { app: 'prometheus' }, ip: '10.244.0.40' };
const otherApp: PodRef = { namespace: 'other', name: 'intruder', labels: { app: 'prometheus' }, ip: '10.244.1.50' };
const dns: PodRef = { namespace: 'kube-system', name: 'coredns', labels: { 'k8s-app': 'kube-dns' }, ip: '10.244.0.2', ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }] };

const pod = (p: PodRef): Endpoint => ({ kind: 'pod', pod: p });
const ext = (ip: string): Endpoint => ({ kind: 'external', ip, name: ip });
const namespaces = {
  shop: { 'kubernetes.io/metadata.name': 'shop', team: 'shop' },
  monitoring: { 'kubernetes.io/metadata.name': 'monitoring', purpose: 'monitoring' },
  other: { 'kubernetes.io/metadata.name': 'other' },
  // kube-system left out on purpose: its kubernetes.io/metadata.name label is implied
};
const policy = (name: string, spec: PolicySpec, namespace = 'shop'): Policy => ({ namespace, name, spec });
const world = (...policies: Policy[]): PolicyWorld => ({ namespaces, policies });
const conn = (from: Endpoint, to: Endpoint, port: number, protocol: Connection['protocol'] = 'TCP'): Connection => ({ from, to, port, protocol });

const denyAll = policy('deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
const denyIngress = policy('deny-ingress', { podSelector: {} });

interface Case {
  name: string;
  policies: Policy[];
  c: Connection;
  allowed: boolean;
  /** Which policy allows it, or a fragment of the reason it is blocked. */
  because?: RegExp;
}

const cases: Case[] = [
  // isolation and policyTypes defaults
  { name: 'no policy at all: everything is allowed', policies: [], c: conn(pod(web), pod(api), 3000), allowed: true, because: /no policy selects/ },
  { name: 'policy selecting other pods does not isolate this one', policies: [policy('db-only', { podSelector: { matchLabels: { app: 'db' } }, ingress: [] })], c: conn(pod(web), pod(api), 3000), allowed: true },
  { name: 'policyTypes unset, no egress rules: Ingress only (egress stays open)', policies: [denyIngress], c: conn(pod(api), ext('198.51.100.10'), 443), allowed: true },
  { name: 'policyTypes unset, no egress rules: ingress isolated', policies: [denyIngress], c: conn(pod(web), pod(api), 3000), allowed: false, because: /api is isolated for ingress by shop\/deny-ingress/ },
  { name: 'policyTypes unset with egress rules: Egress too', policies: [policy('egress-to-db', { podSelector: { matchLabels: { app: 'api' } }, egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }] })], c: conn(pod(api), pod(web), 8080), allowed: false, because: /api is isolated for egress/ },
  { name: 'policyTypes [Egress] does not isolate ingress', policies: [policy('egress-only', { podSelector: {}, policyTypes: ['Egress'] })], c: conn(ext('203.0.113.5'), pod(web), 8080), allowed: true },
  { name: 'default deny both ways blocks pod to pod', policies: [denyAll], c: conn(pod(web), pod(api), 3000), allowed: false, because: /web is isolated for egress by shop\/deny-all/ },

  // both sides must allow
  {
    name: 'egress allowed but destination ingress isolated: blocked',
    policies: [denyAll, policy('web-out', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'api' } } }] }] })],
    c: conn(pod(web), pod(api), 3000),
    allowed: false,
    because: /api is isolated for ingress/,
  },
  {
    name: 'egress and ingress rules on both sides: allowed, ingress policy named',
    policies: [
      denyAll,
      policy('web-out', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 3000 }] }] }),
      policy('api-in', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 3000 }] }] }),
    ],
    c: conn(pod(web), pod(api), 3000),
    allowed: true,
    because: /shop\/api-in \(ingress rule 1\)/,
  },
  { name: 'any rule of any selecting policy is enough (union)', policies: [denyIngress, policy('api-from-web', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }] })], c: conn(pod(web), pod(api), 9090), allowed: true, because: /shop\/api-from-web/ },

  // empty vs missing
  { name: 'empty from list: all sources', policies: [policy('api-any', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [], ports: [{ port: 3000 }] }] })], c: conn(ext('203.0.113.5'), pod(api), 3000), allowed: true },
  { name: 'missing from: all sources, including other namespaces', policies: [policy('api-any', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ ports: [{ port: 3000 }] }] })], c: conn(pod(otherApp), pod(api), 3000), allowed: true },
  { name: 'empty rule {}: all sources, all ports', policies: [policy('api-all', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{}] })], c: conn(pod(monitor), pod(api), 9090), allowed: true },
  { name: 'ingress: [] allows nothing', policies: [policy('api-none', { podSelector: { matchLabels: { app: 'api' } }, ingress: [] })], c: conn(pod(web), pod(api), 3000), allowed: false },
  { name: 'podSelector {} in a peer: every pod of the policy namespace', policies: [policy('api-ns', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ podSelector: {} }] }] })], c: conn(pod(db), pod(api), 3000), allowed: true },
  { name: 'podSelector {} in a peer: not pods of other namespaces', policies: [policy('api-ns', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ podSelector: {} }] }] })], c: conn(pod(monitor), pod(api), 3000), allowed: false },
  { name: 'namespaceSelector {}: pods of every namespace', policies: [policy('api-cluster', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ namespaceSelector: {} }] }] })], c: conn(pod(monitor), pod(api), 3000), allowed: true },
  { name: 'namespaceSelector {}: not outside the cluster', policies: [policy('api-cluster', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ namespaceSelector: {} }] }] })], c: conn(ext('203.0.113.5'), pod(api), 3000), allowed: false },
  { name: 'spec.podSelector {} selects every pod of its namespace only', policies: [policy('deny', { podSelector: {} }, 'monitoring')], c: conn(pod(web), pod(api), 3000), allowed: true },
  { name: 'ports missing: all ports and protocols', policies: [policy('api-web', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }] })], c: conn(pod(web), pod(api), 5353, 'UDP'), allowed: true },
  { name: 'port entry without port: all ports of that protocol', policies: [policy('api-udp', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ ports: [{ protocol: 'UDP' }] }] })], c: conn(pod(web), pod(api), 3000, 'TCP'), allowed: false },

  // namespaceSelector + podSelector
  {
    name: 'namespaceSelector AND podSelector in one peer: right namespace and label',
    policies: [policy('metrics', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { purpose: 'monitoring' } }, podSelector: { matchLabels: { app: 'prometheus' } } }], ports: [{ port: 'metrics' }] }] })],
    c: conn(pod(monitor), pod(api), 9090),
    allowed: true,
  },
  {
    name: 'namespaceSelector AND podSelector: the label in another namespace is not enough',
    policies: [policy('metrics', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { purpose: 'monitoring' } }, podSelector: { matchLabels: { app: 'prometheus' } } }] }] })],
    c: conn(pod(otherApp), pod(api), 9090),
    allowed: false,
  },
  {
    name: 'two peers are OR: namespaceSelector alone lets the whole namespace in',
    policies: [policy('metrics-or', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { purpose: 'monitoring' } } }, { podSelector: { matchLabels: { app: 'prometheus' } } }] }] })],
    c: conn(pod({ ...monitor, labels: { app: 'grafana' } }), pod(api), 3000),
    allowed: true,
  },
  {
    name: 'podSelector alone does not match the same label in another namespace',
    policies: [policy('prom-local', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'prometheus' } } }] }] })],
    c: conn(pod(monitor), pod(api), 9090),
    allowed: false,
  },
  {
    name: 'kubernetes.io/metadata.name is there even when the namespace list lacks it',
    policies: [policy('dns-only', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }] })],
    c: conn(pod(web), pod(dns), 53, 'UDP'),
    allowed: true,
  },
  { name: 'matchExpressions In', policies: [policy('expr', { podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] }, ingress: [] })], c: conn(pod(web), pod(api), 3000), allowed: false },
  { name: 'matchExpressions DoesNotExist', policies: [policy('expr', { podSelector: { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, ingress: [] })], c: conn(pod(web), pod(api), 3000), allowed: true },

  // ipBlock
  { name: 'ipBlock cidr admits an address inside it', policies: [policy('lb', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/24' } }] }] })], c: conn(ext('203.0.113.9'), pod(web), 8080), allowed: true },
  { name: 'ipBlock except carves out a range', policies: [policy('lb', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.0/28'] } }] }] })], c: conn(ext('203.0.113.9'), pod(web), 8080), allowed: false },
  { name: 'ipBlock 0.0.0.0/0 except private ranges: internet egress yes', policies: [policy('out', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }] })], c: conn(pod(web), ext('198.51.100.10'), 443), allowed: true },
  { name: 'ipBlock except 10.0.0.0/8 also excludes pod IPs', policies: [policy('out', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }] })], c: conn(pod(web), pod(api), 3000), allowed: false },
  { name: 'ipBlock does not match an address outside it', policies: [policy('lb', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ ipBlock: { cidr: '198.51.100.0/24' } }] }] })], c: conn(ext('203.0.113.9'), pod(web), 8080), allowed: false },

  // named ports
  { name: 'named port resolves against the destination container port', policies: [policy('api-http', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ ports: [{ port: 'http' }] }] })], c: conn(pod(web), pod(api), 3000), allowed: true },
  { name: 'named port: a different number on the destination does not match', policies: [policy('api-http', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ ports: [{ port: 'http' }] }] })], c: conn(pod(web), pod(api), 8080), allowed: false },
  { name: 'named port in an egress rule uses the destination pod too', policies: [policy('web-out', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'mongodb' }] }] })], c: conn(pod(web), pod(db), 27017), allowed: true },
  { name: 'named port never matches an external destination', policies: [policy('web-out', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'http' }] }] })], c: conn(pod(web), ext('198.51.100.10'), 8080), allowed: false },
  { name: 'port range with endPort', policies: [policy('range', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ ports: [{ port: 9000, endPort: 9100 }] }] })], c: conn(pod(web), pod(api), 9090), allowed: true },
  { name: 'protocol must match: TCP rule vs UDP traffic', policies: [policy('tcp', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ ports: [{ protocol: 'TCP', port: 53 }] }] })], c: conn(pod(web), pod(api), 53, 'UDP'), allowed: false },
];

describe('NetworkPolicy evaluator (Kubernetes semantics)', () => {
  it.each(cases)('$name', ({ policies, c, allowed, because }) => {
    const v = evaluate(c, world(...policies));
    expect(v.allowed).toBe(allowed);
    if (because) {
      const text = [v.egress.explanation, v.ingress.explanation].join(' | ');
      expect(text).toMatch(because);
    }
  });

  it('policyTypes default: Ingress always, Egress only when egress rules exist', () => {
    expect(policyTypesOf({})).toEqual(['Ingress']);
    expect(policyTypesOf({ egress: [] })).toEqual(['Ingress']);
    expect(policyTypesOf({ egress: [{}] })).toEqual(['Ingress', 'Egress']);
    expect(policyTypesOf({ policyTypes: ['Egress'], ingress: [{}] })).toEqual(['Egress']);
  });

  it('names the rule that allows, for both sides', () => {
    const v = evaluate(conn(pod(web), pod(api), 3000), world(
      denyAll,
      policy('web-out', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }, { to: [{ podSelector: { matchLabels: { app: 'api' } } }] }] }),
      policy('api-in', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }] }),
    ));
    expect(v.allowed).toBe(true);
    expect(v.egress.allowedBy).toEqual({ policy: 'shop/web-out', rule: 2 });
    expect(v.ingress.allowedBy).toEqual({ policy: 'shop/api-in', rule: 1 });
    expect(v.egress.selecting).toEqual(['shop/deny-all', 'shop/web-out']);
  });

  it('an external source has no egress side', () => {
    const v = evaluate(conn(ext('203.0.113.9'), pod(web), 8080), world(denyAll));
    expect(v.egress.applies).toBe(false);
    expect(v.ingress.allowed).toBe(false);
  });
});
