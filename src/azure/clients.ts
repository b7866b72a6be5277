import { ContainerServiceClient } from '@azure/arm-containerservice';
import { NetworkManagementClient } from '@azure/arm-network';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { SecurityCenter } from '@azure/arm-security';
import type { TokenCredential } from '@azure/core-auth';
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
}

/**
 * The SDK clients per subscription, created on first use. Retries are the SDK defaults. All of them share one read
 * cache (single flight + freshness, used by the wrappers) and one pacer (in every pipeline, per subscription).
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
      return new ContainerServiceClient(this.options.credential, subscriptionId, { ...opts, credentials: { scopes: [scope] } });
    });
  }

  network(subscriptionId: string): NetworkManagementClient {
    return this.cached(`net|${subscriptionId}`, () => {
      const { scope, ...opts } = this.common();
      return new NetworkManagementClient(this.options.credential, subscriptionId, { ...opts, credentialScopes: [scope] });
    });
  }

  /** Tenant-level: one client for Resource Graph queries across subscriptions. */
  resourceGraph(): ResourceGraphClient {
    return this.cached('arg', () => {
      const { scope, ...opts } = this.common();
      return new ResourceGraphClient(this.options.credential, { ...opts, credentials: { scopes: [scope] } });
    });
  }

  /** Tenant-level: subscriptions the identity can see (names people know). */
  subscriptions(): SubscriptionClient {
    return this.cached('subs', () => {
      const { scope, ...opts } = this.common();
      return new SubscriptionClient(this.options.credential, { ...opts, credentials: { scopes: [scope] } });
    });
  }

  security(subscriptionId: string): SecurityCenter {
    return this.cached(`sec|${subscriptionId}`, () => {
      const { scope, ...opts } = this.common();
      return new SecurityCenter(this.options.credential, subscriptionId, { ...opts, credentialScopes: [scope] });
    });
  }
}
