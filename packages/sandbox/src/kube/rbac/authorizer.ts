import type { Json, SandboxCluster } from '../../world.js';
import { kubeKey } from '../../world.js';
import { SYSTEM_MASTERS, type UserInfo } from '../authn.js';
import type { RequestAttributes } from './attributes.js';
import { ruleAllows } from './rules.js';

/**
 * The API server's authorizer chain for the sandbox: the privileged `system:masters` group, then RBAC over the
 * cluster's own ClusterRoleBindings (cluster-wide) and the RoleBindings of the request's namespace.
 */

const RBAC = 'rbac.authorization.k8s.io/v1';

export interface Decision {
  allowed: boolean;
  /** RBAC's reason when it has no opinion: bindings whose role is missing (`RBAC: clusterrole… not found`). */
  reason: string;
}

function subjectMatches(s: Json, user: UserInfo, bindingNamespace: string): boolean {
  switch (s?.kind) {
    case 'User':
      return s.name === user.name;
    case 'Group':
      return user.groups.includes(s.name);
    case 'ServiceAccount':
      return user.name === `system:serviceaccount:${s.namespace || bindingNamespace}:${s.name}`;
    default:
      return false;
  }
}

function bindingsOf(cluster: SandboxCluster, kind: 'ClusterRoleBinding' | 'RoleBinding', namespace?: string): Json[] {
  return Object.values(cluster.kube.objects).filter((o) => o.apiVersion === RBAC && o.kind === kind && (namespace === undefined || o.metadata?.namespace === namespace));
}

/** The rules a binding grants, or the error RBAC records when its role does not exist. */
function roleRules(cluster: SandboxCluster, binding: Json): { rules: Json[]; error?: string } {
  const ref = binding.roleRef ?? {};
  const ns = ref.kind === 'Role' ? binding.metadata.namespace : undefined;
  const role = cluster.kube.objects[kubeKey(RBAC, ref.kind, ns, ref.name)];
  if (!role) return { rules: [], error: `${ref.kind === 'Role' ? 'role' : 'clusterrole'}.rbac.authorization.k8s.io "${ref.name}" not found` };
  return { rules: Array.isArray(role.rules) ? role.rules : [] };
}

/** Resolved rules per cluster and (user, groups, namespace), until an RBAC object of that cluster changes. */
const cache = new WeakMap<SandboxCluster, Map<string, { rules: Json[]; errors: string[] }>>();

/** Forgets what was resolved for a cluster: call on every change of its RBAC objects. */
export function rbacChanged(cluster: SandboxCluster): void {
  cache.delete(cluster);
}

/** Every rule that applies to the user at this namespace ('' = cluster scope), with the errors met on the way. */
export function rulesFor(cluster: SandboxCluster, user: UserInfo, namespace: string): { rules: Json[]; errors: string[] } {
  const key = JSON.stringify([user.name, user.groups, namespace]);
  let resolved = cache.get(cluster);
  if (!resolved) cache.set(cluster, (resolved = new Map()));
  const hit = resolved.get(key);
  if (hit) return hit;
  const out = resolveRules(cluster, user, namespace);
  resolved.set(key, out);
  return out;
}

function resolveRules(cluster: SandboxCluster, user: UserInfo, namespace: string): { rules: Json[]; errors: string[] } {
  const rules: Json[] = [];
  const errors: string[] = [];
  const collect = (b: Json) => {
    if (!(b.subjects ?? []).some((s: Json) => subjectMatches(s, user, b.metadata?.namespace ?? ''))) return;
    const r = roleRules(cluster, b);
    rules.push(...r.rules);
    if (r.error) errors.push(r.error);
  };
  bindingsOf(cluster, 'ClusterRoleBinding').forEach(collect);
  if (namespace) bindingsOf(cluster, 'RoleBinding', namespace).forEach(collect);
  return { rules, errors };
}

export function authorize(cluster: SandboxCluster, attrs: RequestAttributes): Decision {
  if (attrs.user.groups.includes(SYSTEM_MASTERS)) return { allowed: true, reason: '' };
  const { rules, errors } = rulesFor(cluster, attrs.user, attrs.resourceRequest ? attrs.namespace : '');
  if (rules.some((r) => ruleAllows(attrs, r))) return { allowed: true, reason: '' };
  return { allowed: false, reason: errors.length ? `RBAC: ${errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`}` : '' };
}
