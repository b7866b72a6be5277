import type { AzureClients } from './clients.js';
import { azureCall } from './errors.js';

export interface SubscriptionInfo {
  subscriptionId: string;
  displayName: string;
  tenantId?: string;
  /** `Enabled`, `Warned`, `PastDue`, `Disabled`, `Deleted`. */
  state?: string;
}

function plain(s: { subscriptionId?: string; displayName?: string; tenantId?: string; state?: string }): SubscriptionInfo {
  return { subscriptionId: s.subscriptionId ?? '', displayName: s.displayName ?? s.subscriptionId ?? '', tenantId: s.tenantId, state: s.state };
}

/** Every subscription the identity holds a role in (all pages), sorted by display name. */
export async function listSubscriptions(clients: AzureClients): Promise<SubscriptionInfo[]> {
  const out = await clients.reads.read('/subscriptions|list', () =>
    azureCall(async () => {
      const all: SubscriptionInfo[] = [];
      for await (const s of clients.subscriptions().subscriptions.list()) all.push(plain(s));
      return all;
    }),
  );
  return [...out].sort((a, b) => a.displayName.localeCompare(b.displayName) || a.subscriptionId.localeCompare(b.subscriptionId));
}

/** One subscription by id (403 AuthorizationFailed / 404 SubscriptionNotFound come back as AzureError). */
export async function getSubscription(clients: AzureClients, subscriptionId: string): Promise<SubscriptionInfo> {
  return plain(await azureCall(() => clients.subscriptions().subscriptions.get(subscriptionId)));
}

/** Display names by lower-cased subscription id, for cards; ids without a readable name map to themselves. */
export async function subscriptionNames(clients: AzureClients, subscriptionIds: string[] = clients.subscriptionIds): Promise<Map<string, string>> {
  const names = new Map(subscriptionIds.map((id) => [id.toLowerCase(), id]));
  for (const s of await listSubscriptions(clients)) if (names.has(s.subscriptionId.toLowerCase())) names.set(s.subscriptionId.toLowerCase(), s.displayName);
  return names;
}
