import { KubeStatusError } from '../status.js';
import type { RequestAttributes } from './attributes.js';

/** Avoid emitting errors that look like valid HTML (responsewriters' sanitizer). */
function sanitize(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** responsewriters.forbiddenMessage: who cannot do what, where. */
function forbiddenMessage(a: RequestAttributes): string {
  if (!a.resourceRequest) return `User ${JSON.stringify(a.user.name)} cannot ${a.verb} path ${JSON.stringify(a.path)}`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const where = a.namespace ? `in the namespace ${JSON.stringify(a.namespace)}` : 'at the cluster scope';
  return `User ${JSON.stringify(a.user.name)} cannot ${a.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(a.apiGroup)} ${where}`;
}

/** responsewriters.Forbidden → apierrors.NewForbidden: the 403 Status body, reason Forbidden, details {name, group, kind}. */
export function forbidden(a: RequestAttributes, reason: string): KubeStatusError {
  const msg = sanitize(forbiddenMessage(a));
  const err = reason ? `${msg}: ${reason}` : msg;
  const qualified = a.resourceRequest ? (a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource) : '';
  const message = !qualified ? `forbidden: ${err}` : a.name ? `${qualified} ${JSON.stringify(a.name)} is forbidden: ${err}` : `${qualified} is forbidden: ${err}`;
  return new KubeStatusError(403, 'Forbidden', message, { ...(a.name ? { name: a.name } : {}), ...(a.apiGroup ? { group: a.apiGroup } : {}), ...(a.resource ? { kind: a.resource } : {}) });
}
