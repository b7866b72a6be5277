import { AzureError } from '../../azure/errors.js';
import type { ClusterInfo } from '../../domain.js';
import { UserError } from '../../errors.js';
import type { Turn } from '../../chat/turn.js';
import type { ClusterDirectory } from '../../clusters/directory.js';
import type { SubscriptionNames } from '../../clusters/subscriptions.js';

/** Defender plans and findings are per subscription; a cluster, when named, picks its subscription. */
export interface DefenderScope {
  subscriptionId: string;
  cluster?: ClusterInfo;
}

/** A configured subscription by id or display name (case-insensitive); anything else is a clear error. */
export async function checkSubscription(s: { subscriptions: Pick<SubscriptionNames, 'find' | 'all'> }, subscription: string): Promise<string> {
  const found = await s.subscriptions.find(subscription);
  if (found) return found.id;
  const known = (await s.subscriptions.all()).map((x) => (x.name === x.id ? x.id : `${x.name} (${x.id})`));
  throw new UserError(`I don't manage a subscription "${subscription}".`, `Name one I can see: ${known.join(', ') || 'none (set AZURE_SUBSCRIPTION_IDS)'}; or name a cluster with "on <cluster>".`);
}

/** `in <subscription>` wins; otherwise the cluster (`on <cluster>`, the conversation default, or a choice card). */
export async function resolveScope(
  s: { clusters: Pick<ClusterDirectory, 'resolve'>; subscriptions: Pick<SubscriptionNames, 'find' | 'all'> },
  turn: Turn,
  opts: { cluster?: string; subscription?: string },
  commandText: (cluster: string) => string,
): Promise<DefenderScope> {
  if (opts.subscription) {
    const subscriptionId = await checkSubscription(s, opts.subscription);
    if (!opts.cluster) return { subscriptionId };
    const cluster = await s.clusters.resolve(turn, opts.cluster, commandText);
    if (cluster.subscriptionId.toLowerCase() !== subscriptionId.toLowerCase())
      throw new UserError(`${cluster.name} is in subscription ${cluster.subscriptionId}, not ${subscriptionId}.`, `Drop "in ${opts.subscription}" or "on ${opts.cluster}".`);
    return { subscriptionId, cluster };
  }
  const cluster = await s.clusters.resolve(turn, opts.cluster, commandText);
  return { subscriptionId: cluster.subscriptionId, cluster };
}

/** Names of the clusters Palisade sees in a subscription; empty when the listing fails (it is only context). */
export async function clustersIn(clusters: { list(): Promise<ClusterInfo[]> }, subscriptionId: string): Promise<string[]> {
  try {
    return (await clusters.list()).filter((c) => c.subscriptionId.toLowerCase() === subscriptionId.toLowerCase()).map((c) => c.name);
  } catch {
    return [];
  }
}

export function isForbidden(err: unknown): boolean {
  return err instanceof AzureError && (err.status === 403 || err.code === 'AuthorizationFailed');
}

/** Azure failures in Defender calls as clear messages; a 403 says which role is missing. */
export function defenderError(err: unknown, subscriptionId: string, action: 'read' | 'change'): unknown {
  if (!(err instanceof AzureError)) return err;
  const ref = `${err.code}${err.requestId ? `, request ${err.requestId}` : ''}`;
  if (isForbidden(err))
    return new UserError(
      `Palisade has no access to Microsoft Defender ${action === 'read' ? 'data' : 'plans'} in subscription ${subscriptionId}: Azure answered 403 (${ref}).`,
      action === 'read'
        ? "Give Palisade's identity the Security Reader role on that subscription, then try again."
        : "Changing a Defender plan needs the Security Admin role on the subscription: ask an owner to grant it to Palisade's identity, then run the command again.",
    );
  if (err.code === 'SubscriptionNotFound' || err.status === 404)
    return new UserError(`Azure does not know subscription ${subscriptionId} (${ref}).`, 'Check AZURE_SUBSCRIPTION_IDS and that the subscription still exists.');
  return new UserError(`Azure could not ${action === 'read' ? 'read' : 'change'} Microsoft Defender settings in subscription ${subscriptionId}: ${err.message} (${ref}).`, 'Try again in a minute.');
}

/** Runs a Defender call, turning Azure failures into clear UserErrors. */
export async function defenderCall<T>(subscriptionId: string, action: 'read' | 'change', fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw defenderError(err, subscriptionId, action);
  }
}
