import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import type { Json, SandboxCluster, WorldState } from '../world.js';
import { kubeKey } from '../world.js';
import { applyDefaults } from '../kube/defaults.js';
import { desiredPods, WORKLOAD_KINDS, workloadStatus } from '../kube/workloads.js';
import { runPod } from '../kube/pods.js';
import { reconcileCluster } from '../cloudProvider/index.js';
import { KUBECTL_TOKEN } from '../kube/clientIdentity.js';
import { stableUuid } from './findings.js';
import { REGISTRIES } from './images.js';
import { missingRbac } from './rbac.js';

/** The Kubernetes side of the sandbox: the workshop's ratings app (as its manifests leave it) in each cluster. */

const WORKSHOP_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'workshop');

function manifest(file: string): Json {
  return YAML.parse(fs.readFileSync(path.join(WORKSHOP_DIR, file), 'utf8')) as Json;
}

class ClusterSeeder {
  private minute = 0;
  constructor(
    private readonly cluster: SandboxCluster,
    private readonly start = Date.UTC(2025, 4, 12, 9, 0, 0),
  ) {}

  /** Stores an object as the API server would have after a create, at a stable, increasing creation time. */
  put(obj: Json, namespace?: string): Json {
    const o = JSON.parse(JSON.stringify(obj)) as Json;
    o.metadata ??= {};
    if (namespace) o.metadata.namespace = namespace;
    const created = new Date(this.start + this.minute++ * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    o.metadata.uid = stableUuid(`${this.cluster.name}|${o.kind}|${o.metadata.namespace ?? ''}|${o.metadata.name}`);
    o.metadata.creationTimestamp = created;
    o.metadata.generation = 1;
    applyDefaults(o, this.cluster.kube, undefined);
    if (WORKLOAD_KINDS.has(o.kind)) o.status = workloadStatus(o, created);
    if (o.kind === 'Pod') o.status = runPod(o.metadata.name, o.spec, 0, created);
    this.store(o);
    for (const pod of desiredPods(o, created)) {
      pod.metadata.uid = stableUuid(`${this.cluster.name}|pod|${pod.metadata.namespace}|${pod.metadata.name}`);
      pod.metadata.creationTimestamp = created;
      this.store(pod);
    }
    return o;
  }

  private store(o: Json): void {
    this.cluster.kube.resourceVersion += 1;
    o.metadata.resourceVersion = String(this.cluster.kube.resourceVersion);
    this.cluster.kube.objects[kubeKey(o.apiVersion, o.kind, o.metadata.namespace, o.metadata.name)] = o;
  }

  namespace(name: string, labels: Json = {}): void {
    this.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
    this.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt' }, data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIB...sandbox...\n-----END CERTIFICATE-----\n' } }, name);
  }
}

function deployment(name: string, labels: Json, image: string, port: number, replicas = 1, extra: Json = {}): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name, image, ports: [{ containerPort: port }], ...extra }] } },
    },
  };
}

function service(name: string, selector: Json, ports: Json[], type = 'ClusterIP', extra: Json = {}): Json {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, labels: extra.labels ?? {} }, spec: { type, selector, ports, ...(extra.spec ?? {}) } };
}

function withRegistry(obj: Json, registryHost: string): Json {
  const o = JSON.parse(JSON.stringify(obj)) as Json;
  for (const c of o.spec.template.spec.containers) c.image = String(c.image).replace(/^[^/]+\.azurecr\.io/, registryHost);
  return o;
}

/** The workshop's networking.k8s.io/v1beta1 Ingress, as the API server serves it in v1. */
function ingressV1(): Json {
  const old = manifest('ratings-web-ingress.yaml');
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: old.metadata.name, annotations: old.metadata.annotations },
    spec: {
      tls: old.spec.tls,
      rules: old.spec.rules.map((r: Json) => ({
        host: r.host,
        http: {
          paths: r.http.paths.map((p: Json) => ({ path: p.path, pathType: 'ImplementationSpecific', backend: { service: { name: p.backend.serviceName, port: { number: p.backend.servicePort } } } })),
        },
      })),
    },
  };
}

function seedKubeSystem(s: ClusterSeeder): void {
  const labels = { 'k8s-app': 'kube-dns' };
  s.put(deployment('coredns', labels, 'mcr.microsoft.com/oss/kubernetes/coredns:v1.11.3-1', 53, 2, { args: ['-conf', '/etc/coredns/Corefile'] }), 'kube-system');
  s.put(
    service('kube-dns', labels, [
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
      { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
    ], 'ClusterIP', { labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'addonmanager.kubernetes.io/mode': 'Reconcile' }, spec: { clusterIP: '10.0.0.10' } }),
    'kube-system',
  );
  s.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns-custom', labels: { 'addonmanager.kubernetes.io/mode': 'EnsureExists', 'k8s-app': 'kube-dns' } }, data: {} }, 'kube-system');
}

function seedIngressController(s: ClusterSeeder): void {
  s.namespace('ingress-basic');
  const labels = { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/instance': 'nginx-ingress', 'app.kubernetes.io/component': 'controller' };
  s.put(deployment('nginx-ingress-ingress-nginx-controller', labels, 'registry.k8s.io/ingress-nginx/controller:v1.12.1', 80, 2, { args: ['/nginx-ingress-controller', '--ingress-class=nginx'] }), 'ingress-basic');
  s.put(
    service('nginx-ingress-ingress-nginx-controller', labels, [
      { name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' },
      { name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' },
    ], 'LoadBalancer', { labels }),
    'ingress-basic',
  );
  s.put({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx', labels }, spec: { controller: 'k8s.io/ingress-nginx' } });
}

function seedRatings(s: ClusterSeeder, registryHost: string, withIngress: boolean): void {
  s.namespace('ratingsapp');
  const ns = 'ratingsapp';
  const mongoLabels = { 'app.kubernetes.io/name': 'mongodb', 'app.kubernetes.io/instance': 'ratings', 'app.kubernetes.io/component': 'mongodb', 'app.kubernetes.io/managed-by': 'Helm', 'helm.sh/chart': 'mongodb-10.28.4' };
  const selector = { 'app.kubernetes.io/name': 'mongodb', 'app.kubernetes.io/instance': 'ratings', 'app.kubernetes.io/component': 'mongodb' };
  s.put({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'mongosecret' },
    type: 'Opaque',
    data: { MONGOCONNECTION: Buffer.from('mongodb://ratingsuser:ratingspassword@ratings-mongodb.ratingsapp:27017/ratingsdb').toString('base64') },
  }, ns);
  s.put({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'ratings-mongodb', labels: mongoLabels },
    spec: {
      replicas: 1,
      serviceName: 'ratings-mongodb',
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: mongoLabels },
        spec: { containers: [{ name: 'mongodb', image: 'docker.io/bitnami/mongodb:4.4.10-debian-10-r20', ports: [{ name: 'mongodb', containerPort: 27017 }], env: [{ name: 'MONGODB_USERNAME', value: 'ratingsuser' }, { name: 'MONGODB_DATABASE', value: 'ratingsdb' }] }] },
      },
    },
  }, ns);
  s.put(service('ratings-mongodb', selector, [{ name: 'mongodb', port: 27017, protocol: 'TCP', targetPort: 'mongodb' }], 'ClusterIP', { labels: mongoLabels }), ns);
  s.put(withRegistry(manifest('ratings-api-deployment.yaml'), registryHost), ns);
  s.put(manifest('ratings-api-service.yaml'), ns);
  s.put(withRegistry(manifest('ratings-web-deployment.yaml'), registryHost), ns);
  s.put(manifest('ratings-web-service-LB.yaml'), ns);
  if (withIngress) s.put(ingressV1(), ns);
}

function seedPayments(s: ClusterSeeder, registryHost: string): void {
  s.namespace('payments');
  s.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'payments-api-config' }, data: { DB_HOST: 'payments-db.payments.svc.cluster.local', LOG_LEVEL: 'info' } }, 'payments');
  s.put(deployment('payments-api', { app: 'payments-api' }, `${registryHost}/payments-api:v3`, 8080, 2, { envFrom: [{ configMapRef: { name: 'payments-api-config' } }] }), 'payments');
  s.put(service('payments-api', { app: 'payments-api' }, [{ port: 80, protocol: 'TCP', targetPort: 8080 }]), 'payments');
  s.put({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'payments-db', labels: { app: 'payments-db' } },
    spec: { replicas: 1, serviceName: 'payments-db', selector: { matchLabels: { app: 'payments-db' } }, template: { metadata: { labels: { app: 'payments-db' } }, spec: { containers: [{ name: 'postgres', image: 'docker.io/library/postgres:16.4', ports: [{ containerPort: 5432 }] }] } } },
  }, 'payments');
  s.put(service('payments-db', { app: 'payments-db' }, [{ port: 5432, protocol: 'TCP', targetPort: 5432 }]), 'payments');
}

/** A small shop on the Cilium cluster: every workload kind, pods with IPs, and a policy whose ipBlock covers pod IPs. */
function seedShop(s: ClusterSeeder): void {
  s.put(
    { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'cilium', labels: { 'k8s-app': 'cilium' } }, spec: { selector: { matchLabels: { 'k8s-app': 'cilium' } }, template: { metadata: { labels: { 'k8s-app': 'cilium' } }, spec: { hostNetwork: true, containers: [{ name: 'cilium-agent', image: 'mcr.microsoft.com/oss/cilium/cilium:1.17.4', ports: [{ name: 'health', containerPort: 9879 }] }] } } } },
    'kube-system',
  );
  s.namespace('shop');
  const web = { app: 'web', 'app.kubernetes.io/part-of': 'shop' };
  const api = { app: 'api', 'app.kubernetes.io/part-of': 'shop' };
  s.put(deployment('web', web, 'docker.io/library/nginx:1.27.3', 8080, 2), 'shop');
  s.put(service('web', web, [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }]), 'shop');
  s.put(deployment('api', api, 'ghcr.io/contoso/shop-api:2.4.1', 8080, 2), 'shop');
  s.put(service('api', api, [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }]), 'shop');
  s.put({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'toolbox', labels: { app: 'toolbox' } }, spec: { containers: [{ name: 'toolbox', image: 'docker.io/library/busybox:1.37', command: ['sleep', 'infinity'] }] } }, 'shop');
  s.put(
    { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly-report', labels: { app: 'report' } }, spec: { schedule: '0 2 * * *', jobTemplate: { spec: { template: { metadata: { labels: { app: 'report' } }, spec: { restartPolicy: 'OnFailure', containers: [{ name: 'report', image: 'ghcr.io/contoso/shop-report:1.0.0' }] } } } } } },
    'shop',
  );
  // allows the api from the pod address range: Calico matches pod IPs against ipBlocks, Cilium does not (cilium/cilium#9209)
  s.put(
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'api-from-pod-range' }, spec: { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '10.244.0.0/16' } }], ports: [{ protocol: 'TCP', port: 8080 }] }] } },
    'shop',
  );
  s.namespace('monitoring');
  const exporter = { 'app.kubernetes.io/name': 'node-exporter' };
  s.put(
    { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'node-exporter', labels: exporter }, spec: { selector: { matchLabels: exporter }, template: { metadata: { labels: exporter }, spec: { containers: [{ name: 'node-exporter', image: 'quay.io/prometheus/node-exporter:v1.8.2', ports: [{ name: 'metrics', containerPort: 9100 }] }] } } } },
    'monitoring',
  );
}

export function seedKube(state: WorldState): void {
  for (const cluster of state.clusters) {
    const s = new ClusterSeeder(cluster);
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) s.namespace(ns);
    s.put(service('kubernetes', {}, [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 443 }], 'ClusterIP', { labels: { component: 'apiserver', provider: 'kubernetes' }, spec: { clusterIP: '10.0.0.1', selector: undefined } }), 'default');
    seedKubeSystem(s);
    if (cluster.name === 'aks-workshop') {
      seedIngressController(s);
      seedRatings(s, REGISTRIES.workshop.host, true);
    } else if (cluster.name === 'aks-cilium') {
      seedShop(s);
    } else {
      seedRatings(s, cluster.name === 'aks-prod' ? REGISTRIES.production.host : REGISTRIES.workshop.host, false);
      if (cluster.name === 'aks-prod') seedPayments(s, REGISTRIES.production.host);
    }
    // the cloud provider already did its work before the sandbox starts: frontends, public IPs, NSG rules, ingress IPs
    reconcileCluster(state, cluster);
    publishIngressAddress(cluster);
    for (const o of missingRbac(cluster)) s.put(o);
  }
}

/**
 * RBAC a cluster of an older sandbox data dir lacks: the API server re-creates missing bootstrap roles at every start,
 * and Palisade's shipped ClusterRole stands for the operator having installed it. Returns how many objects it added.
 */
export function ensureClusterRbac(cluster: SandboxCluster, now = Date.now()): number {
  const missing = missingRbac(cluster);
  const s = new ClusterSeeder(cluster, now);
  for (const o of missing) s.put(o);
  return missing.length;
}

/** ingress-nginx publishes its controller Service's IP on the Ingresses it serves. */
function publishIngressAddress(cluster: SandboxCluster): void {
  const controller = cluster.kube.objects[kubeKey('v1', 'Service', 'ingress-basic', 'nginx-ingress-ingress-nginx-controller')];
  const ip = controller?.status?.loadBalancer?.ingress?.[0]?.ip;
  if (!ip) return;
  for (const o of Object.values(cluster.kube.objects)) {
    if (o.kind !== 'Ingress') continue;
    o.status = { loadBalancer: { ingress: [{ ip }] } };
    cluster.kube.resourceVersion += 1;
    o.metadata.resourceVersion = String(cluster.kube.resourceVersion);
  }
}

export interface KubeconfigEmulator {
  serverUrlFor(cluster: string | { name: string }): string;
}

/** A kubeconfig for kubectl: one context per sandbox cluster, current `aks-workshop`, the operator's static token. */
export function writeKubeconfig(dir: string, clusters: Array<string | { name: string }>, emulator: KubeconfigEmulator, caPem: string): string {
  const names = clusters.map((c) => (typeof c === 'string' ? c : c.name));
  const ca = Buffer.from(caPem).toString('base64');
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: names.map((name) => ({ name, cluster: { server: emulator.serverUrlFor(name), 'certificate-authority-data': ca } })),
    users: [{ name: 'sandbox-operator', user: { token: KUBECTL_TOKEN } }],
    contexts: names.map((name) => ({ name, context: { cluster: name, user: 'sandbox-operator', namespace: 'default' } })),
    'current-context': names.includes('aks-workshop') ? 'aks-workshop' : names[0],
    preferences: {},
  };
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'kubeconfig');
  fs.writeFileSync(file, YAML.stringify(doc), { mode: 0o600 });
  return file;
}
