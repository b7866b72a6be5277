import https from 'node:https';
import tls from 'node:tls';
import type { AppsV1Api, BatchV1Api, CoreV1Api, KubeConfig, NetworkingV1Api } from '@kubernetes/client-node';
import { lazy } from '../lazy.js';
import { kubeCall, type KubeRetry } from './errors.js';
import type { KubeReads, KubeResources, KubeRoute } from './transport/resources.js';

export type { KubeReads } from './transport/resources.js';

/** The cluster's informers as the wrappers see them (src/kube/cache implements it, bound to the direct API server). */
export interface KubeReadCache {
  /** Objects of a kind from memory, or undefined when the caller must read live. */
  items(kind: string, namespace: string | undefined, opts: { start: boolean }): Promise<unknown[] | undefined>;
  written(kind: string, object: object): void;
  deleted(kind: string, namespace: string, name: string): void;
}

/** One cluster's API calls (direct, or through AKS Run Command: see `route`) plus the deadline every call gets. */
export interface KubeApi extends KubeResources {
  server: string;
  config: KubeConfig;
  timeoutMs: number;
  /** Runs an SDK call with the deadline and typed errors. */
  call<T>(fn: () => Promise<T>): Promise<T>;
  /** How this handle's calls reached the cluster so far. */
  route: KubeRoute;
  /** Unset or 'live': every list goes to the cluster. */
  reads?: KubeReads;
  /** The cluster's informers: read when `reads` allows, and told about every write (either path) either way. */
  cache?: KubeReadCache;
}

/** Straight to an API server with the full clients (tests and the operator's tools use more calls than Palisade). */
export interface DirectKubeApi extends KubeApi {
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  networking: NetworkingV1Api;
}

export type KubeTarget = ({ server: string; caPem: string; token: string } | { kubeconfigPath: string; context?: string }) & { timeoutMs?: number; retry?: KubeRetry };

/** @kubernetes/client-node, loaded when the first cluster is reached (see src/lazy.ts). */
export const clientNode = lazy<typeof import('@kubernetes/client-node')>('@kubernetes/client-node');

let Pooled: (new () => KubeConfig) | undefined;

/** Sockets per API server origin: above DEFAULT_SCAN_CONCURRENCY × the lists a posture reads (4). */
const MAX_SOCKETS_PER_ORIGIN = 256;

/** Keep-alive agents by API server origin and trusted CA: shared by every KubeApi (and token) for that server. */
const agents = new Map<string, https.Agent>();

/** The kept-alive agent for this API server and TLS settings, in place of the one client-node made for a single request. */
export function agentFor(server: string, created: https.Agent): https.Agent {
  const o = created.options;
  const key = `${new URL(server).origin}|${String(o.ca ?? '')}|${String(o.cert ?? '')}|${o.rejectUnauthorized === false}`;
  let agent = agents.get(key);
  if (!agent) {
    // idle sockets close after 5 s, so a fleet scan leaves no thousand TLS connections behind; clusters behind one
    // origin (a proxy, the sandbox) share this agent, so its cap is above a fleet scan's lists in flight
    // one TLS context for all its sockets (not a CA parse per connection), and no CA PEM in each request's pool key
    const { ca, cert, key: privateKey, pfx, passphrase, ...rest } = o;
    const secureContext = tls.createSecureContext({ ca, cert, key: privateKey, pfx, passphrase });
    agent = new https.Agent({ ...rest, secureContext, keepAlive: true, maxSockets: MAX_SOCKETS_PER_ORIGIN, timeout: 5_000 });
    agents.set(key, agent);
  }
  return agent;
}

/** client-node 1.4 builds a new https.Agent per request (a TLS handshake every call); share a kept-alive one instead. */
function pooledKubeConfig(): KubeConfig {
  Pooled ??= class PooledKubeConfig extends clientNode().KubeConfig {
    override async applySecurityAuthentication(context: Parameters<KubeConfig['applySecurityAuthentication']>[0]): Promise<void> {
      await super.applySecurityAuthentication(context);
      const created = context.getAgent() as https.Agent | undefined;
      if (!(created instanceof https.Agent)) return;
      context.setAgent(agentFor(this.getCurrentCluster()?.server ?? '', created));
    }
  };
  return new Pooled();
}

export function kubeApiFor(target: KubeTarget): DirectKubeApi {
  const config = pooledKubeConfig();
  const { AppsV1Api, BatchV1Api, CoreV1Api, NetworkingV1Api } = clientNode();
  if ('server' in target) {
    config.loadFromOptions({
      clusters: [{ name: 'target', server: target.server, caData: Buffer.from(target.caPem).toString('base64'), skipTLSVerify: false }],
      users: [{ name: 'palisade', token: target.token }],
      contexts: [{ name: 'target', cluster: 'target', user: 'palisade' }],
      currentContext: 'target',
    });
  } else {
    config.loadFromFile(target.kubeconfigPath);
    if (target.context) config.setCurrentContext(target.context);
  }
  const timeoutMs = target.timeoutMs ?? 15_000;
  return {
    server: config.getCurrentCluster()?.server ?? '',
    config,
    core: config.makeApiClient(CoreV1Api),
    apps: config.makeApiClient(AppsV1Api),
    batch: config.makeApiClient(BatchV1Api),
    networking: config.makeApiClient(NetworkingV1Api),
    timeoutMs,
    call: (fn) => kubeCall(fn, timeoutMs, target.retry),
    route: { paths: new Set(['direct']) },
  };
}
