import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import type { Json, SandboxCluster } from '../world.js';
import { PALISADE_SANDBOX_PRINCIPAL_ID } from '../identity.js';

/** RBAC every sandbox cluster has: the API server's bootstrap roles, and the ClusterRole Palisade ships. */

const RBAC = 'rbac.authorization.k8s.io/v1';
const BOOTSTRAP = { labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } };

/** Where the shipped manifest lives: deploy/kubernetes at the repository root (from src/seed and from dist/seed alike). */
export const PALISADE_RBAC_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../deploy/kubernetes/palisade-rbac.yaml');
/** The placeholder the shipped manifest names the identity with. */
export const PRINCIPAL_PLACEHOLDER = 'PALISADE_PRINCIPAL_ID';

function clusterRole(name: string, rules: Json[]): Json {
  return { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name, ...BOOTSTRAP }, rules };
}

function groupBinding(name: string, role: string, groups: string[]): Json {
  return {
    apiVersion: RBAC,
    kind: 'ClusterRoleBinding',
    metadata: { name, ...BOOTSTRAP },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: groups.map((g) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: g })),
  };
}

const READ = ['get', 'list', 'watch'];

/** A subset of the API server's bootstrap policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy). */
export function bootstrapRbac(): Json[] {
  return [
    clusterRole('cluster-admin', [
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      { nonResourceURLs: ['*'], verbs: ['*'] },
    ]),
    clusterRole('system:discovery', [{ nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'], verbs: ['get'] }]),
    clusterRole('system:public-info-viewer', [{ nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get'] }]),
    clusterRole('system:basic-user', [
      { apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], verbs: ['create'] },
      { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
    ]),
    clusterRole('view', [
      { apiGroups: [''], resources: ['configmaps', 'endpoints', 'persistentvolumeclaims', 'pods', 'pods/log', 'pods/status', 'replicationcontrollers', 'serviceaccounts', 'services', 'services/status'], verbs: READ },
      { apiGroups: [''], resources: ['events', 'limitranges', 'namespaces', 'namespaces/status', 'resourcequotas'], verbs: READ },
      { apiGroups: ['apps'], resources: ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/status', 'replicasets', 'replicasets/status', 'statefulsets', 'statefulsets/status'], verbs: READ },
      { apiGroups: ['batch'], resources: ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], verbs: READ },
      { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'ingresses/status', 'networkpolicies'], verbs: READ },
    ]),
    groupBinding('cluster-admin', 'cluster-admin', ['system:masters']),
    groupBinding('system:discovery', 'system:discovery', ['system:authenticated']),
    groupBinding('system:public-info-viewer', 'system:public-info-viewer', ['system:authenticated', 'system:unauthenticated']),
    groupBinding('system:basic-user', 'system:basic-user', ['system:authenticated']),
  ];
}

/** The shipped manifest's documents, with the identity's object id in place of the placeholder. */
export function palisadeRbac(principalId: string = PALISADE_SANDBOX_PRINCIPAL_ID, file: string = PALISADE_RBAC_FILE): Json[] {
  const text = fs.readFileSync(file, 'utf8').split(PRINCIPAL_PLACEHOLDER).join(principalId);
  return YAML.parseAllDocuments(text).map((d) => d.toJSON() as Json).filter(Boolean);
}

function keyOf(o: Json): string {
  return `${o.apiVersion}|${o.kind}|${o.metadata.namespace ?? ''}|${o.metadata.name}`;
}

/** Objects from `wanted` the cluster does not have yet (the API server re-creates missing bootstrap roles at start). */
export function missingRbac(cluster: SandboxCluster, wanted: Json[] = [...bootstrapRbac(), ...palisadeRbac()]): Json[] {
  return wanted.filter((o) => !cluster.kube.objects[keyOf(o)]);
}
