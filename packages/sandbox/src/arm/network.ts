import { API_VERSIONS, checkApiVersion } from './apiVersions.js';
import type { ArmContext } from './context.js';
import { ArmHttpError, clone, notFound, ok, paged, type ArmReply, type ArmRequest } from './http.js';

const TYPES: Record<string, string> = {
  networksecuritygroups: 'Microsoft.Network/networkSecurityGroups',
  loadbalancers: 'Microsoft.Network/loadBalancers',
  publicipaddresses: 'Microsoft.Network/publicIPAddresses',
};

/** Read-only Microsoft.Network in resource groups: NSGs, load balancers and public IPs from `world.state.network`. */
export function handleNetwork(ctx: ArmContext, req: ArmRequest): ArmReply | undefined {
  const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/([^/]+)(?:\/([^/]+))?$/i.exec(req.path);
  if (!m) return undefined;
  const [, sub, rg, rawType, name] = m;
  const type = TYPES[rawType.toLowerCase()];
  if (!type) return undefined;
  checkApiVersion(req, API_VERSIONS.network, rawType);
  if (req.method !== 'GET') {
    throw new ArmHttpError(405, 'MethodNotAllowed', `The sandbox network is managed by AKS; '${req.method}' is not supported on ${type}.`);
  }
  const prefix = `/subscriptions/${sub}/resourcegroups/${rg}/providers/${type}/`.toLowerCase();
  if (name) {
    const r = ctx.world.state.network[`${prefix}${name.toLowerCase()}`];
    if (!r) throw notFound(type, name, rg);
    return ok(clone(r));
  }
  const items = Object.entries(ctx.world.state.network)
    .filter(([id]) => id.startsWith(prefix) && !id.slice(prefix.length).includes('/'))
    .map(([, r]) => r);
  return paged(ctx.endpoint, req, items, ctx.settings.pageSize);
}
