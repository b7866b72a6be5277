import type { Json, SandboxCluster } from '../world.js';
import { RESOURCE_TYPES, apiVersionOf, groupsServed, type ResourceType } from './resources.js';

/** Legacy (non-aggregated) discovery documents; kubectl falls back to them when the aggregated form is not offered. */

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export function versionInfo(cluster: SandboxCluster): Json {
  const v = String(cluster.resource?.properties?.currentKubernetesVersion ?? cluster.resource?.properties?.kubernetesVersion ?? '1.32.7');
  const [major, minor] = v.split('.');
  return {
    major,
    minor,
    gitVersion: `v${v}`,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-07-15T00:00:00Z',
    goVersion: 'go1.23.10',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function apiVersions(): Json {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.224.0.4:443' }] };
}

function apiGroup(group: string, version: string): Json {
  const gv = { groupVersion: `${group}/${version}`, version };
  return { name: group, versions: [gv], preferredVersion: gv };
}

export function apiGroupList(): Json {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groupsServed().map((g) => apiGroup(g.group, g.version)) };
}

export function apiGroupDoc(group: string): Json | undefined {
  const g = groupsServed().find((x) => x.group === group);
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g.group, g.version) } : undefined;
}

function resourceEntry(t: ResourceType): Json[] {
  const main: Json = {
    name: t.plural,
    singularName: t.singular,
    namespaced: t.namespaced,
    kind: t.kind,
    verbs: t.kind === 'Namespace' ? VERBS.filter((v) => v !== 'deletecollection') : VERBS,
    ...(t.shortNames ? { shortNames: t.shortNames } : {}),
    ...(t.categories ? { categories: t.categories } : {}),
  };
  const status = t.status ? [{ name: `${t.plural}/status`, singularName: '', namespaced: t.namespaced, kind: t.kind, verbs: ['get', 'patch', 'update'] }] : [];
  return [main, ...status];
}

export function resourceList(group: string, version: string): Json | undefined {
  const types = RESOURCE_TYPES.filter((t) => t.group === group && t.version === version);
  if (types.length === 0) return undefined;
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf(types[0]), resources: types.flatMap(resourceEntry) };
}
