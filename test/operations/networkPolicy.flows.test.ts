import { describe, expect, it } from 'vitest';
import type { ClusterInfo } from '../../src/domain.js';
import type { WorkloadTemplate } from '../../src/kube/podTemplates.js';
import type { NetworkPolicyInfo, ServiceInfo } from '../../src/kube/types.js';
import { isDefaultDeny } from '../../src/posture/assess.js';
import { NothingToChange, planChange } from '../../src/operations/networkPolicy/changes.js';
import { evaluate } from '../../src/operations/networkPolicy/evaluator.js';
import { type Inventory, inferFlows, mentionOf, namespaceProbes, podOf, worldOf } from '../../src/operations/networkPolicy/flows.js';
import { allowFlowPolicies, DEFAULT_DENY_NAME, normalizeSpec, sameSpec, zeroTrustPolicies } from '../../src/operations/networkPolicy/generate.js';
import { locate, parseRef, resolveIn, targetPorts } from '../../src/operations/networkPolicy/resolve.js';
import { NeedChoice } from '../../src/clusters/resolve.js';
import { cardSizeBytes } from '../../src/cards/render.js';
import { planCard } from '../../src/cards/plan.js';
import { fitPlanCard } from '../../src/engine/fit.js';

/** Pure: flows inferred from what Palisade may read, the policies generated for them, and the preview. */

function workload(name: string, namespace: string, labels: Record<string, string>, ports: Array<{ name?: string; containerPort: number }>, extra: Partial<WorkloadTemplate> = {}, env: WorkloadTemplate['containers'][number]['env'] = []): WorkloadTemplate {
  return {
    kind: 'Deployment',
    namespace,
    name,
    selector: labels,
    podLabels: labels,
    containers: [{ name, ports: ports.map((p) => ({ ...p, protocol: 'TCP' })), env, envFrom: [] }],
    volumes: [],
    args: [],
    ...extra,
  };
}

function service(name: string, namespace: string, selector: Record<string, string>, ports: Array<{ port: number; targetPort?: number | string; name?: string; protocol?: string }>, type = 'ClusterIP'): ServiceInfo {
  return { namespace, name, uid: name, resourceVersion: '1', type, ports: ports.map((p) => ({ protocol: 'TCP', ...p })), selector, annotations: {}, labels: {}, loadBalancerSourceRanges: [], ingressIps: [], internal: false };
}

const mongoSelector = { 'app.kubernetes.io/name': 'mongodb', 'app.kubernetes.io/instance': 'ratings' };
const web = workload('ratings-web', 'ratingsapp', { app: 'ratings-web' }, [{ containerPort: 8080 }], {}, [{ name: 'API', value: 'http://ratings-api.ratingsapp.svc.cluster.local' }]);
const api = workload('ratings-api', 'ratingsapp', { app: 'ratings-api' }, [{ containerPort: 3000 }], {}, [{ name: 'MONGODB_URI', secretKey: { name: 'mongosecret', key: 'MONGOCONNECTION' } }]);
const mongo = workload('ratings-mongodb', 'ratingsapp', mongoSelector, [{ name: 'mongodb', containerPort: 27017 }], { kind: 'StatefulSet' }, [{ name: 'MONGODB_DATABASE', value: 'ratingsdb' }]);
const dns = workload('coredns', 'kube-system', { 'k8s-app': 'kube-dns' }, [{ name: 'dns', containerPort: 53 }]);
const nginx = workload('ingress-nginx-controller', 'ingress-basic', { 'app.kubernetes.io/name': 'ingress-nginx' }, [{ name: 'http', containerPort: 80 }], { args: ['/nginx-ingress-controller', '--ingress-class=nginx'] });

function inventory(extra: Partial<Inventory> = {}): Inventory {
  return {
    cluster: 'aks-test',
    engine: 'calico',
    namespace: 'ratingsapp',
    namespaces: ['ratingsapp', 'kube-system', 'ingress-basic', 'payments'].map((name) => ({ name, labels: { 'kubernetes.io/metadata.name': name }, phase: 'Active' })),
    workloads: [web, api, mongo, dns],
    services: [
      service('ratings-web', 'ratingsapp', { app: 'ratings-web' }, [{ port: 80, targetPort: 8080 }], 'LoadBalancer'),
      service('ratings-api', 'ratingsapp', { app: 'ratings-api' }, [{ port: 80, targetPort: 3000 }]),
      service('ratings-mongodb', 'ratingsapp', mongoSelector, [{ name: 'mongodb', port: 27017, targetPort: 'mongodb' }]),
      service('kube-dns', 'kube-system', { 'k8s-app': 'kube-dns' }, [{ port: 53, targetPort: 53, protocol: 'UDP' }]),
    ],
    ingresses: [],
    configMaps: [],
    policies: [],
    pods: [],
    ...extra,
  };
}

const cluster = { name: 'aks-test', subscriptionId: 's', resourceGroup: 'rg', networkPolicy: 'calico' } as ClusterInfo;

function stored(policies: ReturnType<typeof zeroTrustPolicies>): NetworkPolicyInfo[] {
  // what the API server hands back: defaults filled in, our label added
  return policies.map((p, i) => {
    const spec = JSON.parse(JSON.stringify(p.spec)) as Record<string, any>;
    for (const rules of [spec.ingress ?? [], spec.egress ?? []]) for (const r of rules) for (const port of r.ports ?? []) port.protocol ??= 'TCP';
    return { namespace: p.namespace, name: p.name, uid: `u${i}`, resourceVersion: String(10 + i), labels: { 'app.kubernetes.io/managed-by': 'palisade', ...p.labels }, podSelector: spec.podSelector, policyTypes: spec.policyTypes, spec };
  });
}

describe('flow inference', () => {
  it('finds the FQDN in an env value and resolves the Service port to its target port', () => {
    const { flows } = inferFlows(inventory());
    const f = flows.find((x) => x.from.kind === 'workload' && x.from.workload.name === 'ratings-web' && x.to.name === 'ratings-api');
    expect(f?.ports).toEqual([{ protocol: 'TCP', port: 3000, servicePort: 80 }]);
    expect(f?.why).toBe('env API of ratings-web names ratings-api.ratingsapp.svc.cluster.local');
  });

  it('keeps internet → pods behind a LoadBalancer Service on the target port', () => {
    const { flows } = inferFlows(inventory());
    const f = flows.find((x) => x.from.kind === 'anywhere');
    expect(f?.to.name).toBe('ratings-web');
    expect(f?.ports).toEqual([{ protocol: 'TCP', port: 8080, servicePort: 80 }]);
  });

  it('flags a Service nobody visibly calls and ranks the workload that reads a matching Secret first', () => {
    const { unseen } = inferFlows(inventory());
    expect(unseen).toEqual([{ service: 'ratings-mongodb', workloads: ['ratings-mongodb'], candidates: [{ workload: 'ratings-api', reason: 'reads Secret mongosecret (MONGODB_URI)' }] }]);
  });

  it('offers no caller when nothing hints at one', () => {
    const inv = inventory({ workloads: [web, { ...api, containers: [{ ...api.containers[0], env: [] }] }, mongo, dns] });
    expect(inferFlows(inv).unseen[0].candidates).toEqual([]);
  });

  it('reads ConfigMaps the workload uses (envFrom) and picks the port from an explicit :port', () => {
    const payApi = workload('payments-api', 'payments', { app: 'payments-api' }, [{ containerPort: 8080 }]);
    payApi.containers[0].envFrom = [{ configMap: 'payments-api-config' }];
    const payDb = workload('payments-db', 'payments', { app: 'payments-db' }, [{ containerPort: 5432 }, { containerPort: 9187 }]);
    const inv = inventory({
      namespace: 'payments',
      workloads: [payApi, payDb],
      services: [service('payments-db', 'payments', { app: 'payments-db' }, [{ port: 5432, targetPort: 5432 }, { port: 9187, targetPort: 9187 }])],
      configMaps: [{ namespace: 'payments', name: 'payments-api-config', data: { DB_URL: 'postgres://payments-db:5432/pay', LOG_LEVEL: 'info' } }],
    });
    const f = inferFlows(inv).flows[0];
    expect(f.why).toBe('ConfigMap payments-api-config (DB_URL) of payments-api names payments-db:5432');
    expect(f.ports).toEqual([{ protocol: 'TCP', port: 5432, servicePort: 5432 }]);
  });

  it.each([
    ['http://ratings-api.ratingsapp.svc.cluster.local/v1', true],
    ['ratings-api.ratingsapp:80', true],
    ['mongodb://user@ratings-api:27017', true],
    ['ratings-api', true],
    ['ratings-api-v2.ratingsapp.svc', false],
    ['app=ratings-api', false],
    ['http://my-ratings-api.ratingsapp.svc', false],
    ['ratings-api.other.svc.cluster.local', false],
  ])('mention of ratings-api in %j: %s', (text, expected) => {
    expect(Boolean(mentionOf(text, service('ratings-api', 'ratingsapp', { app: 'ratings-api' }, [{ port: 80 }]), 'ratingsapp'))).toBe(expected);
  });

  it('an Ingress backend is allowed from the ingress controller namespace', () => {
    const inv = inventory({
      workloads: [web, api, mongo, dns, nginx],
      ingresses: [{ namespace: 'ratingsapp', name: 'ratings-web-ingress', className: 'nginx', hosts: ['x'], backends: [{ service: 'ratings-web', port: 80 }], addresses: [], tls: true }],
    });
    const f = inferFlows(inv).flows.find((x) => x.from.kind === 'namespace');
    expect(f?.from).toEqual({ kind: 'namespace', namespace: 'ingress-basic', label: 'ingress-basic (ingress controller)' });
    const ingressWeb = zeroTrustPolicies('ratingsapp', inferFlows(inv).flows).find((p) => p.name === 'palisade-ingress-ratings-web')!;
    expect(ingressWeb.spec.ingress).toContainEqual({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-basic' } } }], ports: [{ protocol: 'TCP', port: 8080 }] });
  });
});

describe('generated zero-trust policies', () => {
  const desired = zeroTrustPolicies('ratingsapp', inferFlows(inventory()).flows);

  it('default deny in and out with DNS to kube-dns (UDP and TCP 53), which status recognises', () => {
    const deny = stored(desired).find((p) => p.name === DEFAULT_DENY_NAME)!;
    expect(deny.spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }],
    });
    expect(isDefaultDeny(deny, 'Ingress')).toBe(true);
    expect(isDefaultDeny(deny, 'Egress')).toBe(true);
  });

  it('under the generated policies: kept flows pass, everything else is blocked', () => {
    const inv = inventory({ policies: stored(desired) });
    const world = worldOf(inv);
    const pod = (w: WorkloadTemplate) => ({ kind: 'pod' as const, pod: podOf(w) });
    expect(evaluate({ from: pod(web), to: pod(api), port: 3000, protocol: 'TCP' }, world).allowed).toBe(true);
    expect(evaluate({ from: { kind: 'external', ip: '203.0.113.9' }, to: pod(web), port: 8080, protocol: 'TCP' }, world).allowed).toBe(true);
    expect(evaluate({ from: pod(web), to: pod(dns), port: 53, protocol: 'UDP' }, world).allowed).toBe(true);
    expect(evaluate({ from: pod(api), to: pod(web), port: 8080, protocol: 'TCP' }, world).allowed).toBe(false);
    expect(evaluate({ from: pod(api), to: pod(mongo), port: 27017, protocol: 'TCP' }, world).allowed).toBe(false);
    expect(evaluate({ from: pod(web), to: pod(api), port: 8080, protocol: 'TCP' }, world).allowed).toBe(false);
  });

  it('compares equal to what the API server stores (defaults filled in), so re-runs change nothing', () => {
    for (const [d, s] of desired.map((p, i) => [p, stored(desired)[i]] as const)) expect(sameSpec(s.spec, d.spec)).toBe(true);
    expect(normalizeSpec({ podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] })).toBe(normalizeSpec({ podSelector: {}, policyTypes: ['Ingress'], ingress: [{ ports: [{ protocol: 'TCP', port: 80 }] }] }));
    expect(sameSpec({ podSelector: {}, egress: [{}] }, { podSelector: {}, policyTypes: ['Ingress'], egress: [{}] })).toBe(false);
  });

  it('planning again after the apply says there is nothing to change', () => {
    const inv = inventory({ policies: stored(desired) });
    expect(() => planChange({ cluster, inv, apply: desired, delete: [], title: 't', warnings: [], probes: [], nothing: { message: 'nothing' }, revertTitle: 'r' })).toThrow(NothingToChange);
  });

  it('refuses to overwrite a policy of the same name that Palisade did not create', () => {
    const foreign = { ...stored(desired)[0], labels: {} };
    expect(() => planChange({ cluster, inv: inventory({ policies: [foreign] }), apply: desired, delete: [], title: 't', warnings: [], probes: [], nothing: { message: 'n' }, revertTitle: 'r' })).toThrow(/not created by Palisade/);
  });

  it('the preview keeps, blocks and reverts: created policies are deleted by the revert', () => {
    const inv = inventory();
    const inference = inferFlows(inv);
    const draft = planChange({ cluster, inv, apply: desired, delete: [], title: 'Zero-trust', warnings: [], probes: namespaceProbes(inv, inference), nothing: { message: 'n' }, revertTitle: 'Undo' });
    expect(draft.risk).toBe('narrows');
    const row = (label: RegExp) => draft.diff.find((r) => label.test(r.label));
    expect(row(/^ratings-web → ratings-api/)?.after).toMatch(/^kept: env API/);
    expect(row(/^internet → ratings-web/)?.after).toBe('kept: public LoadBalancer Service ratings-web');
    expect(row(/^ratings-api → ratings-mongodb/)).toMatchObject({ before: 'allowed', after: 'BLOCKED' });
    expect(row(/^ratings-web → internet/)).toMatchObject({ before: 'allowed', after: 'BLOCKED' });
    expect(draft.revert?.args).toMatchObject({ delete: desired.map((d) => d.name), apply: [] });
  });

  it('what it blocks names callers from other namespaces: each ingress controller on its own row, the rest together', () => {
    const payments = workload('payments-api', 'payments', { app: 'payments-api' }, [{ containerPort: 8080 }]);
    const exporter = workload('node-exporter', 'monitoring', { app: 'node-exporter' }, [{ containerPort: 9100 }], { kind: 'DaemonSet' });
    const inv = inventory({ workloads: [web, api, mongo, dns, nginx, payments, exporter] });
    const inference = inferFlows(inv);
    const zt = zeroTrustPolicies('ratingsapp', inference.flows);
    const draft = planChange({ cluster, inv, apply: zt, delete: [], title: 'Zero-trust', warnings: [], probes: namespaceProbes(inv, inference), nothing: { message: 'n' }, revertTitle: 'Undo' });
    const row = (label: string) => draft.diff.find((r) => r.label === label);
    expect(row('ingress-basic/ingress-nginx-controller (ingress controller) → ratings-api (TCP 80 → 3000)')).toMatchObject({ before: 'allowed', after: 'BLOCKED' });
    expect(row('other namespaces (payments/payments-api, monitoring/node-exporter) → ratings-api (TCP 80 → 3000)')).toMatchObject({ before: 'allowed', after: 'BLOCKED' });
    // kube-system's own workloads are not "callers from other namespaces"
    expect(draft.diff.some((r) => /coredns.*→ ratings-api/.test(r.label))).toBe(false);
  });

  it('a namespace with 40 workloads still fits one card, saying what was left out', () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      workload(`service-number-${i}`, 'big', { app: `service-number-${i}` }, [{ containerPort: 8000 + i }], {}, [{ name: 'NEXT', value: `http://service-number-${(i + 1) % 40}.big.svc.cluster.local:80` }]),
    );
    const inv = inventory({ namespace: 'big', workloads: [...many, dns], services: many.map((w, i) => service(w.name, 'big', w.podLabels, [{ port: 80, targetPort: 8000 + i }])) });
    const inference = inferFlows(inv);
    const draft = fitPlanCard(planChange({ cluster, inv, apply: zeroTrustPolicies('big', inference.flows), delete: [], title: 'Zero-trust for big', warnings: [], probes: namespaceProbes(inv, inference), nothing: { message: 'n' }, revertTitle: 'Undo' }));
    const at = new Date().toISOString();
    const card = planCard({ ...draft, id: 'x'.repeat(22), operation: 'networkPolicy.zeroTrust', args: {}, requester: { id: '29:a', name: 'A' }, conversation: { serviceUrl: '', channelId: 'msteams', conversation: { id: 'c' }, bot: { id: 'b' } }, createdAt: at, expiresAt: at, state: 'pending', approvals: [], selfApprovalAllowed: true, approvalsNeeded: 1, fourEyes: false }, { viewerCanDecide: true, refreshUserIds: ['29:a'] });
    expect(cardSizeBytes(card as Parameters<typeof cardSizeBytes>[0])).toBeLessThan(28 * 1024);
    expect(draft.diff.some((r) => /more flow\(s\)/.test(r.label))).toBe(true);
    expect(draft.details).toMatch(/more line\(s\)/);
  });
});

describe('names and ports people type', () => {
  const resolveTarget = (inv: Inventory, name: string) => resolveIn(inv, inv.namespace, parseRef(name));

  it('a Service port resolves to the target port; a container port is accepted; an undeclared number is answered for, and said so', () => {
    const inv = inventory();
    expect(targetPorts(resolveTarget(inv, 'ratings-api'), 80)).toEqual({ ports: [{ protocol: 'TCP', port: 3000, servicePort: 80 }], anyPort: false, notes: [] });
    expect(targetPorts(resolveTarget(inv, 'ratings-api'), 3000).ports).toEqual([{ protocol: 'TCP', port: 3000 }]);
    expect(targetPorts(resolveTarget(inv, 'ratings-mongodb')).ports).toEqual([{ protocol: 'TCP', port: 27017, servicePort: 27017 }]);
    const undeclared = targetPorts(resolveTarget(inv, 'ratings-api'), 81);
    expect(undeclared.ports).toEqual([{ protocol: 'TCP', port: 81 }]);
    expect(undeclared.notes.join(' ')).toMatch(/ratings-api does not declare TCP 81 \(its ports: TCP 80 → 3000 \(Service\), TCP 3000 \(container\)\): answering for TCP 81 as asked/);
    expect(targetPorts(resolveTarget(inv, 'ratings-api'), 81, 'UDP').ports).toEqual([{ protocol: 'UDP', port: 81 }]);
  });

  it('a protocol picks the Service ports of that protocol', () => {
    const inv = inventory({ services: [service('kube-dns', 'kube-system', { 'k8s-app': 'kube-dns' }, [{ port: 53, targetPort: 53, protocol: 'UDP' }, { port: 53, targetPort: 53, protocol: 'TCP' }])] });
    const dns = resolveIn(inv, 'kube-system', parseRef('kube-dns'));
    expect(targetPorts(dns, 53, 'UDP').ports).toEqual([{ protocol: 'UDP', port: 53, servicePort: 53 }]);
    expect(targetPorts(dns).ports).toHaveLength(2);
  });

  it('no port given and none declared: every port is the question', () => {
    const inv = inventory({ workloads: [workload('toolbox', 'ratingsapp', { app: 'toolbox' }, [], { kind: 'Pod' })], services: [] });
    expect(targetPorts(resolveTarget(inv, 'toolbox'))).toMatchObject({ ports: [], anyPort: true });
  });

  it('a named targetPort no container declares stays a name (the answer says nothing reaches it)', () => {
    const inv = inventory({ services: [service('ratings-api', 'ratingsapp', { app: 'ratings-api' }, [{ port: 80, targetPort: 'web' }])] });
    expect(targetPorts(resolveTarget(inv, 'ratings-api')).ports).toEqual([{ protocol: 'TCP', port: 'web', servicePort: 80 }]);
  });

  it('an unknown name gets a did-you-mean', () => {
    expect(() => resolveTarget(inventory(), 'ratings-apj')).toThrow(/no workload or Service named "ratings-apj" in ratingsapp on aks-test\. Did you mean ratings-api\?/);
    expect(() => locate(inventory(), parseRef('nope'), (n) => n)).toThrow(/can't find a workload or Service named "nope"/);
  });

  it('finds a name in any namespace, `ns/name` and `kind/name` narrow it, and a name in several namespaces is a choice', () => {
    const inv = inventory();
    expect(locate(inv, parseRef('coredns'), (n) => n)).toMatchObject({ namespace: 'kube-system', name: 'coredns', kind: 'Deployment' });
    expect(locate(inv, parseRef('ratingsapp/ratings-api'), (n) => n)).toMatchObject({ namespace: 'ratingsapp', kind: 'Deployment' });
    expect(locate(inv, parseRef('statefulset/ratings-mongodb'), (n) => n)).toMatchObject({ kind: 'StatefulSet' });
    expect(() => locate(inv, parseRef('deployment/ratings-mongodb'), (n) => n)).toThrow(/can't find a Deployment named "ratings-mongodb"/);
    const twice = inventory({ workloads: [web, api, mongo, dns, { ...api, namespace: 'payments' }] });
    const choice = (() => {
      try {
        locate(twice, parseRef('ratings-api'), (n) => `can x reach ${n}/ratings-api`);
      } catch (e) {
        return e;
      }
    })();
    expect(choice).toBeInstanceOf(NeedChoice);
    expect((choice as NeedChoice).options.map((o) => o.command)).toEqual(['can x reach payments/ratings-api', 'can x reach ratingsapp/ratings-api']);
  });

  it('allow rules select the source and destination pods by their workload selectors', () => {
    const [egress, ingress] = allowFlowPolicies(api, mongo, [{ protocol: 'TCP', port: 27017 }], { egress: true, ingress: true });
    expect(egress.spec).toEqual({ podSelector: { matchLabels: { app: 'ratings-api' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: mongoSelector } }], ports: [{ protocol: 'TCP', port: 27017 }] }] });
    expect(ingress.spec).toEqual({ podSelector: { matchLabels: mongoSelector }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'ratings-api' } } }], ports: [{ protocol: 'TCP', port: 27017 }] }] });
  });

  it('allow rules across namespaces: egress in the source namespace, ingress in the destination namespace, each naming the other by namespace and labels', () => {
    const payments = workload('payments-api', 'payments', { app: 'payments-api' }, [{ containerPort: 8080 }]);
    const [egress, ingress] = allowFlowPolicies(web, payments, [{ protocol: 'TCP', port: 8080 }], { egress: true, ingress: true });
    expect(egress).toMatchObject({ namespace: 'ratingsapp', name: 'palisade-allow-ratings-web-to-payments-payments-api-egress' });
    expect(egress.spec.egress).toEqual([{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'payments' } }, podSelector: { matchLabels: { app: 'payments-api' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }]);
    expect(ingress).toMatchObject({ namespace: 'payments', name: 'palisade-allow-ratingsapp-ratings-web-to-payments-api-ingress' });
    expect(ingress.spec.ingress).toEqual([{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ratingsapp' } }, podSelector: { matchLabels: { app: 'ratings-web' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }]);
  });

  it('a workload without labels cannot be selected alone: refused, never an empty selector', () => {
    const bare = workload('toolbox', 'ratingsapp', {}, [], { kind: 'Pod' });
    expect(() => allowFlowPolicies(bare, api, [{ protocol: 'TCP', port: 3000 }], { egress: true, ingress: true })).toThrow(/Pod toolbox in ratingsapp has no labels/);
  });
});
