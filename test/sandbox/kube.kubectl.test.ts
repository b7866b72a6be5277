import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exec, hasKubectl } from '../helpers/kubectl.js';
import { writeKubeconfig } from '@palisade/sandbox/seed/kube.js';
import { PALISADE_SANDBOX_PRINCIPAL_ID } from '@palisade/sandbox/identity.js';
import { startKubeHarness, type KubeHarness } from './kubeHarness.js';


if (!hasKubectl) process.stderr.write('kube.kubectl.test: kubectl not installed (apt-get install -y kubernetes-client); skipping\n');

describe.skipIf(!hasKubectl)('real kubectl against the sandbox API server', () => {
  let h: KubeHarness;
  let dir: string;
  let kubeconfig: string;
  // async exec: the emulator runs in this process, a sync exec would block its event loop
  const kubectl = async (...args: string[]) => (await exec('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', path.join(dir, 'cache'), '--request-timeout', '10s', ...args])).stdout;

  beforeAll(async () => {
    h = await startKubeHarness();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-kubectl-'));
    kubeconfig = writeKubeconfig(dir, h.world.state.clusters, h.emulator, h.tls.caPem);
  });
  afterAll(async () => {
    await h?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('get svc shows ratings-web as a LoadBalancer with its external IP', async () => {
    const out = await kubectl('get', 'svc', '-n', 'ratingsapp');
    const line = out.split('\n').find((l) => l.startsWith('ratings-web '));
    expect(line).toMatch(/ratings-web\s+LoadBalancer\s+10\.0\.\d+\.\d+\s+20\.72\.185\.150\s+80:\d+\/TCP/);
  });

  it('apply --server-side of the workshop manifest sets loadBalancerSourceRanges; get networkpolicy works', async () => {
    const manifest = path.resolve('packages/sandbox/src/seed/workshop/ratings-web-service-w-nsg.yaml');
    expect(await kubectl('apply', '--server-side', '-n', 'ratingsapp', '-f', manifest)).toContain('service/ratings-web serverside-applied');
    const svc = JSON.parse(await kubectl('get', 'svc', 'ratings-web', '-n', 'ratingsapp', '-o', 'json', '--show-managed-fields'));
    expect(svc.spec.loadBalancerSourceRanges).toEqual(['99.229.39.194/32']);
    expect(svc.metadata.managedFields.some((m: { manager: string; operation: string }) => m.manager === 'kubectl' && m.operation === 'Apply')).toBe(true);
    const np = await exec('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', path.join(dir, 'cache'), 'get', 'networkpolicy', '-A']);
    expect(np.stderr + np.stdout).toContain('No resources found');
  });

  it('reaches aks-prod through its context (the operator IP is inside its authorized ranges)', async () => {
    expect(await kubectl('--context', 'aks-prod', 'get', 'ns')).toContain('payments');
  });
});

describe.skipIf(!hasKubectl)('real kubectl: RBAC, multi-document applies, workloads and validation', () => {
  let h: KubeHarness;
  let dir: string;
  let kubeconfig: string;
  const run = (...args: string[]) => exec('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', path.join(dir, 'cache'), '--request-timeout', '10s', ...args]);
  const kubectl = async (...args: string[]) => (await run(...args)).stdout;
  const failure = async (...args: string[]) => run(...args).then(
    (r) => Promise.reject(new Error(`kubectl succeeded: ${r.stdout}`)),
    (e: { stderr: string }) => e.stderr.trim(),
  );
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };

  beforeAll(async () => {
    h = await startKubeHarness();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-kubectl-'));
    kubeconfig = writeKubeconfig(dir, h.world.state.clusters, h.emulator, h.tls.caPem);
  });
  afterAll(async () => {
    await h?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('applies the shipped deploy/kubernetes/palisade-rbac.yaml (placeholder replaced) and Palisade is bound by it', async () => {
    const shipped = fs.readFileSync(path.resolve('deploy/kubernetes/palisade-rbac.yaml'), 'utf8').split('PALISADE_PRINCIPAL_ID').join(PALISADE_SANDBOX_PRINCIPAL_ID);
    const out = await kubectl('apply', '-f', file('palisade-rbac.yaml', shipped));
    expect(out).toMatch(/clusterrole\.rbac\.authorization\.k8s\.io\/palisade (configured|unchanged)/);
    expect(out).toMatch(/clusterrolebinding\.rbac\.authorization\.k8s\.io\/palisade (configured|unchanged)/);
    const binding = JSON.parse(await kubectl('get', 'clusterrolebinding', 'palisade', '-o', 'json'));
    expect(binding.subjects).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: PALISADE_SANDBOX_PRINCIPAL_ID }]);
    expect(await kubectl('get', 'clusterroles')).toMatch(/^palisade\s/m);
  });

  it('applies a multi-document file with a Namespace, Deployment, DaemonSet, RoleBinding and NetworkPolicy in one go', async () => {
    const manifest = `apiVersion: v1
kind: Namespace
metadata:
  name: multi
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: multi
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports: [{containerPort: 8080}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: multi
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: busybox:1.37
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: devs-view
  namespace: multi
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
  - kind: Group
    name: devs
    apiGroup: rbac.authorization.k8s.io
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: multi
spec:
  podSelector: {}
  egress: []
`;
    const out = await kubectl('apply', '-f', file('multi.yaml', manifest));
    expect(out.trim().split('\n')).toEqual([
      'namespace/multi created',
      'deployment.apps/web created',
      'daemonset.apps/agent created',
      'rolebinding.rbac.authorization.k8s.io/devs-view created',
      'networkpolicy.networking.k8s.io/default-deny created',
    ]);
    const np = JSON.parse(await kubectl('get', 'networkpolicy', 'default-deny', '-n', 'multi', '-o', 'json'));
    expect(np.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    const ds = JSON.parse(await kubectl('get', 'ds', 'agent', '-n', 'multi', '-o', 'json'));
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 3, numberReady: 3 });
    const pods = JSON.parse(await kubectl('get', 'pods', '-n', 'multi', '-l', 'app=agent', '-o', 'json')).items;
    expect(pods.map((p: any) => p.metadata.ownerReferences[0].kind)).toEqual(['DaemonSet', 'DaemonSet', 'DaemonSet']);
    expect(new Set(pods.map((p: any) => p.spec.nodeName)).size).toBe(3);
    // re-applying: kubectl's three-way patch re-sends `egress: []` (absent on the server), so upstream too says "configured"
    const again = await kubectl('apply', '-f', path.join(dir, 'multi.yaml'));
    expect(again).toContain('deployment.apps/web unchanged');
    expect(JSON.parse(await kubectl('get', 'networkpolicy', 'default-deny', '-n', 'multi', '-o', 'json')).spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
  });

  it('gets the other workload kinds on the Cilium cluster', async () => {
    expect(await kubectl('--context', 'aks-cilium', 'get', 'cronjobs', '-n', 'shop')).toMatch(/^nightly-report\s+0 2 \* \* \*/m);
    expect(await kubectl('--context', 'aks-cilium', 'get', 'ds', '-A')).toMatch(/monitoring\s+node-exporter\s+3\s+3\s+3/);
    expect(await kubectl('--context', 'aks-cilium', 'get', 'pod', 'toolbox', '-n', 'shop')).toMatch(/^toolbox\s+1\/1\s+Running/m);
  });

  it('refuses what the API server refuses: a misspelt field (kubectl asks for Strict) and invalid labels', async () => {
    const typo = file('typo.yaml', `apiVersion: apps/v1
kind: Deployment
metadata:
  name: typo
  namespace: ratingsapp
spec:
  selector:
    matchLabels: {app: typo}
  template:
    metadata:
      labels: {app: typo}
    spec:
      containers:
        - name: typo
          image: nginx:1.27
          containerport: 80
`);
    expect(await failure('apply', '-f', typo)).toBe(`Error from server (BadRequest): error when creating "${typo}": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].containerport"`);
    const labels = file('labels.yaml', `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: bad-labels
  namespace: ratingsapp
spec:
  podSelector:
    matchLabels: {app: $backendservice}
`);
    expect(await failure('apply', '-f', labels)).toContain('The NetworkPolicy "bad-labels" is invalid: spec.podSelector.matchLabels: Invalid value: "$backendservice": a valid label must be an empty string');
  });
});
