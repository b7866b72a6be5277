import { SANDBOX_TENANT_ID } from '../seed/arm.js';
import type { Json, SubscriptionState } from '../world.js';
import { checkApiVersion } from './apiVersions.js';
import type { ArmContext } from './context.js';
import { ArmHttpError, ok, paged, type ArmReply, type ArmRequest } from './http.js';

// @azure/arm-resources-subscriptions 3.0.0 sends 2022-12-01.
const API_VERSIONS = ['2016-06-01', '2020-01-01', '2021-01-01', '2022-12-01'];

/** A subscription in the Subscriptions API's wire shape (api 2022-12-01). */
export function subscriptionWire(sub: SubscriptionState): Json {
  return {
    id: `/subscriptions/${sub.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: structuredClone(sub.managedByTenants ?? []),
    subscriptionId: sub.subscriptionId,
    tenantId: sub.tenantId ?? SANDBOX_TENANT_ID,
    displayName: sub.displayName,
    state: sub.state ?? 'Enabled',
    subscriptionPolicies: structuredClone(sub.subscriptionPolicies ?? { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' }),
    ...(sub.tags ? { tags: { ...sub.tags } } : {}),
  };
}

/**
 * `GET /subscriptions` (those where the caller holds a role, paged with an absolute nextLink) and
 * `GET /subscriptions/{id}` (ARM has already checked Microsoft.Resources/subscriptions/read).
 */
export function handleSubscriptions(ctx: ArmContext, req: ArmRequest): ArmReply | undefined {
  const m = /^\/subscriptions(?:\/([^/]+))?$/i.exec(req.path);
  if (!m) return undefined;
  checkApiVersion(req, API_VERSIONS, 'subscriptions');
  if (req.method !== 'GET') throw new ArmHttpError(405, 'MethodNotAllowed', `The method '${req.method}' is not allowed for subscriptions.`);
  const all = Object.values(ctx.world.state.subscriptions);
  if (m[1]) {
    const sub = all.find((s) => s.subscriptionId.toLowerCase() === m[1].toLowerCase());
    if (!sub) throw new ArmHttpError(404, 'SubscriptionNotFound', `The subscription '${m[1]}' could not be found.`);
    return ok(subscriptionWire(sub));
  }
  const visible = new Set(ctx.rbac.visibleSubscriptions(req.principal!, all.map((s) => s.subscriptionId)));
  const items = all.filter((s) => visible.has(s.subscriptionId)).map(subscriptionWire);
  return paged(ctx.endpoint, req, items, ctx.settings.subscriptionPageSize);
}
