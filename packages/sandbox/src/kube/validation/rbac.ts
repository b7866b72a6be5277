import type { Json } from '../../world.js';
import { fieldError, goValue, type Cause } from './fieldErrors.js';
import { isDns1123Subdomain } from './names.js';
import { RBAC_GROUP } from '../resources.js';

/** pkg/apis/rbac/validation: rules of Roles/ClusterRoles, roleRef and subjects of bindings. */

function validateRule(rule: Json, namespaced: boolean, at: string): Cause[] {
  const causes: Cause[] = [];
  const len = (v: unknown) => (Array.isArray(v) ? v.length : 0);
  if (len(rule?.verbs) === 0) causes.push(fieldError.required(`${at}.verbs`, 'verbs must contain at least one value'));
  if (len(rule?.nonResourceURLs) > 0) {
    if (namespaced) causes.push(fieldError.invalid(`${at}.nonResourceURLs`, rule.nonResourceURLs, 'namespaced rules cannot apply to non-resource URLs'));
    if (len(rule.apiGroups) > 0 || len(rule.resources) > 0 || len(rule.resourceNames) > 0)
      causes.push(fieldError.invalid(`${at}.nonResourceURLs`, rule.nonResourceURLs, 'rules cannot apply to both regular resources and non-resource URLs'));
    return causes;
  }
  if (len(rule?.apiGroups) === 0) causes.push(fieldError.required(`${at}.apiGroups`, 'resource rules must supply at least one api group'));
  if (len(rule?.resources) === 0) causes.push(fieldError.required(`${at}.resources`, 'resource rules must supply at least one resource'));
  return causes;
}

function validateSubject(s: Json, namespaced: boolean, at: string): Cause[] {
  const causes: Cause[] = [];
  if (!s?.name) causes.push(fieldError.required(`${at}.name`));
  switch (s?.kind) {
    case 'ServiceAccount':
      if (s.name) causes.push(...isDns1123Subdomain(String(s.name)).map((m) => fieldError.invalid(`${at}.name`, s.name, m)));
      if (s.apiGroup) causes.push(fieldError.notSupported(`${at}.apiGroup`, s.apiGroup, ['']));
      if (!namespaced && !s.namespace) causes.push(fieldError.required(`${at}.namespace`));
      break;
    case 'User':
    case 'Group':
      if (s.apiGroup !== RBAC_GROUP) causes.push(fieldError.notSupported(`${at}.apiGroup`, s.apiGroup ?? '', [RBAC_GROUP]));
      break;
    default:
      causes.push(fieldError.notSupported(`${at}.kind`, s?.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return causes;
}

function roleRefText(ref: Json | undefined): string {
  return `rbac.RoleRef{APIGroup:${goValue(ref?.apiGroup ?? '')}, Kind:${goValue(ref?.kind ?? '')}, Name:${goValue(ref?.name ?? '')}}`;
}

export function validateRbac(obj: Json, old: Json | undefined): Cause[] {
  const causes: Cause[] = [];
  switch (obj.kind) {
    case 'Role':
    case 'ClusterRole':
      (Array.isArray(obj.rules) ? obj.rules : []).forEach((r: Json, i: number) => causes.push(...validateRule(r, obj.kind === 'Role', `rules[${i}]`)));
      return causes;
    case 'RoleBinding':
    case 'ClusterRoleBinding': {
      const ref = obj.roleRef ?? {};
      const kinds = obj.kind === 'RoleBinding' ? ['Role', 'ClusterRole'] : ['ClusterRole'];
      if (!kinds.includes(ref.kind)) causes.push(fieldError.notSupported('roleRef.kind', ref.kind ?? '', kinds));
      if (ref.apiGroup !== RBAC_GROUP) causes.push(fieldError.notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [RBAC_GROUP]));
      if (!ref.name) causes.push(fieldError.required('roleRef.name'));
      (Array.isArray(obj.subjects) ? obj.subjects : []).forEach((s: Json, i: number) => causes.push(...validateSubject(s, obj.kind === 'RoleBinding', `subjects[${i}]`)));
      if (old && JSON.stringify([old.roleRef?.apiGroup, old.roleRef?.kind, old.roleRef?.name]) !== JSON.stringify([ref.apiGroup, ref.kind, ref.name]))
        causes.push({ field: 'roleRef', message: `Invalid value: ${roleRefText(ref)}: cannot change roleRef`, reason: 'FieldValueInvalid' });
      return causes;
    }
    default:
      return causes;
  }
}
