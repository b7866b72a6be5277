import type { Json } from '../../world.js';
import type { Cause } from './fieldErrors.js';
import { fieldError } from './fieldErrors.js';
import { validateLabels } from './labels.js';
import { validateName } from './names.js';
import { validateNetworkPolicySpec } from './networkPolicy.js';
import { validateRbac } from './rbac.js';
import { validateServiceSpec } from './service.js';
import { validateWorkload } from './workloads.js';

export type { Cause } from './fieldErrors.js';
export { aggregate } from './fieldErrors.js';
export { isCidr, parseCidr } from './cidr.js';

export interface ValidationContext {
  /** The stored object on update (immutable fields), undefined on create. */
  old?: Json;
  /** The cluster's Kubernetes minor version: some messages changed over releases. */
  minor: number;
}

function validateIngress(spec: Json | undefined): Cause[] {
  const causes: Cause[] = [];
  (spec?.rules ?? []).forEach((r: Json, i: number) =>
    (r?.http?.paths ?? []).forEach((p: Json, j: number) => {
      if (!p?.pathType) causes.push(fieldError.required(`spec.rules[${i}].http.paths[${j}].pathType`, 'pathType must be specified'));
    }),
  );
  return causes;
}

/** The API server's validation of an object about to be stored: metadata, then the kind's own rules. */
export function validate(obj: Json, ctx: ValidationContext): Cause[] {
  const causes = [...validateName(obj.kind, obj.metadata?.name), ...validateLabels(obj.metadata?.labels, 'metadata.labels')];
  switch (obj.kind) {
    case 'Service':
      causes.push(...validateServiceSpec(obj.spec));
      break;
    case 'NetworkPolicy':
      causes.push(...validateNetworkPolicySpec(obj.spec, ctx.minor));
      break;
    case 'Ingress':
      causes.push(...validateIngress(obj.spec));
      break;
    case 'Role':
    case 'ClusterRole':
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      causes.push(...validateRbac(obj, ctx.old));
      break;
    default:
      causes.push(...validateWorkload(obj));
  }
  return causes;
}
