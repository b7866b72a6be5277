import type { ContainerServiceClient } from '@azure/arm-containerservice';
import type { NetworkManagementClient } from '@azure/arm-network';
import type { ResourceGraphClient } from '@azure/arm-resourcegraph';
import type { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { SecurityCenter } from '@azure/arm-security';
import type { TokenCredential } from '@azure/core-auth';
import { lazy } from '../lazy.js';
import { armScope } from './cloud.js';
import { ArmPacer, type PacerOptions } from './pacer.js';
import { ArmReadCache } from './readCache.js';
import { armTelemetryPolicy } from './telemetryPolicy.js';

export interface AzureClientsOptions {
  credential: TokenCredential;
  subscriptionIds: string[];
  /** ARM endpoint; the sandbox passes its emulator (`https://127.0.0.1:<port>`). */
  endpoint?: string;
  /** Extra CA to trust (the sandbox CA); replaces the default trust store for these clients only. */
  caPem?: string;
  /** Token scope; defaults to the endpoint's own (`<endpoint>/.default`), the public cloud's ARM without one. */
  credentialScope?: string;
  /** How long an ARM read is answered from memory (0, the default: only concurrent identical reads share a request). */
  readFreshMs?: number;
  /** Pacing of reads by ARM's remaining-reads headers (defaults: DEFAULT_PACER). */
  pacer?: Partial<PacerOptions>;
  /** First delay of the SDK's retries of failed requests (default 1 s; the fast sandbox of tests uses a few ms). */
  retryDelayInMs?: number;
}

// each SDK is loaded when its first client is made (see src/lazy.ts)
const sdk = {
  containerService: lazy<typeof import('@azure/arm-containerservice')>('@azure/arm-containerservice'),
  network: lazy<typeof import('@azure/arm-network')>('@azure/arm-network'),
  resourceGraph: lazy<typeof import('@azure/arm-resourcegraph')>('@azure/arm-resourcegraph'),
  subscriptions: lazy<typeof import('@azure/arm-resources-subscriptions')>('@azure/arm-resources-subscriptions'),
  security: lazy<typeof import('@azure/arm-security')>('@azure/arm-security'),
};

/**
 * The SDK clients per subscription, created on first use. Retries are the SDK's (delays configurable). All of them
 * share one read cache (single flight + freshness, used by the wrappers) and one pacer (in every pipeline, per
 * subscription).
 */
export class AzureClients {
  private readonly cache = new Map<string, unknown>();
  readonly reads: ArmReadCache;
  readonly pacer: ArmPacer;

  constructor(private readonly options: AzureClientsOptions) {
    this.reads = new ArmReadCache(options.readFreshMs ?? 0);
    this.pacer = new ArmPacer(options.pacer);
  }

  /** The scope of the tokens these clients send (readiness and the startup check ask for the same). */
  get scope(): string {
    return this.options.credentialScope ?? armScope(this.options.endpoint);
  }

  get subscriptionIds(): string[] {
    return [...this.options.subscriptionIds];
  }

  private common() {
    const scope = this.options.credentialScope ?? armScope(this.options.endpoint);
    return {
      ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}),
      ...(this.options.caPem ? { tlsOptions: { ca: this.options.caPem } } : {}),
      ...(this.options.retryDelayInMs !== undefined ? { retryOptions: { retryDelayInMs: this.options.retryDelayInMs, maxRetryDelayInMs: this.options.retryDelayInMs * 8 } } : {}),
      additionalPolicies: [
        { policy: armTelemetryPolicy(), position: 'perRetry' as const },
        { policy: this.pacer.policy(), position: 'perRetry' as const },
      ],
      scope,
    };
  }

  private cached<T>(key: string, make: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, make());
    return this.cache.get(key) as T;
  }

  containerService(subscriptionId: string): ContainerServiceClient {
    return this.cached(`aks|${subscriptionId}`, () => {
      const { scope, ...opts } = this.common();
      return new (sdk.containerService().ContainerServiceClient)(this.options.credential, subscriptionId, { ...opts, credentials: { scopes: [scope] } });
    });
  }

  network(subscriptionId: string): NetworkManagementClient {
    return this.cached(`net|${subscriptionId}`, () => {
      const { scope, ...opts } = this.common();
      return new (sdk.network().NetworkManagementClient)(this.options.credential, subscriptionId, { ...opts, credentialScopes: [scope] });
    });
  }

  /** Tenant-level: one client for Resource Graph queries across subscriptions. */
  resourceGraph(): ResourceGraphClient {
    return this.cached('arg', () => {
      const { scope, ...opts } = this.common();
      return new (sdk.resourceGraph().ResourceGraphClient)(this.options.credential, { ...opts, credentials: { scopes: [scope] } });
    });
  }

  /** Tenant-level: subscriptions the identity can see (names people know). */
  subscriptions(): SubscriptionClient {
    return this.cached('subs', () => {
      const { scope, ...opts } = this.common();
      return new (sdk.subscriptions().SubscriptionClient)(this.options.credential, { ...opts, credentials: { scopes: [scope] } });
    });
  }

  security(subscriptionId: string): SecurityCenter {
    return this.cached(`sec|${subscriptionId}`, () => {
      const { scope, ...opts } = this.common();
      return new (sdk.security().SecurityCenter)(this.options.credential, subscriptionId, { ...opts, credentialScopes: [scope] });
    });
  }
}
