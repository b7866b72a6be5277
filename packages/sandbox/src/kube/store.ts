import { randomUUID } from 'node:crypto';
import type { Json, SandboxCluster, World } from '../world.js';
import { kubeKey } from '../world.js';
import { checkApplyConfiguration, decodeBody, decodePatched, type DecodeOptions } from './decoding.js';
import { applyDefaults } from './defaults.js';
import { validate } from './validation/index.js';
import { recordUpdate, serverSideApply } from './fields.js';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, clone, deepEqual, mergeApplied, PatchError } from './patch.js';
import { hash, ownedPodKeys, podKey, runPod } from './pods.js';
import { desiredPods, WORKLOAD_KINDS, workloadStatus } from './workloads.js';
import { apiVersionOf, type ResourceType } from './resources.js';
import { matchesFields, matchesLabels } from './selectors.js';
import { KubeStatusError, statusErrors } from './status.js';

/** The API server's storage semantics over `cluster.kube`: versions, preconditions, defaulting, validation, dry run. */

export interface WriteOptions extends DecodeOptions {
  dryRun?: boolean;
  fieldManager?: string;
  subresource?: 'status';
  /** Set by server-side apply: the ownership it computed replaces the update bookkeeping. */
  managedFields?: Json[];
  /** Admission after validation, before storing (RBAC's escalation check); throws to refuse. */
  admit?: (obj: Json, old: Json | undefined) => void;
}

function now(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

function keyOf(t: ResourceType, ns: string | undefined, name: string): string {
  return kubeKey(apiVersionOf(t), t.kind, t.namespaced ? ns : undefined, name);
}

/** Everything but metadata and status: a change there bumps `generation`. */
function specPart(o: Json): Json {
  const { metadata: _m, status: _s, ...rest } = o;
  return rest;
}

/** The cluster's Kubernetes minor version (`1.31.5` → 31): validation messages follow it. */
export function minorVersion(cluster: SandboxCluster): number {
  const v = String(cluster.resource?.properties?.currentKubernetesVersion ?? cluster.resource?.properties?.kubernetesVersion ?? '1.31');
  return Number(v.split('.')[1] ?? 31);
}

export class KubeStore {
  constructor(private readonly world: World) {}

  /** Stores (or deletes) one object: bumps the cluster revision, persists, tells observers. */
  commit(cluster: SandboxCluster, key: string, obj: Json | undefined): void {
    // objects are replaced, never mutated in place: the stored one is the state before this write
    const old = cluster.kube.objects[key];
    if (obj) {
      cluster.kube.resourceVersion += 1;
      obj.metadata.resourceVersion = String(cluster.kube.resourceVersion);
      cluster.kube.objects[key] = obj;
    } else {
      if (!(key in cluster.kube.objects)) return;
      cluster.kube.resourceVersion += 1;
      delete cluster.kube.objects[key];
    }
    this.world.changed({ type: 'kube', cluster, key, object: obj, old });
  }

  /** Copies of the matching objects; `{ copy: false }` hands out the stored ones, for an answer serialised before anything else runs. */
  list(cluster: SandboxCluster, t: ResourceType, ns: string | undefined, labelSelector?: string, fieldSelector?: string, opts: { copy?: boolean } = {}): Json[] {
    const apiVersion = apiVersionOf(t);
    return Object.values(cluster.kube.objects)
      .filter((o) => o.apiVersion === apiVersion && o.kind === t.kind && (!ns || !t.namespaced || o.metadata?.namespace === ns))
      .filter((o) => matchesLabels(labelSelector, o.metadata?.labels) && matchesFields(fieldSelector, o))
      .map((o) => ({ key: `${o.metadata.namespace ?? ''}/${o.metadata.name}`, o }))
      // byte order of namespace/name, as etcd's keys come back to the API server (and far cheaper than localeCompare)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(({ o }) => (opts.copy === false ? o : clone(o)));
  }

  get(cluster: SandboxCluster, t: ResourceType, ns: string | undefined, name: string): Json {
    const o = cluster.kube.objects[keyOf(t, ns, name)];
    if (!o) throw statusErrors.notFound(t.group, t.plural, name);
    return clone(o);
  }

  private requireNamespace(cluster: SandboxCluster, t: ResourceType, ns: string | undefined): void {
    if (!t.namespaced) return;
    if (!ns || !cluster.kube.objects[kubeKey('v1', 'Namespace', undefined, ns)]) throw statusErrors.notFound('', 'namespaces', ns ?? '');
  }

  private checkBody(t: ResourceType, ns: string | undefined, name: string | undefined, body: Json): void {
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw statusErrors.badRequest('the body of the request was not a JSON object');
    if (body.kind && body.kind !== t.kind) throw statusErrors.badRequest(`the API version in the data (${body.apiVersion}) does not match the expected API version (${apiVersionOf(t)})`);
    if (body.apiVersion && body.apiVersion !== apiVersionOf(t))
      throw statusErrors.badRequest(`the API version in the data (${body.apiVersion}) does not match the expected API version (${apiVersionOf(t)})`);
    if (t.namespaced && body.metadata?.namespace && ns && body.metadata.namespace !== ns)
      throw statusErrors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    if (name !== undefined && body.metadata?.name && body.metadata.name !== name)
      throw statusErrors.badRequest('the name of the object (' + body.metadata.name + ') does not match the name on the URL (' + name + ')');
  }

  private finish(cluster: SandboxCluster, t: ResourceType, obj: Json, old: Json | undefined, opts: WriteOptions): Json {
    obj.apiVersion = apiVersionOf(t);
    obj.kind = t.kind;
    applyDefaults(obj, cluster.kube, old);
    const causes = validate(obj, { old, minor: minorVersion(cluster) });
    if (causes.length) throw statusErrors.invalid(t.group, t.kind, obj.metadata?.name ?? '', causes);
    opts.admit?.(obj, old);
    if (old && !deepEqual(specPart(old), specPart(obj))) obj.metadata.generation = Number(old.metadata.generation ?? 1) + 1;
    if (WORKLOAD_KINDS.has(obj.kind)) obj.status = workloadStatus(obj, old?.status?.startTime ?? now());
    return obj;
  }

  create(cluster: SandboxCluster, t: ResourceType, ns: string | undefined, body: Json, opts: WriteOptions = {}): Json {
    this.checkBody(t, ns, undefined, body);
    const obj = clone(body);
    if (!opts.managedFields) decodeBody(t, obj, opts);
    obj.metadata ??= {};
    if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = `${obj.metadata.generateName}${randomUUID().slice(0, 5)}`;
    if (t.namespaced) obj.metadata.namespace = ns;
    else delete obj.metadata.namespace;
    const name = obj.metadata.name;
    if (name && cluster.kube.objects[keyOf(t, ns, name)]) throw statusErrors.alreadyExists(t.group, t.plural, name);
    this.requireNamespace(cluster, t, ns);
    delete obj.metadata.resourceVersion;
    obj.metadata.uid = randomUUID();
    obj.metadata.creationTimestamp = now();
    obj.metadata.generation = 1;
    // the server owns status: what the client sent is dropped, defaults and controllers fill it in
    delete obj.status;
    this.finish(cluster, t, obj, undefined, opts);
    // a bare pod is scheduled and started at once, as the scheduler and kubelet would shortly after
    if (t.kind === 'Pod') obj.status = runPod(name, (obj.spec ??= {}), parseInt(hash(name, 2), 16), obj.metadata.creationTimestamp);
    if (opts.managedFields) obj.metadata.managedFields = opts.managedFields;
    else recordUpdate(undefined, obj, opts.fieldManager ?? 'unknown', obj.apiVersion);
    if (!opts.dryRun) {
      this.commit(cluster, keyOf(t, ns, name), obj);
      this.syncPods(cluster, obj);
    }
    return clone(obj);
  }

  /** PUT: a resourceVersion in the body is a precondition. */
  update(cluster: SandboxCluster, t: ResourceType, ns: string | undefined, name: string, body: Json, opts: WriteOptions = {}): Json {
    this.checkBody(t, ns, name, body);
    const old = cluster.kube.objects[keyOf(t, ns, name)];
    if (!old) throw statusErrors.notFound(t.group, t.plural, name);
    const rv = body.metadata?.resourceVersion;
    if (rv !== undefined && rv !== '' && String(rv) !== old.metadata.resourceVersion) throw statusErrors.conflict(t.group, t.plural, name);
    const next = clone(body);
    decodeBody(t, next, opts);
    return this.replace(cluster, t, ns, name, old, next, opts);
  }

  private replace(cluster: SandboxCluster, t: ResourceType, ns: string | undefined, name: string, old: Json, next: Json, opts: WriteOptions): Json {
    next.metadata ??= {};
    // server-owned metadata survives whatever the client sent
    for (const k of ['uid', 'creationTimestamp', 'generation', 'resourceVersion']) next.metadata[k] = old.metadata[k];
    next.metadata.name = name;
    if (t.namespaced) next.metadata.namespace = ns;
    if (next.metadata.managedFields === undefined || next.metadata.managedFields === null) next.metadata.managedFields = old.metadata.managedFields;
    if (opts.subresource === 'status') {
      const status = next.status;
      next = clone(old);
      next.status = status;
    } else if (t.status) next.status = clone(old.status);
    this.finish(cluster, t, next, old, opts);
    if (opts.managedFields) next.metadata.managedFields = opts.managedFields;
    else recordUpdate(old, next, opts.fieldManager ?? 'unknown', next.apiVersion);
    if (deepEqual(old, next)) return clone(old);
    if (!opts.dryRun) {
      this.commit(cluster, keyOf(t, ns, name), next);
      this.syncPods(cluster, next);
    }
    return clone(next);
  }

  patch(
    cluster: SandboxCluster,
    t: ResourceType,
    ns: string | undefined,
    name: string,
    contentType: string,
    patch: unknown,
    opts: WriteOptions & { force?: boolean },
  ): Json {
    const key = keyOf(t, ns, name);
    const old = cluster.kube.objects[key];
    const type = contentType.split(';')[0].trim();
    if (type === 'application/apply-patch+yaml') return this.apply(cluster, t, ns, name, old, patch as Json, opts);
    if (!old) throw statusErrors.notFound(t.group, t.plural, name);
    let next: Json;
    try {
      if (type === 'application/json-patch+json') next = applyJsonPatch(old, patch);
      else if (type === 'application/merge-patch+json') next = applyMergePatch(old, patch);
      else if (type === 'application/strategic-merge-patch+json') next = applyStrategicMergePatch(old, patch);
      else throw statusErrors.unsupportedMediaType(type);
    } catch (e) {
      if (e instanceof PatchError) throw new KubeStatusError(422, 'Invalid', e.message);
      throw e;
    }
    if (!next || typeof next !== 'object') throw statusErrors.badRequest('patch produced a non-object');
    decodePatched(t, next, opts);
    // a resourceVersion left in the patched object is a precondition, as upstream
    const rv = next.metadata?.resourceVersion;
    if (rv !== undefined && rv !== null && String(rv) !== old.metadata.resourceVersion) throw statusErrors.conflict(t.group, t.plural, name);
    if (next.metadata?.name !== undefined && next.metadata.name !== name) throw statusErrors.badRequest('metadata.name: Invalid value: the name of the object cannot be changed by a patch');
    return this.replace(cluster, t, ns, name, old, next, opts);
  }

  private apply(cluster: SandboxCluster, t: ResourceType, ns: string | undefined, name: string, old: Json | undefined, applied: Json, opts: WriteOptions & { force?: boolean }): Json {
    if (!applied || typeof applied !== 'object' || Array.isArray(applied)) throw statusErrors.badRequest('error decoding YAML: the applied configuration is not an object');
    if (!opts.fieldManager) throw statusErrors.badRequest('PATCH, PUT or POST with application/apply-patch+yaml requires a fieldManager query parameter: fieldManager is required for apply requests');
    if (!applied.apiVersion || !applied.kind) throw statusErrors.badRequest('apiVersion and kind must be set in an apply request');
    this.checkBody(t, ns, name, applied);
    checkApplyConfiguration(t, ns, name, applied);
    if (applied.metadata?.resourceVersion && old && String(applied.metadata.resourceVersion) !== old.metadata.resourceVersion)
      throw statusErrors.conflict(t.group, t.plural, name);
    const { result, conflicts } = serverSideApply(old, applied, opts.fieldManager, !!opts.force, mergeApplied);
    if (conflicts.length) {
      const lines = conflicts.map((c) => `conflict with "${c.manager}": ${c.field}`);
      throw new KubeStatusError(409, 'Conflict', `Apply failed with ${conflicts.length} conflict${conflicts.length > 1 ? 's' : ''}: ${lines.join('\n')}`, {
        causes: conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with "${c.manager}"`, field: c.field })),
      });
    }
    const managedFields = result.metadata.managedFields as Json[];
    if (!old) return this.create(cluster, t, ns, result, { ...opts, managedFields });
    return this.replace(cluster, t, ns, name, old, result, { ...opts, managedFields });
  }

  delete(cluster: SandboxCluster, t: ResourceType, ns: string | undefined, name: string, opts: WriteOptions = {}): Json {
    const key = keyOf(t, ns, name);
    const old = cluster.kube.objects[key];
    if (!old) throw statusErrors.notFound(t.group, t.plural, name);
    if (!opts.dryRun) {
      this.commit(cluster, key, undefined);
      if (t.kind === 'Namespace') for (const [k, o] of Object.entries(cluster.kube.objects)) if (o.metadata?.namespace === name) this.commit(cluster, k, undefined);
      if (WORKLOAD_KINDS.has(t.kind)) for (const k of ownedPodKeys(cluster.kube, old)) this.commit(cluster, k, undefined);
    }
    return clone(old);
  }

  /** Keeps a workload's pods in line with its template (the ReplicaSet/StatefulSet controllers, instantly). */
  syncPods(cluster: SandboxCluster, owner: Json): void {
    if (!WORKLOAD_KINDS.has(owner.kind)) return;
    const want = desiredPods(owner, now());
    const wantKeys = new Set(want.map(podKey));
    for (const k of ownedPodKeys(cluster.kube, owner)) if (!wantKeys.has(k)) this.commit(cluster, k, undefined);
    for (const pod of want) {
      const k = podKey(pod);
      if (cluster.kube.objects[k]) continue;
      pod.metadata.uid = randomUUID();
      pod.metadata.creationTimestamp = now();
      pod.metadata.generation = 1;
      this.commit(cluster, k, pod);
    }
  }
}
