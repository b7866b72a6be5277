import { describe, expect, it } from 'vitest';
import type { NetworkPolicyEngine } from '../../src/domain.js';
import type { WorkloadTemplate } from '../../src/kube/podTemplates.js';
import type { NetworkPolicyInfo, PodInfo, ServiceInfo } from '../../src/kube/types.js';
import { mergePieces, piecesOf } from '../../src/operations/networkPolicy/addresses.js';
import { parseEndpoint, resolveEnd, resolvePair } from '../../src/operations/networkPolicy/endpoints.js';
import type { ClusterView } from '../../src/operations/networkPolicy/flows.js';
import { answerReach, type ReachQuestion } from '../../src/operations/networkPolicy/reach.js';

/** Pure: "can A reach B" for any two ends, with the answer's verdict, scope and reasons. */

function workload(name: string, namespace: string, labels: Record<string, string>, ports: Array<{ name?: string; containerPort: number; protocol?: string }>, extra: Partial<WorkloadTemplate> = {}): WorkloadTemplate {
  return { kind: 'Deployment', namespace, name, selector: labels, podLabels: labels, containers: [{ name, ports: ports.map((p) => ({ protocol: 'TCP', ...p })), env: [], envFrom: [] }], volumes: [], args: [], ...extra };
}
function service(name: string, namespace: string, selector: Record<string, string>, ports: Array<{ port: number; targetPort?: number | string; protocol?: string }>): ServiceInfo {
  return { namespace, name, uid: name, resourceVersion: '1', type: 'ClusterIP', ports: ports.map((p) => ({ protocol: 'TCP', ...p })), selector, annotations: {}, labels: {}, loadBalancerSourceRanges: [], ingressIps: [], internal: false };
}
function pod(name: string, namespace: string, labels: Record<string, string>, podIP: string): PodInfo {
  return { namespace, name, phase: 'Running', labels, podIP, containers: [] };
}
function netpol(name: string, namespace: string, spec: Record<string, unknown>): NetworkPolicyInfo {
  return { namespace, name, uid: name, resourceVersion: '1', labels: {}, podSelector: {}, policyTypes: [], spec };
}

const client = workload('client', 'shop', { app: 'client' }, [{ containerPort: 9000 }]);
const server = workload('server', 'shop', { app: 'server' }, [{ name: 'http', containerPort: 8080 }]);
const toolbox = workload('toolbox', 'shop', { app: 'toolbox' }, [], { kind: 'Pod', selector: { app: 'toolbox' } });
const billing = workload('billing', 'payments', { app: 'billing' }, [{ containerPort: 5000 }]);
const denyAll = netpol('deny-all', 'shop', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });

function view(extra: Partial<ClusterView> = {}, engine: NetworkPolicyEngine = 'calico'): ClusterView {
  return {
    cluster: 'aks-test',
    engine,
    namespaces: ['shop', 'payments'].map((name) => ({ name, labels: { 'kubernetes.io/metadata.name': name }, phase: 'Active' })),
    workloads: [client, server, toolbox, billing],
    services: [service('server', 'shop', { app: 'server' }, [{ port: 80, targetPort: 'http' }])],
    policies: [],
    pods: [pod('client-1', 'shop', { app: 'client' }, '10.244.0.11'), pod('server-1', 'shop', { app: 'server' }, '10.244.1.21'), pod('toolbox', 'shop', { app: 'toolbox' }, '10.244.2.31'), pod('billing-1', 'payments', { app: 'billing' }, '10.244.0.41')],
    ...extra,
  };
}

function ask(v: ClusterView, from: string, to: string, opts: { port?: number; protocol?: ReachQuestion['protocol']; namespace?: string } = {}) {
  const ends = resolvePair(v, parseEndpoint(from), parseEndpoint(to), opts.namespace, (_e, ns) => ns);
  const question: ReachQuestion = { from: ends.from.end, to: ends.to.end, fromLabel: from, toLabel: to, port: opts.port, protocol: opts.protocol };
  const a = answerReach({ view: v, question });
  return { ...a, text: [a.scope, ...a.lines, ...a.notes, ...a.otherEngines].join('\n') };
}

describe('ports: no port to evaluate is never a yes', () => {
  it('a Service whose named targetPort matches no container port, under a deny-all: no, with why (the old false yes)', () => {
    const v = view({ policies: [denyAll], services: [service('server', 'shop', { app: 'server' }, [{ port: 80, targetPort: 'web' }])] });
    const a = ask(v, 'client', 'server');
    expect(a.verdict).toBe('no');
    expect(a.scope).toBe('on Service port TCP 80 → web');
    expect(a.text).toMatch(/no container of server declares a TCP port named "web", so the Service has no endpoint for it: nothing reaches server through it/);
  });

  it('the same Service with no policy at all: still no, the Service has no endpoint', () => {
    const a = ask(view({ services: [service('server', 'shop', { app: 'server' }, [{ port: 80, targetPort: 'web' }])] }), 'client', 'server');
    expect(a.verdict).toBe('no');
  });

  it('a named targetPort resolves through the container ports', () => {
    const a = ask(view({ policies: [netpol('server-http', 'shop', { podSelector: { matchLabels: { app: 'server' } }, ingress: [{ ports: [{ port: 'http' }] }] })] }), 'client', 'server');
    expect(a.verdict).toBe('yes');
    expect(a.scope).toBe('on TCP 80 → 8080');
  });

  it('an undeclared port is answered for the number, and says the workload does not declare it', () => {
    const a = ask(view({ policies: [denyAll] }), 'client', 'server', { port: 9999 });
    expect(a.verdict).toBe('no');
    expect(a.scope).toBe('on TCP 9999');
    expect(a.text).toMatch(/server does not declare TCP 9999/);
  });

  it('a destination with no port declared and no Service: every port, cut where the policies cut', () => {
    expect(ask(view(), 'client', 'toolbox')).toMatchObject({ verdict: 'yes', scope: 'on any TCP port' });
    const only8080 = ask(view({ policies: [netpol('toolbox-in', 'shop', { podSelector: { matchLabels: { app: 'toolbox' } }, ingress: [{ ports: [{ port: 8080 }, { port: 9000, endPort: 9100 }] }] })] }), 'client', 'toolbox');
    expect(only8080.verdict).toBe('partly');
    expect(only8080.scope).toBe('on TCP 8080, TCP 9000-9100 only');
    expect(only8080.text).toMatch(/declares no port and no Service points at one: answering for every port/);
    expect(only8080.text).toMatch(/TCP 1-8079, TCP 8081-8999, TCP 9101-65535: blocked: toolbox is isolated for ingress by shop\/toolbox-in/);
    expect(ask(view({ policies: [denyAll] }), 'client', 'toolbox')).toMatchObject({ verdict: 'no', scope: 'on any TCP port' });
  });

  it('protocols: UDP and SCTP are asked as such', () => {
    const udp = netpol('server-udp', 'shop', { podSelector: { matchLabels: { app: 'server' } }, ingress: [{ ports: [{ protocol: 'UDP', port: 5353 }] }] });
    expect(ask(view({ policies: [udp] }), 'client', 'server', { port: 5353, protocol: 'UDP' }).verdict).toBe('yes');
    expect(ask(view({ policies: [udp] }), 'client', 'server', { port: 5353, protocol: 'SCTP' }).verdict).toBe('no');
    expect(ask(view({ policies: [udp] }), 'client', 'toolbox', { protocol: 'UDP' })).toMatchObject({ verdict: 'yes', scope: 'on any UDP port' });
  });
});

describe('ends: across namespaces, addresses, CIDRs and the internet', () => {
  const fromShop = netpol('from-shop', 'payments', {
    podSelector: { matchLabels: { app: 'billing' } },
    ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }, podSelector: { matchLabels: { app: 'client' } } }], ports: [{ port: 5000 }] }],
  });

  it('a pair across namespaces is found and answered, with the policy that allows it', () => {
    const a = ask(view({ policies: [fromShop] }), 'client', 'billing');
    expect(a.verdict).toBe('yes');
    expect(a.text).toMatch(/TCP 5000: allowed by payments\/from-shop \(rule 1\)/);
    expect(ask(view({ policies: [fromShop] }), 'server', 'payments/billing').verdict).toBe('no');
    expect(ask(view({ policies: [fromShop] }), 'shop/deployment/client', 'deployment/billing').verdict).toBe('yes');
  });

  it('a bare Pod is a workload of its own', () => {
    const a = ask(view({ policies: [denyAll] }), 'pod/toolbox', 'server', { port: 80 });
    expect(a.verdict).toBe('no');
    expect(a.text).toMatch(/toolbox is isolated for egress by shop\/deny-all/);
  });

  it('the internet is every public address: the answer says which ranges the policies let in', () => {
    const partner = netpol('partner', 'shop', { podSelector: { matchLabels: { app: 'server' } }, ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.128/25'] } }] }] });
    const a = ask(view({ policies: [partner] }), 'internet', 'server');
    expect(a.verdict).toBe('partly');
    expect(a.scope).toBe('on TCP 80 → 8080 from 203.0.113.0/25 only');
    expect(ask(view(), 'internet', 'server')).toMatchObject({ verdict: 'yes' });
    expect(ask(view({ policies: [denyAll] }), 'internet', 'server')).toMatchObject({ verdict: 'no' });
  });

  it('a CIDR is answered for the whole range, split where the policies split it', () => {
    const partner = netpol('partner', 'shop', { podSelector: { matchLabels: { app: 'server' } }, ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/24' } }] }] });
    expect(ask(view({ policies: [partner] }), '203.0.113.0/24', 'server').verdict).toBe('yes');
    expect(ask(view({ policies: [partner] }), '203.0.113.7', 'server').verdict).toBe('yes');
    const wide = ask(view({ policies: [partner] }), '203.0.112.0/23', 'server');
    expect(wide).toMatchObject({ verdict: 'partly', scope: 'on TCP 80 → 8080 from 203.0.113.0/24 only' });
    expect(ask(view({ policies: [partner] }), '2001:db8::/64', 'server').verdict).toBe('no');
  });

  it('egress to the internet without a port: the ports the policies open', () => {
    const out = netpol('client-out', 'shop', { podSelector: { matchLabels: { app: 'client' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }], ports: [{ port: 443 }, { port: 80 }] }] });
    expect(ask(view({ policies: [out] }), 'client', 'internet')).toMatchObject({ verdict: 'partly', scope: 'on TCP 80, TCP 443 only' });
    expect(ask(view({ policies: [out] }), 'client', 'internet', { port: 443 })).toMatchObject({ verdict: 'yes', scope: 'on TCP 443' });
    expect(ask(view({ policies: [out] }), 'client', '10.1.2.3', { port: 443 })).toMatchObject({ verdict: 'no' });
  });

  it("a pod's own address is that pod", () => {
    const end = resolveEnd(view(), parseEndpoint('10.244.1.21'), undefined, (n) => n);
    expect(end.target).toMatchObject({ namespace: 'shop', name: 'server' });
    expect(end.text).toBe('10.244.1.21 (shop/server)');
  });

  it('two outside ends are refused: no policy decides that', () => {
    expect(() => ask(view(), 'internet', '10.0.0.1')).toThrow(/Both ends are outside the cluster/);
  });
});

describe('engines: the answer names what differs', () => {
  const podRange = netpol('api-from-pod-range', 'shop', { podSelector: { matchLabels: { app: 'server' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '10.244.0.0/16' } }], ports: [{ protocol: 'TCP', port: 8080 }] }] });

  it('Calico: yes, and Cilium would say no (cilium/cilium#9209)', () => {
    const a = ask(view({ policies: [podRange] }, 'calico'), 'client', 'server');
    expect(a.verdict).toBe('yes');
    expect(a.otherEngines.join(' ')).toMatch(/On Cilium the answer would be no: Cilium does not match ipBlocks against pod or node IPs \(cilium\/cilium#9209\)/);
  });

  it('Cilium: no, and Calico and Azure NPM would say yes', () => {
    const a = ask(view({ policies: [podRange] }, 'cilium'), 'client', 'server');
    expect(a.verdict).toBe('no');
    expect(a.text).toMatch(/server is isolated for ingress by shop\/api-from-pod-range/);
    expect(a.otherEngines.join(' ')).toMatch(/On Calico and Azure Network Policy Manager the answer would be yes \(on TCP 80 → 8080\): Calico and Azure Network Policy Manager match ipBlocks against pod IPs too/);
  });

  it('where engines agree, nothing is said about them', () => {
    expect(ask(view({ policies: [denyAll] }, 'cilium'), 'client', 'server').otherEngines).toEqual([]);
  });
});

describe('address pieces', () => {
  it('cuts a range only where a boundary lies inside it, and merges siblings back', () => {
    expect(piecesOf('10.0.0.0/8', ['10.1.0.0/16'])).toHaveLength(9);
    expect(piecesOf('10.0.0.0/8', ['0.0.0.0/0', '192.168.0.0/16'])).toEqual(['10.0.0.0/8']);
    expect(piecesOf('2001:db8::/32', ['2001:db8:1::/48']).length).toBe(17);
    const pieces = piecesOf('10.0.0.0/8', ['10.1.0.0/16']).map((cidr) => ({ cidr, key: cidr !== '10.1.0.0/16' }));
    expect(mergePieces(pieces).filter((p) => !p.key).map((p) => p.cidr)).toEqual(['10.1.0.0/16']);
    expect(mergePieces(pieces.map((p) => ({ ...p, key: true })))).toEqual([{ cidr: '10.0.0.0/8', key: true }]);
  });
});
