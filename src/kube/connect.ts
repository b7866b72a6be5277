import https from 'node:https';
import { AppsV1Api, BatchV1Api, CoreV1Api, KubeConfig, NetworkingV1Api } from '@kubernetes/client-node';
import { kubeCall, type KubeRetry } from './errors.js';
import type { KubeResources, KubeRoute } from './transport/resources.js';

/** One cluster's API calls (direct, or through AKS Run Command: see `route`) plus the deadline every call gets. */
export interface KubeApi extends KubeResources {
  server: string;
  config: KubeConfig;
  timeoutMs: number;
  /** Runs an SDK call with the deadline and typed errors. */
  call<T>(fn: () => Promise<T>): Promise<T>;
  /** How this handle's calls reached the cluster so far. */
  route: KubeRoute;
}

/** Straight to an API server with the full clients (tests and the operator's tools use more calls than Palisade). */
export interface DirectKubeApi extends KubeApi {
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  networking: NetworkingV1Api;
}

export type KubeTarget = ({ server: string; caPem: string; token: string } | { kubeconfigPath: string; context?: string }) & { timeoutMs?: number; retry?: KubeRetry };

/** client-node 1.4 builds a new https.Agent per request (a TLS handshake every call); keep one alive per cluster. */
class PooledKubeConfig extends KubeConfig {
  private pooled: https.Agent | undefined;

  override async applySecurityAuthentication(context: Parameters<KubeConfig['applySecurityAuthentication']>[0]): Promise<void> {
    await super.applySecurityAuthentication(context);
    const created = context.getAgent() as https.Agent | undefined;
    if (!(created instanceof https.Agent)) return;
    this.pooled ??= new https.Agent({ ...created.options, keepAlive: true, maxSockets: 16 });
    context.setAgent(this.pooled);
  }
}

export function kubeApiFor(target: KubeTarget): DirectKubeApi {
  const config = new PooledKubeConfig();
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
