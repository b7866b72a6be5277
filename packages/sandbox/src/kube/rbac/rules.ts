import type { Json } from '../../world.js';
import type { RequestAttributes } from './attributes.js';

/** rbac/v1 helpers: does one PolicyRule allow a request (VerbMatches, APIGroupMatches, ResourceMatches, …)? */

const ALL = '*';

function has(list: unknown, value: string): boolean {
  return Array.isArray(list) && (list.includes(ALL) || list.includes(value));
}

/** `pods`, `pods/status`, and `*` / `*\/status` for a subresource. */
function resourceMatches(rule: Json, resource: string, subresource: string): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  for (const r of Array.isArray(rule.resources) ? rule.resources : []) {
    if (r === ALL || r === combined) return true;
    if (subresource && r === `*/${subresource}`) return true;
  }
  return false;
}

function resourceNameMatches(rule: Json, name: string): boolean {
  const names: unknown[] = Array.isArray(rule.resourceNames) ? rule.resourceNames : [];
  return names.length === 0 || names.includes(name);
}

/** Exact URL or a prefix ending in `*`. */
function nonResourceURLMatches(rule: Json, path: string): boolean {
  for (const u of Array.isArray(rule.nonResourceURLs) ? rule.nonResourceURLs : []) {
    if (u === ALL || u === path) return true;
    if (typeof u === 'string' && u.endsWith('*') && path.startsWith(u.slice(0, -1))) return true;
  }
  return false;
}

export function ruleAllows(attrs: RequestAttributes, rule: Json): boolean {
  if (!has(rule?.verbs, attrs.verb)) return false;
  if (!attrs.resourceRequest) return nonResourceURLMatches(rule, attrs.path);
  return has(rule.apiGroups, attrs.apiGroup) && resourceMatches(rule, attrs.resource, attrs.subresource) && resourceNameMatches(rule, attrs.name);
}
