import { randomUUID } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import YAML from 'yaml';
import type { Json, SandboxCluster, World } from '../world.js';
import type { SandboxTls } from '../tls.js';
import { apiServerReachable, clientIp, clientRole, fromInsideCluster, type ClientRole } from './clientIdentity.js';
import { apiGroupDoc, apiGroupList, apiVersions, resourceList, versionInfo } from './discovery.js';
import { findType, type ResourceType } from './resources.js';
import { openApiDoc, openApiRoot } from './openapi.js';
import { KubeStatusError, statusErrors } from './status.js';
import { KubeStore } from './store.js';
import { kubeKey } from '../world.js';
import { toTable } from './table.js';

export interface KubeRequestInfo {
  cluster: string;
  method: string;
  path: string;
  role: ClientRole;
  clientIp: string;
}

/** A test hook's verdict: answer normally (undefined), drop the connection, or answer with this status/body. */
export type KubeInterceptor = (req: KubeRequestInfo) => 'drop' | { status: number; body: Json } | undefined;

export interface KubeEmulatorOptions {
  world: World;
  tls: SandboxTls;
  /** Added before every answer. */
  latencyMs?: number;
  /** How long a blocked connection hangs before it is dropped (Azure's SYN just times out). */
  dropAfterMs?: number;
  port?: number;
}

export interface KubeEmulator {
  baseUrl: string;
  serverUrlFor(cluster: string | { name: string }): string;
  store: KubeStore;
  setInterceptor(fn: KubeInterceptor | undefined): void;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

const MAX_BODY = 3 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new KubeStatusError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(text: string, contentType: string): any {
  if (!text.trim()) return undefined;
  try {
    return contentType.includes('yaml') ? YAML.parse(text) : JSON.parse(text);
  } catch (e) {
    throw statusErrors.badRequest(`error decoding ${contentType.includes('yaml') ? 'YAML' : 'JSON'}: ${(e as Error).message}`);
  }
}

function send(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private', 'Audit-Id': randomUUID() });
  res.end(text);
}

function stripForList(o: Json): Json {
  const { apiVersion: _a, kind: _k, ...rest } = o;
  return rest;
}

interface ResourcePath {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** `/api/v1/...` or `/apis/<group>/<version>/...` after the prefix → type, namespace, name, subresource. */
function parseResourcePath(group: string, version: string, segs: string[]): ResourcePath | undefined {
  let namespace: string | undefined;
  let rest = segs;
  if (segs[0] === 'namespaces' && segs.length >= 3 && findType(group, version, segs[2])?.namespaced) {
    namespace = segs[1];
    rest = segs.slice(2);
  }
  const type = findType(group, version, rest[0]);
  if (!type || rest.length > 3) return undefined;
  if (rest[2] && !(rest[2] === 'status' && type.status)) return undefined;
  return { type, namespace, name: rest[1], subresource: rest[2] };
}

function deletedStatus(t: ResourceType, obj: Json): Json {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: obj.metadata.name, group: t.group || undefined, kind: t.plural, uid: obj.metadata.uid } };
}

export async function startKubeEmulator(opts: KubeEmulatorOptions): Promise<KubeEmulator> {
  const { world, tls } = opts;
  const store = new KubeStore(world);
  let interceptor: KubeInterceptor | undefined;
  let latency = opts.latencyMs ?? 0;
  const dropAfter = opts.dropAfterMs ?? 300;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'https://localhost');
    const m = /^\/clusters\/([^/]+)(\/.*)?$/.exec(url.pathname);
    if (!m) return send(res, 404, statusErrors.notFound('', 'clusters', url.pathname).toStatus());
    const cluster = world.findCluster(decodeURIComponent(m[1]));
    const path = (m[2] ?? '/').replace(/\/+$/, '') || '/';
    const role = clientRole(req);
    const ip = clientIp(world, role);
    if (!cluster) {
      // an unknown API server name does not resolve: behave like a dead endpoint
      setTimeout(() => req.socket.destroy(), dropAfter).unref();
      return;
    }
    const verdict = interceptor?.({ cluster: cluster.name, method: req.method ?? 'GET', path, role, clientIp: ip });
    if (verdict === 'drop' || (!fromInsideCluster(req) && !apiServerReachable(cluster, ip))) {
      // Azure drops packets from outside the authorized ranges: the client sees a timeout/reset, never an HTTP answer
      setTimeout(() => req.socket.destroy(), dropAfter).unref();
      return;
    }
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    if (verdict) return send(res, verdict.status, verdict.body);
    if (['/healthz', '/livez', '/readyz'].includes(path)) return send(res, 200, 'ok', 'text/plain; charset=utf-8');
    const auth = String(req.headers.authorization ?? '');
    if (!/^bearer\s+\S+/i.test(auth)) return send(res, 401, statusErrors.unauthorized().toStatus());
    try {
      const body = await readBody(req);
      const { status, payload } = route(cluster, req, url, path, body);
      send(res, status, payload);
    } catch (e) {
      if (e instanceof KubeStatusError) return send(res, e.code, e.toStatus());
      send(res, 500, new KubeStatusError(500, 'InternalError', `Internal error occurred: ${(e as Error).message}`).toStatus());
    }
  };

  function route(cluster: SandboxCluster, req: IncomingMessage, url: URL, path: string, bodyText: string): { status: number; payload: unknown } {
    const method = req.method ?? 'GET';
    const segs = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (method === 'GET') {
      if (path === '/version') return { status: 200, payload: versionInfo(cluster) };
      if (path === '/api') return { status: 200, payload: apiVersions() };
      if (path === '/apis') return { status: 200, payload: apiGroupList() };
      if (path === '/openapi/v3') return { status: 200, payload: openApiRoot(`/clusters/${encodeURIComponent(cluster.name)}`) };
      if (segs[0] === 'openapi' && segs[1] === 'v3') {
        const doc = segs[2] === 'api' ? openApiDoc('', segs[3]) : segs[2] === 'apis' ? openApiDoc(segs[3], segs[4]) : undefined;
        if (doc) return { status: 200, payload: doc };
      }
      if (segs[0] === 'apis' && segs.length === 2) {
        const g = apiGroupDoc(segs[1]);
        if (g) return { status: 200, payload: g };
      }
      if (segs[0] === 'api' && segs.length === 2) {
        const l = resourceList('', segs[1]);
        if (l) return { status: 200, payload: l };
      }
      if (segs[0] === 'apis' && segs.length === 3) {
        const l = resourceList(segs[1], segs[2]);
        if (l) return { status: 200, payload: l };
      }
    }
    let rp: ResourcePath | undefined;
    if (segs[0] === 'api' && segs.length >= 3) rp = parseResourcePath('', segs[1], segs.slice(2));
    else if (segs[0] === 'apis' && segs.length >= 4) rp = parseResourcePath(segs[1], segs[2], segs.slice(3));
    if (!rp) throw new KubeStatusError(404, 'NotFound', 'the server could not find the requested resource');
    return resource(cluster, req, url, rp, bodyText);
  }

  function resource(cluster: SandboxCluster, req: IncomingMessage, url: URL, rp: ResourcePath, bodyText: string): { status: number; payload: unknown } {
    const { type: t, name } = rp;
    const ns = t.namespaced ? rp.namespace : undefined;
    const q = url.searchParams;
    const method = req.method ?? 'GET';
    const contentType = String(req.headers['content-type'] ?? 'application/json');
    const accept = String(req.headers.accept ?? '');
    const wantsTable = /as=Table/.test(accept);
    const dryRunValues = q.getAll('dryRun');
    const dryRun = dryRunValues.length > 0;
    if (dryRun && dryRunValues.some((v) => v !== 'All')) throw statusErrors.badRequest(`invalid dry run option: ${dryRunValues.join(',')}`);
    const fieldManager = q.get('fieldManager') ?? undefined;
    const subresource = rp.subresource === 'status' ? ('status' as const) : undefined;
    if (q.get('watch') === 'true' || q.get('watch') === '1') throw statusErrors.methodNotAllowed('watch is not supported by the sandbox API server');
    const rv = () => String(cluster.kube.resourceVersion);

    if (!name) {
      if (t.namespaced && rp.namespace === undefined && method !== 'GET') throw statusErrors.methodNotAllowed();
      switch (method) {
        case 'GET': {
          const items = store.list(cluster, t, ns, q.get('labelSelector') ?? undefined, q.get('fieldSelector') ?? undefined);
          if (wantsTable) return { status: 200, payload: toTable(t.kind, items, rv()) };
          return { status: 200, payload: { kind: `${t.kind}List`, apiVersion: t.group ? `${t.group}/${t.version}` : t.version, metadata: { resourceVersion: rv() }, items: items.map(stripForList) } };
        }
        case 'POST': {
          const body = parseBody(bodyText, contentType);
          const created = store.create(cluster, t, ns, body, { dryRun, fieldManager: fieldManager ?? managerFromAgent(req) });
          return { status: 201, payload: created };
        }
        case 'DELETE': {
          const items = store.list(cluster, t, ns, q.get('labelSelector') ?? undefined, q.get('fieldSelector') ?? undefined);
          const deleted = items.map((o) => store.delete(cluster, t, ns ?? o.metadata.namespace, o.metadata.name, { dryRun }));
          return { status: 200, payload: { kind: `${t.kind}List`, apiVersion: t.group ? `${t.group}/${t.version}` : t.version, metadata: { resourceVersion: rv() }, items: deleted.map(stripForList) } };
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
        const body = parseBody(bodyText, contentType);
        return { status: 200, payload: store.update(cluster, t, ns, name, body, { dryRun, fieldManager: fieldManager ?? managerFromAgent(req), subresource }) };
      }
      case 'PATCH': {
        const body = parseBody(bodyText, contentType);
        if (body === undefined) throw statusErrors.badRequest('empty patch');
        const force = q.get('force') === 'true';
        const isApply = contentType.startsWith('application/apply-patch');
        const existed = !!cluster.kube.objects[kubeKey(t.group ? `${t.group}/${t.version}` : t.version, t.kind, ns, name)];
        if (!isApply && force) throw statusErrors.badRequest('force is only allowed for apply requests');
        const out = store.patch(cluster, t, ns, name, contentType, body, { dryRun, fieldManager: fieldManager ?? (isApply ? undefined : managerFromAgent(req)), force, subresource });
        return { status: isApply && !existed ? 201 : 200, payload: out };
      }
      case 'DELETE': {
        const options = parseBody(bodyText, 'application/json') as Json | undefined;
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

  const server = https.createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, new KubeStatusError(500, 'InternalError', String((e as Error)?.message ?? e)).toStatus());
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `https://127.0.0.1:${port}`;

  return {
    baseUrl,
    store,
    serverUrlFor: (c) => `${baseUrl}/clusters/${encodeURIComponent(typeof c === 'string' ? c : c.name)}`,
    setInterceptor: (fn) => {
      interceptor = fn;
    },
    setLatency: (ms) => {
      latency = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Upstream derives the default field manager from the User-Agent's program name. */
function managerFromAgent(req: IncomingMessage): string {
  const ua = String(req.headers['user-agent'] ?? 'unknown');
  return ua.split('/')[0] || 'unknown';
}
