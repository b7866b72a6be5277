import type { IncomingMessage } from 'node:http';
import type { Json, SandboxCluster } from '../world.js';
import { kubeKey } from '../world.js';
import { fieldValidationParam } from './decoding.js';
import { managerFromAgent, parseBody } from './http.js';
import type { RequestInfo } from './requestInfo.js';
import { apiVersionOf, type ResourceType } from './resources.js';
import { KubeStatusError, statusErrors } from './status.js';
import type { KubeStore } from './store.js';
import { toTable } from './table.js';

/** The REST verbs on one resource type: list, create, deletecollection on collections; get, update, patch, delete on objects. */

export interface ResourceCall {
  store: KubeStore;
  cluster: SandboxCluster;
  req: IncomingMessage;
  query: URLSearchParams;
  info: RequestInfo & { type: ResourceType };
  body: string;
  /** Warnings for `Warning` headers (unknown fields under fieldValidation=Warn). */
  warnings: string[];
  /** Extra authorization a request needs beyond its own verb (server-side apply that creates needs `create`). */
  authorize(verb: string): void;
  /** Admission for the object about to be stored (RBAC escalation prevention). */
  admit?: (obj: Json, old: Json | undefined) => void;
}

function stripForList(o: Json): Json {
  const { apiVersion: _a, kind: _k, ...rest } = o;
  return rest;
}

function list(t: ResourceType, items: Json[], rv: string): Json {
  return { kind: `${t.kind}List`, apiVersion: apiVersionOf(t), metadata: { resourceVersion: rv }, items: items.map(stripForList) };
}

function deletedStatus(t: ResourceType, obj: Json): Json {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: obj.metadata.name, group: t.group || undefined, kind: t.plural, uid: obj.metadata.uid } };
}

export function handleResource(call: ResourceCall): { status: number; payload: unknown } {
  const { store, cluster, req, query: q, info, warnings } = call;
  const { type: t, name } = info;
  if (t.namespaced === false && info.namespace && info.resource !== 'namespaces') throw new KubeStatusError(404, 'NotFound', 'the server could not find the requested resource');
  const ns = t.namespaced ? info.namespace || undefined : undefined;
  const method = req.method ?? 'GET';
  const contentType = String(req.headers['content-type'] ?? 'application/json');
  const wantsTable = /as=Table/.test(String(req.headers.accept ?? ''));
  const dryRunValues = q.getAll('dryRun');
  const dryRun = dryRunValues.length > 0;
  if (dryRun && dryRunValues.some((v) => v !== 'All')) throw statusErrors.badRequest(`invalid dry run option: ${dryRunValues.join(',')}`);
  const fieldManager = q.get('fieldManager') ?? undefined;
  if (info.subresource && !(info.subresource === 'status' && t.status)) throw new KubeStatusError(404, 'NotFound', 'the server could not find the requested resource');
  const subresource = info.subresource === 'status' ? ('status' as const) : undefined;
  const rv = () => String(cluster.kube.resourceVersion);
  const labelSelector = q.get('labelSelector') ?? undefined;
  const fieldSelector = q.get('fieldSelector') ?? undefined;

  if (!name) {
    if (t.namespaced && !ns && method !== 'GET') throw statusErrors.methodNotAllowed();
    switch (method) {
      case 'GET': {
        // read only and serialised by the caller at once: no copy of every object
        const items = store.list(cluster, t, ns, labelSelector, fieldSelector, { copy: false });
        return { status: 200, payload: wantsTable ? toTable(t.kind, items, rv()) : list(t, items, rv()) };
      }
      case 'POST': {
        const body = parseBody(call.body, contentType);
        const fieldValidation = fieldValidationParam(q.get('fieldValidation'), 'CreateOptions');
        return { status: 201, payload: store.create(cluster, t, ns, body, { dryRun, fieldManager: fieldManager ?? managerFromAgent(req), fieldValidation, warnings, admit: call.admit }) };
      }
      case 'DELETE': {
        const items = store.list(cluster, t, ns, labelSelector, fieldSelector);
        const deleted = items.map((o) => store.delete(cluster, t, ns ?? o.metadata.namespace, o.metadata.name, { dryRun }));
        return { status: 200, payload: list(t, deleted, rv()) };
      }
      default:
        throw statusErrors.methodNotAllowed();
    }
  }

  switch (method) {
    case 'GET': {
      const obj = store.get(cluster, t, ns, name);
      return { status: 200, payload: wantsTable ? toTable(t.kind, [obj], rv()) : obj };
    }
    case 'PUT': {
      const body = parseBody(call.body, contentType);
      const fieldValidation = fieldValidationParam(q.get('fieldValidation'), 'UpdateOptions');
      return { status: 200, payload: store.update(cluster, t, ns, name, body, { dryRun, fieldManager: fieldManager ?? managerFromAgent(req), subresource, fieldValidation, warnings, admit: call.admit }) };
    }
    case 'PATCH': {
      const body = parseBody(call.body, contentType);
      if (body === undefined) throw statusErrors.badRequest('empty patch');
      const fieldValidation = fieldValidationParam(q.get('fieldValidation'), 'PatchOptions');
      const force = q.get('force') === 'true';
      const isApply = contentType.startsWith('application/apply-patch');
      const existed = !!cluster.kube.objects[kubeKey(apiVersionOf(t), t.kind, ns, name)];
      if (!isApply && force) throw statusErrors.badRequest('force is only allowed for apply requests');
      // an apply that creates the object also needs permission to create it
      if (isApply && !existed) call.authorize('create');
      const out = store.patch(cluster, t, ns, name, contentType, body, { dryRun, fieldManager: fieldManager ?? (isApply ? undefined : managerFromAgent(req)), force, subresource, fieldValidation, warnings, admit: call.admit });
      return { status: isApply && !existed ? 201 : 200, payload: out };
    }
    case 'DELETE': {
      const options = parseBody(call.body, 'application/json') as Json | undefined;
      const deleteDryRun = dryRun || (Array.isArray(options?.dryRun) && options.dryRun.includes('All'));
      const current = store.get(cluster, t, ns, name);
      const pre = options?.preconditions ?? {};
      if ((pre.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) || (pre.uid && pre.uid !== current.metadata.uid))
        throw new KubeStatusError(409, 'Conflict', `Operation cannot be fulfilled on ${t.group ? `${t.plural}.${t.group}` : t.plural} "${name}": Precondition failed: UID in precondition: ${pre.uid ?? ''}, UID in object meta: ${current.metadata.uid}`);
      const old = store.delete(cluster, t, ns, name, { dryRun: deleteDryRun });
      if (t.kind === 'Namespace') return { status: 200, payload: { ...old, status: { phase: 'Terminating' } } };
      if (t.kind === 'Service' || t.kind === 'Pod') return { status: 200, payload: old };
      return { status: 200, payload: deletedStatus(t, old) };
    }
    default:
      throw statusErrors.methodNotAllowed();
  }
}
