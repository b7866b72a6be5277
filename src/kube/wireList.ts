import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { CALLS, type KubeResources } from './transport/resources.js';

/** Where each list call of KubeResources reads: its API group path and resource (namespaced calls take `namespace`). */
const LIST_PATHS: Record<string, { base: string; resource: string; namespaced: boolean }> = {
  listNamespacedService: { base: '/api/v1', resource: 'services', namespaced: true },
  listServiceForAllNamespaces: { base: '/api/v1', resource: 'services', namespaced: false },
  listNamespace: { base: '/api/v1', resource: 'namespaces', namespaced: false },
  listNamespacedPod: { base: '/api/v1', resource: 'pods', namespaced: true },
  listPodForAllNamespaces: { base: '/api/v1', resource: 'pods', namespaced: false },
  listNamespacedConfigMap: { base: '/api/v1', resource: 'configmaps', namespaced: true },
  listNamespacedDeployment: { base: '/apis/apps/v1', resource: 'deployments', namespaced: true },
  listDeploymentForAllNamespaces: { base: '/apis/apps/v1', resource: 'deployments', namespaced: false },
  listNamespacedStatefulSet: { base: '/apis/apps/v1', resource: 'statefulsets', namespaced: true },
  listStatefulSetForAllNamespaces: { base: '/apis/apps/v1', resource: 'statefulsets', namespaced: false },
  listNamespacedDaemonSet: { base: '/apis/apps/v1', resource: 'daemonsets', namespaced: true },
  listDaemonSetForAllNamespaces: { base: '/apis/apps/v1', resource: 'daemonsets', namespaced: false },
  listNamespacedJob: { base: '/apis/batch/v1', resource: 'jobs', namespaced: true },
  listJobForAllNamespaces: { base: '/apis/batch/v1', resource: 'jobs', namespaced: false },
  listNamespacedCronJob: { base: '/apis/batch/v1', resource: 'cronjobs', namespaced: true },
  listCronJobForAllNamespaces: { base: '/apis/batch/v1', resource: 'cronjobs', namespaced: false },
  listNamespacedIngress: { base: '/apis/networking.k8s.io/v1', resource: 'ingresses', namespaced: true },
  listIngressForAllNamespaces: { base: '/apis/networking.k8s.io/v1', resource: 'ingresses', namespaced: false },
  listNamespacedNetworkPolicy: { base: '/apis/networking.k8s.io/v1', resource: 'networkpolicies', namespaced: true },
  listNetworkPolicyForAllNamespaces: { base: '/apis/networking.k8s.io/v1', resource: 'networkpolicies', namespaced: false },
};

export interface ListParams {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/** What a failed call carries, in client-node's ApiException shape, so mapKubeError types it as for any other call. */
class WireError extends Error {
  constructor(readonly code: number, readonly body: string, readonly headers: Record<string, string>) {
    super(`HTTP-Code: ${code}\nMessage: Kubernetes API answered ${code}\nBody: ${body.slice(0, 500)}`);
  }
}

/**
 * GET of a list as wire JSON: client-node's KubeConfig supplies the address, CA, client certificate and token (its
 * authenticators included), `agent` the kept-alive connection; no generated models, whose deserialisation was most of a
 * fleet scan's CPU. Items keep their wire names (`from`, not `_from`) and timestamps stay strings.
 */
export async function wireList(config: KubeConfig, agent: (server: string, created: https.Agent) => https.Agent, call: string, params: ListParams = {}): Promise<{ metadata?: { resourceVersion?: string }; items: unknown[] }> {
  const where = LIST_PATHS[call];
  if (!where) throw new Error(`no wire path for ${call}`);
  if (where.namespaced && !params.namespace) throw new Error(`${call} needs a namespace`);
  const server = config.getCurrentCluster()?.server ?? '';
  const scope = where.namespaced ? `/namespaces/${encodeURIComponent(params.namespace!)}` : '';
  const url = new URL(`${server.replace(/\/+$/, '')}${where.base}${scope}/${where.resource}`);
  if (params.labelSelector) url.searchParams.set('labelSelector', params.labelSelector);
  if (params.fieldSelector) url.searchParams.set('fieldSelector', params.fieldSelector);
  const { status, headers, body } = await get(url, await requestOptions(config, server, agent));
  if (status < 200 || status > 299) throw new WireError(status, body, headers);
  const list = JSON.parse(body) as { metadata?: { resourceVersion?: string }; items?: unknown[] | null };
  return { metadata: list.metadata, items: list.items ?? [] };
}

/** Per KubeConfig whose user is a bare token: the same headers and agent every time, so prepared once. */
const prepared = new WeakMap<KubeConfig, Promise<https.RequestOptions>>();

/** client-node's TLS and auth for one request: its CA, client certificate, token or authenticator (exec, OIDC…), our agent. */
function requestOptions(config: KubeConfig, server: string, agent: (server: string, created: https.Agent) => https.Agent): Promise<https.RequestOptions> {
  const user = config.getCurrentUser();
  const fixed = Boolean(user?.token) && !user?.exec && !user?.authProvider;
  const hit = fixed ? prepared.get(config) : undefined;
  if (hit) return hit;
  const made = (async () => {
    const o: https.RequestOptions = { headers: { Accept: 'application/json' } };
    await config.applyToHTTPSOptions(o);
    // the kept-alive agent carries the CA and client certificate; the request carries only method, headers, agent
    return { method: 'GET', headers: o.headers, auth: o.auth, agent: o.agent instanceof https.Agent ? agent(server, o.agent) : o.agent };
  })();
  if (fixed) {
    prepared.set(config, made);
    made.catch(() => prepared.delete(config));
  }
  return made;
}

function get(url: URL, options: https.RequestOptions): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * The same calls as `direct`, with every list read as wire JSON (wireList) and everything else (reads, patches,
 * deletes) through the client: what Palisade's handles send straight to an API server.
 */
export function withWireLists(direct: KubeResources, config: KubeConfig, agent: (server: string, created: https.Agent) => https.Agent): KubeResources {
  const group = (g: keyof KubeResources) =>
    Object.fromEntries(
      CALLS[g].map((name) => [
        name,
        LIST_PATHS[name]
          ? (params?: ListParams) => wireList(config, agent, name, params)
          : (...args: unknown[]) => (direct[g] as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name](...args),
      ]),
    );
  return { core: group('core'), apps: group('apps'), batch: group('batch'), networking: group('networking') } as unknown as KubeResources;
}
