import { createHash } from 'node:crypto';
import type { Json } from '../world.js';
import { RESOURCE_TYPES, groupsServed } from './resources.js';

/**
 * Just enough OpenAPI v3 for kubectl: per group-version documents whose PATCH operations carry
 * `x-kubernetes-group-version-kind` and the `fieldValidation` query parameter, so kubectl leaves validation to the
 * server (as with a real API server) instead of downloading schemas.
 */

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

export function openApiGroupVersions(): Array<{ group: string; version: string }> {
  return [{ group: '', version: 'v1' }, ...groupsServed()];
}

export function openApiDoc(group: string, version: string): Json | undefined {
  const types = RESOURCE_TYPES.filter((t) => t.group === group && t.version === version);
  if (!types.length) return undefined;
  const paths: Json = {};
  const queryParams = ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({ name, in: 'query', schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true } }));
  for (const t of types) {
    const gvk = { group: t.group, version: t.version, kind: t.kind };
    const base = `/${gvPath(group, version)}${t.namespaced ? '/namespaces/{namespace}' : ''}/${t.plural}`;
    const op = (action: string, verb: string) => ({
      operationId: `${verb}${t.kind}`,
      'x-kubernetes-action': action,
      'x-kubernetes-group-version-kind': gvk,
      parameters: action === 'get' ? [] : queryParams,
      responses: { '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } } },
    });
    paths[`${base}/{name}`] = { get: op('get', 'read'), put: op('put', 'replace'), patch: op('patch', 'patch'), delete: op('delete', 'delete') };
    paths[base] = { get: op('list', 'list'), post: op('post', 'create') };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.31.5' },
    paths,
    components: { schemas: {} },
  };
}

export function openApiRoot(prefix: string): Json {
  const paths: Json = {};
  for (const { group, version } of openApiGroupVersions()) {
    const hash = createHash('sha512').update(JSON.stringify(openApiDoc(group, version))).digest('hex').slice(0, 128).toUpperCase();
    paths[gvPath(group, version)] = { serverRelativeURL: `${prefix}/openapi/v3/${gvPath(group, version)}?hash=${hash}` };
  }
  return { paths };
}


