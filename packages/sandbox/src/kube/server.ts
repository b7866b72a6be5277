import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Json, SandboxCluster, World, WorldEvent } from '../world.js';
import type { SandboxTls } from '../tls.js';
import { Authenticator, type UserInfo } from './authn.js';
import { apiServerReachable, clientIp, clientRole, fromInsideCluster, type ClientRole } from './clientIdentity.js';
import { readBody, send, warningHeaders } from './http.js';
import { nonResourceGet } from './nonResource.js';
import type { RequestAttributes } from './rbac/attributes.js';
import { authorize, rbacChanged } from './rbac/authorizer.js';
import { confirmNoEscalation } from './rbac/escalation.js';
import { forbidden } from './rbac/forbidden.js';
import { PermissionRecorder, type UsedPermission } from './rbac/usage.js';
import { withoutPermission } from './rbac/edit.js';
import { findType } from './resources.js';
import { requestInfo, type RequestInfo } from './requestInfo.js';
import { handleResource } from './resourceHandler.js';
import { KubeStatusError, statusErrors } from './status.js';
import { KubeStore } from './store.js';
import { WatchHistory } from './watch/history.js';
import { checkWatchRequest, serveWatch, type OpenWatch } from './watch/stream.js';

export interface KubeRequestInfo {
  cluster: string;
  method: string;
  path: string;
  role: ClientRole;
  clientIp: string;
}

/**
 * A test hook's verdict: answer normally (undefined), drop the connection before handling the request ('drop'),
 * handle it and then drop the connection so the answer is lost ('dropAfter'), or answer with this status/body/headers.
 */
export type KubeInterceptor = (req: KubeRequestInfo) => 'drop' | 'dropAfter' | { status: number; body: Json; headers?: Record<string, string> } | undefined;

export interface KubeEmulatorOptions {
  world: World;
  tls: SandboxTls;
  /** Added before every answer. */
  latencyMs?: number;
  /** How long a blocked connection hangs before it is dropped (Azure's SYN just times out). */
  dropAfterMs?: number;
  port?: number;
  /** Watch events kept per cluster before older versions answer 410 Gone (default 1000). */
  watchHistory?: number;
  /** How often a watch that allows bookmarks gets one (default 60 s, as the API server). */
  bookmarkIntervalMs?: number;
}

export interface KubeWatchControl {
  /** Forgets the cluster's event history up to now (etcd compaction): a watch from an older version gets 410 Gone. */
  compact(cluster: string): void;
  /** Sends a BOOKMARK now to every open watch that allows bookmarks. */
  bookmarkNow(): void;
  /** Ends every open watch (of one cluster), as an API server restart or a dropped connection would. */
  closeAll(cluster?: string): void;
  /** Open watches (of one cluster). */
  open(cluster?: string): number;
}

export interface KubeRbacControl {
  /** (verb, group, resource) each identity was authorized for, since start or the last clear(). */
  recorder: PermissionRecorder;
  /** The rules of a ClusterRole (e.g. `palisade`) on one cluster. */
  clusterRoleRules(cluster: string, role: string): Json[];
  /**
   * Takes one permission out of a ClusterRole, through the store (persisted, watched), as an admin editing it would;
   * returns a function that puts the role back as it was.
   */
  revoke(cluster: string, role: string, permission: UsedPermission): () => void;
}

export interface KubeEmulator {
  baseUrl: string;
  serverUrlFor(cluster: string | { name: string }): string;
  store: KubeStore;
  /** Bearer tokens the API server accepts (static tokens, Entra tokens for AKS). */
  authn: Authenticator;
  rbac: KubeRbacControl;
  watch: KubeWatchControl;
  setInterceptor(fn: KubeInterceptor | undefined): void;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

type Answer = { status: number; payload: unknown; headers?: Record<string, string | string[]> } | 'streaming';

export async function startKubeEmulator(opts: KubeEmulatorOptions): Promise<KubeEmulator> {
  const { world, tls } = opts;
  const store = new KubeStore(world);
  const authn = new Authenticator();
  const recorder = new PermissionRecorder();
  const history = new WatchHistory(world, { capacity: opts.watchHistory });
  const watches = new Map<OpenWatch, SandboxCluster>();
  const onRbacChange = (e: WorldEvent) => {
    if (e.type === 'kube' && e.key.startsWith('rbac.authorization.k8s.io/')) rbacChanged(e.cluster);
  };
  world.on('change', onRbacChange);
  for (const c of world.state.clusters) rbacChanged(c);
  let interceptor: KubeInterceptor | undefined;
  let latency = opts.latencyMs ?? 0;
  const dropAfter = opts.dropAfterMs ?? 300;

  /** The authorization filter: allowed requests are recorded, others answer 403 with the RBAC authorizer's reason. */
  const authorizeOrThrow = (cluster: SandboxCluster, attrs: RequestAttributes): void => {
    const decision = authorize(cluster, attrs);
    if (!decision.allowed) throw forbidden(attrs, decision.reason);
    recorder.record(attrs);
  };

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
    if (verdict && verdict !== 'dropAfter') return send(res, verdict.status, verdict.body, 'application/json', verdict.headers);
    if (['/healthz', '/livez', '/readyz'].includes(path)) return send(res, 200, 'ok', 'text/plain; charset=utf-8');
    const user = authn.authenticate(req.headers.authorization);
    if (!user) return send(res, 401, statusErrors.unauthorized().toStatus());
    try {
      const info = requestInfo(req.method ?? 'GET', path, url.searchParams);
      authorizeOrThrow(cluster, { ...info, user });
      const body = await readBody(req);
      const answer = route(cluster, req, res, url, info, user, body);
      // the write is done; the client never hears of it (a lost response)
      if (verdict === 'dropAfter') return void req.socket.destroy();
      if (answer !== 'streaming') send(res, answer.status, answer.payload, 'application/json', answer.headers);
    } catch (e) {
      if (e instanceof KubeStatusError) return send(res, e.code, e.toStatus());
      send(res, 500, new KubeStatusError(500, 'InternalError', `Internal error occurred: ${(e as Error).message}`).toStatus());
    }
  };

  function route(cluster: SandboxCluster, req: IncomingMessage, res: ServerResponse, url: URL, info: RequestInfo, user: UserInfo, body: string): Answer {
    if (!info.resourceRequest) {
      const payload = req.method === 'GET' ? nonResourceGet(cluster, info.path) : undefined;
      if (payload === undefined) throw new KubeStatusError(404, 'NotFound', 'the server could not find the requested resource');
      return { status: 200, payload };
    }
    const type = info.type;
    if (!type) throw new KubeStatusError(404, 'NotFound', 'the server could not find the requested resource');
    if (info.watch && req.method === 'GET') {
      checkWatchRequest(url.searchParams);
      const namespace = type.namespaced ? info.namespace || undefined : undefined;
      const w = serveWatch({ cluster, type, namespace, name: info.name || undefined, query: url.searchParams, table: /as=Table/.test(String(req.headers.accept ?? '')) }, history, req, res, { bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 60_000 });
      watches.set(w, cluster);
      res.on('close', () => watches.delete(w));
      return 'streaming';
    }
    const warnings: string[] = [];
    const out = handleResource({
      store,
      cluster,
      req,
      query: url.searchParams,
      info: { ...info, type },
      body,
      warnings,
      authorize: (verb) => authorizeOrThrow(cluster, { ...info, verb, user }),
      admit: type.group === 'rbac.authorization.k8s.io' ? (obj) => confirmNoEscalation(cluster, { ...info, user }, obj) : undefined,
    });
    return { ...out, headers: warningHeaders(warnings) };
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
  const clusterRoles = findType('rbac.authorization.k8s.io', 'v1', 'clusterroles')!;
  const clusterNamed = (name: string): SandboxCluster => {
    const cluster = world.findCluster(name);
    if (!cluster) throw new Error(`no sandbox cluster ${name}`);
    return cluster;
  };
  const watchesOf = (name?: string) => [...watches].filter(([, c]) => !name || c.name.toLowerCase() === name.toLowerCase()).map(([w]) => w);

  return {
    baseUrl,
    store,
    authn,
    rbac: {
      recorder,
      clusterRoleRules: (name, role) => store.get(clusterNamed(name), clusterRoles, undefined, role).rules ?? [],
      revoke: (name, role, permission) => {
        const cluster = clusterNamed(name);
        const before = store.get(cluster, clusterRoles, undefined, role);
        store.update(cluster, clusterRoles, undefined, role, { ...before, rules: withoutPermission(before.rules ?? [], permission) }, { fieldManager: 'sandbox-test' });
        return () => {
          const now = store.get(cluster, clusterRoles, undefined, role);
          store.update(cluster, clusterRoles, undefined, role, { ...now, rules: before.rules }, { fieldManager: 'sandbox-test' });
        };
      },
    },
    watch: {
      compact: (name) => history.compact(clusterNamed(name)),
      bookmarkNow: () => watchesOf().forEach((w) => w.bookmark()),
      closeAll: (name) => watchesOf(name).forEach((w) => w.close()),
      open: (name) => watchesOf(name).length,
    },
    serverUrlFor: (c) => `${baseUrl}/clusters/${encodeURIComponent(typeof c === 'string' ? c : c.name)}`,
    setInterceptor: (fn) => {
      interceptor = fn;
    },
    setLatency: (ms) => {
      latency = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const w of watches.keys()) w.close();
        history.close();
        world.off('change', onRbacChange);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
