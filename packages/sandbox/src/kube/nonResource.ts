import type { SandboxCluster } from '../world.js';
import { apiGroupDoc, apiGroupList, apiVersions, resourceList, versionInfo } from './discovery.js';
import { openApiDoc, openApiRoot } from './openapi.js';

/** Answers to non-resource GETs: version, discovery and OpenAPI v3 documents; undefined when the path is none of them. */
export function nonResourceGet(cluster: SandboxCluster, path: string): unknown {
  const segs = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (path === '/version') return versionInfo(cluster);
  if (path === '/api') return apiVersions();
  if (path === '/apis') return apiGroupList();
  if (path === '/openapi/v3') return openApiRoot(`/clusters/${encodeURIComponent(cluster.name)}`);
  if (segs[0] === 'openapi' && segs[1] === 'v3') return segs[2] === 'api' ? openApiDoc('', segs[3]) : segs[2] === 'apis' ? openApiDoc(segs[3], segs[4]) : undefined;
  if (segs[0] === 'apis' && segs.length === 2) return apiGroupDoc(segs[1]);
  if (segs[0] === 'api' && segs.length === 2) return resourceList('', segs[1]);
  if (segs[0] === 'apis' && segs.length === 3) return resourceList(segs[1], segs[2]);
  return undefined;
}
