import { findType, type ResourceType } from './resources.js';

/**
 * The API server's RequestInfoFactory for the paths the sandbox serves: `/api/v1/…` and `/apis/<group>/<version>/…`
 * become verb, group, resource, subresource, namespace and name; anything else is a non-resource request.
 */
export interface RequestInfo {
  resourceRequest: boolean;
  path: string;
  verb: string;
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  /** Set when the group/version/resource is one the emulator serves. */
  type?: ResourceType;
  /** True for `?watch=true|1` on a list (or a single object, watched by name). */
  watch: boolean;
}

/** `/namespaces/<ns>/status|finalize` are the namespace's own subresources, not a resource inside it. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

function verbFor(method: string, hasName: boolean, watch: boolean): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return watch ? 'watch' : hasName ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return hasName ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

export function requestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const watch = query.get('watch') === 'true' || query.get('watch') === '1';
  const nonResource: RequestInfo = { resourceRequest: false, path, verb: method === 'GET' || method === 'HEAD' ? 'get' : method.toLowerCase(), apiGroup: '', apiVersion: '', resource: '', subresource: '', namespace: '', name: '', watch: false };
  const segs = path.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let rest: string[];
  if (segs[0] === 'api' && segs.length >= 3) [group, rest] = ['', segs.slice(1)];
  else if (segs[0] === 'apis' && segs.length >= 4) [group, rest] = [segs[1], segs.slice(2)];
  else return nonResource;
  const [version, ...parts] = rest;
  let namespace = '';
  let current = parts;
  if (parts[0] === 'namespaces' && parts.length > 1) {
    namespace = parts[1];
    if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2])) current = parts.slice(2);
  }
  const [resource, name = '', subresource = '', ...extra] = current;
  if (extra.length) return nonResource;
  return {
    resourceRequest: true,
    path,
    verb: verbFor(method, name !== '', watch),
    apiGroup: group,
    apiVersion: version,
    resource,
    subresource,
    namespace,
    name,
    type: findType(group, version, resource),
    watch,
  };
}
