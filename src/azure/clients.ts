import { ContainerServiceClient } from '@azure/arm-containerservice';
import { NetworkManagementClient } from '@azure/arm-network';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { SecurityCenter } from '@azure/arm-security';
import type { TokenCredential } from '@azure/core-auth';
import { armScope } from './cloud.js';
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
  /** First delay of the SDK's retries of failed requests (default 1 s; the fast sandbox of tests uses a few ms). */
  retryDelayInMs?: number;
}

/** The three SDK clients per subscription, created on first use. Retries are the SDK's (delays configurable). */
export class AzureClients {
  private readonly cache = new Map<string, unknown>();

  constructor(private readonly options: AzureClientsOptions) {}

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
      additionalPolicies: [{ policy: armTelemetryPolicy(), position: 'perRetry' as const }],
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
