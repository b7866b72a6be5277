import type { Json, SandboxCluster } from '../../world.js';
import { kubeKey } from '../../world.js';
import { SYSTEM_MASTERS, type UserInfo } from '../authn.js';
import { KubeStatusError, statusErrors } from '../status.js';
import type { RequestAttributes } from './attributes.js';
import { authorize, rulesFor } from './authorizer.js';

/**
 * RBAC's escalation prevention (pkg/registry/rbac): nobody grants permissions they do not hold. Writing a Role or
 * ClusterRole needs the `escalate` verb or every permission it grants; writing a binding needs `bind` on its role or
 * every permission the role grants. `system:masters` may do anything.
 */

const RBAC_API = 'rbac.authorization.k8s.io/v1';

function list(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}

/** BreakdownRule: one verb, one group, one resource (one name) per rule. */
function breakdown(rule: Json): Json[] {
  const verbs = list(rule.verbs);
  const urls = list(rule.nonResourceURLs);
  if (urls.length) return urls.flatMap((u) => verbs.map((v) => ({ nonResourceURLs: [u], verbs: [v] })));
  const names = list(rule.resourceNames);
  return list(rule.apiGroups).flatMap((g) => list(rule.resources).flatMap((r) => verbs.flatMap((v) => (names.length ? names : [undefined]).map((n) => ({ apiGroups: [g], resources: [r], verbs: [v], ...(n ? { resourceNames: [n] } : {}) })))));
}

function has(set: string[], v: string): boolean {
  return set.includes(v);
}

function resourceCovers(owner: string[], wanted: string[]): boolean {
  if (has(owner, '*')) return true;
  return wanted.every((path) => has(owner, path) || (path.includes('/') && has(owner, `*/${path.split('/').slice(1).join('/')}`)));
}

function urlCovers(owner: string[], wanted: string[]): boolean {
  return wanted.every((u) => owner.some((o) => o === '*' || o === u || (o.endsWith('*') && u.startsWith(o.slice(0, -1)))));
}

/** ruleCovers: does the owner's rule include everything of the (broken-down) wanted rule? */
function ruleCovers(owner: Json, wanted: Json): boolean {
  const verbs = has(list(owner.verbs), '*') || list(wanted.verbs).every((v) => has(list(owner.verbs), v));
  const groups = has(list(owner.apiGroups), '*') || list(wanted.apiGroups).every((g) => has(list(owner.apiGroups), g));
  const resources = resourceCovers(list(owner.resources), list(wanted.resources));
  const urls = urlCovers(list(owner.nonResourceURLs), list(wanted.nonResourceURLs));
  const ownerNames = list(owner.resourceNames);
  const wantedNames = list(wanted.resourceNames);
  const names = wantedNames.length === 0 ? ownerNames.length === 0 : ownerNames.length === 0 || wantedNames.every((n) => has(ownerNames, n));
  return verbs && groups && resources && urls && names;
}

const q = (xs: string[]) => `[${xs.map((x) => JSON.stringify(x)).join(' ')}]`;

/** rbacv1helpers.CompactString. */
function compactString(r: Json): string {
  const parts: string[] = [];
  if (list(r.apiGroups).length) parts.push(`APIGroups:${q(list(r.apiGroups))}`);
  if (list(r.resources).length) parts.push(`Resources:${q(list(r.resources))}`);
  if (list(r.nonResourceURLs).length) parts.push(`NonResourceURLs:${q(list(r.nonResourceURLs))}`);
  if (list(r.resourceNames).length) parts.push(`ResourceNames:${q(list(r.resourceNames))}`);
  if (list(r.verbs).length) parts.push(`Verbs:${q(list(r.verbs))}`);
  return `{${parts.join(', ')}}`;
}

/** CompactRules: simple rules (one group, one resource, no names) that differ only in verbs become one. */
function compact(rules: Json[]): Json[] {
  const merged = new Map<string, Json>();
  const others: Json[] = [];
  for (const r of rules) {
    if (list(r.apiGroups).length === 1 && list(r.resources).length === 1 && !list(r.resourceNames).length && !list(r.nonResourceURLs).length) {
      const key = `${r.apiGroups[0]}|${r.resources[0]}`;
      const m = merged.get(key) ?? { apiGroups: r.apiGroups, resources: r.resources, verbs: [] };
      for (const v of list(r.verbs)) if (!m.verbs.includes(v)) m.verbs.push(v);
      merged.set(key, m);
    } else others.push(r);
  }
  return [...merged.values(), ...others];
}

/** ConfirmNoEscalation: the permissions in `rules` the user does not hold, or none. */
function missingRights(cluster: SandboxCluster, user: UserInfo, namespace: string, rules: Json[]): string[] {
  const owner = rulesFor(cluster, user, namespace).rules;
  const missing = rules.flatMap(breakdown).filter((r) => !owner.some((o) => ruleCovers(o, r)));
  return [...new Set(compact(missing).map(compactString))].sort();
}

function escalationError(attrs: RequestAttributes, missing: string[]): KubeStatusError {
  const group = `${attrs.resource}.rbac.authorization.k8s.io`;
  const detail = `user ${JSON.stringify(attrs.user.name)} (groups=${q(attrs.user.groups)}) is attempting to grant RBAC permissions not currently held:\n${missing.join('\n')}`;
  return new KubeStatusError(403, 'Forbidden', `${group}${attrs.name ? ` ${JSON.stringify(attrs.name)}` : ''} is forbidden: ${detail}`, { ...(attrs.name ? { name: attrs.name } : {}), group: 'rbac.authorization.k8s.io', kind: attrs.resource });
}

/** Checks a Role/ClusterRole/binding about to be stored; throws the API server's 403 (or 404 for a missing role). */
export function confirmNoEscalation(cluster: SandboxCluster, attrs: RequestAttributes, obj: Json): void {
  if (attrs.user.groups.includes(SYSTEM_MASTERS)) return;
  const namespace = obj.metadata?.namespace ?? '';
  const name = obj.metadata?.name ?? attrs.name;
  const as = (verb: string, resource: string, resourceName: string): boolean =>
    authorize(cluster, { ...attrs, verb, resource, subresource: '', apiGroup: 'rbac.authorization.k8s.io', name: resourceName, namespace, resourceRequest: true }).allowed;
  let rules: Json[];
  if (obj.kind === 'Role' || obj.kind === 'ClusterRole') {
    if (as('escalate', attrs.resource, name)) return;
    rules = Array.isArray(obj.rules) ? obj.rules : [];
  } else if (obj.kind === 'RoleBinding' || obj.kind === 'ClusterRoleBinding') {
    const ref = obj.roleRef ?? {};
    const roleResource = ref.kind === 'Role' ? 'roles' : 'clusterroles';
    if (as('bind', roleResource, ref.name)) return;
    const role = cluster.kube.objects[kubeKey(RBAC_API, ref.kind, ref.kind === 'Role' ? namespace : undefined, ref.name)];
    if (!role) throw statusErrors.notFound('rbac.authorization.k8s.io', roleResource, ref.name);
    rules = Array.isArray(role.rules) ? role.rules : [];
  } else return;
  const missing = missingRights(cluster, attrs.user, namespace, rules);
  if (missing.length) throw escalationError({ ...attrs, name }, missing);
}
