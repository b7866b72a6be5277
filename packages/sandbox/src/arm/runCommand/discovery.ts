import type { InClusterClient } from './kubeClient.js';

/** A resource type as discovery describes it (what kubectl's RESTMapper knows). */
export interface ApiResource {
  group: string;
  version: string;
  /** `v1` or `apps/v1`. */
  groupVersion: string;
  name: string;
  singularName: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
}

/** kubectl's discovery: `/api`, `/api/v1`, `/apis`, `/apis/{group}/{version}` (preferred versions), read once per run. */
export async function discover(kube: InClusterClient): Promise<ApiResource[]> {
  const out: ApiResource[] = [];
  const versions: Array<{ group: string; version: string; path: string }> = [];
  const core = await kube.request('GET', '/api');
  for (const v of core.body?.versions ?? []) versions.push({ group: '', version: v, path: `/api/${v}` });
  const groups = await kube.request('GET', '/apis');
  for (const g of groups.body?.groups ?? []) {
    const pref = g.preferredVersion ?? g.versions?.[0];
    if (pref) versions.push({ group: g.name, version: pref.version, path: `/apis/${pref.groupVersion}` });
  }
  const lists = await Promise.all(versions.map((v) => kube.request('GET', v.path)));
  lists.forEach((list, i) => {
    const v = versions[i];
    for (const r of list.body?.resources ?? []) {
      if (String(r.name).includes('/')) continue; // subresources
      out.push({
        group: v.group,
        version: v.version,
        groupVersion: v.group ? `${v.group}/${v.version}` : v.version,
        name: r.name,
        singularName: r.singularName || String(r.kind).toLowerCase(),
        kind: r.kind,
        namespaced: r.namespaced,
        shortNames: r.shortNames ?? [],
        categories: r.categories ?? [],
      });
    }
  });
  return out;
}

/** `svc`, `services`, `Service`, `deployments.apps`, `deploy.apps`: what kubectl accepts as a type name. */
export function resolveType(resources: ApiResource[], text: string): ApiResource | undefined {
  const [first, ...groupParts] = text.split('.');
  const name = first.toLowerCase();
  const group = groupParts.join('.').toLowerCase();
  const candidates = resources.filter((r) => !group || r.group === group || `${r.version}.${r.group}` === group);
  return (
    candidates.find((r) => r.name === name) ??
    candidates.find((r) => r.singularName === name) ??
    candidates.find((r) => r.shortNames.includes(name)) ??
    candidates.find((r) => r.kind.toLowerCase() === name)
  );
}

export function resourceByKind(resources: ApiResource[], apiVersion: string, kind: string): ApiResource | undefined {
  return resources.find((r) => r.groupVersion === apiVersion && r.kind === kind);
}

/** `/api/v1/namespaces/ns/services[/name]` or a cluster-scoped / all-namespaces path. */
export function resourcePath(r: ApiResource, namespace: string | undefined, name?: string): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const ns = r.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${r.name}${name ? `/${encodeURIComponent(name)}` : ''}`;
}

/** `service`, `deployment.apps`: how kubectl names a type in `kind/name` output. */
export function qualifiedKind(r: ApiResource): string {
  return r.group ? `${r.kind.toLowerCase()}.${r.group}` : r.kind.toLowerCase();
}

/** `services`, `deployments.apps`: how API errors name a type. */
export function qualifiedPlural(r: ApiResource): string {
  return r.group ? `${r.name}.${r.group}` : r.name;
}
