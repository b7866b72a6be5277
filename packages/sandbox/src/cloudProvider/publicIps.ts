import { randomUUID } from 'node:crypto';
import type { Json } from '../world.js';
import type { WantedFrontend } from './addresses.js';
import { networkId, putNet, type ProviderContext } from './context.js';
import { PUBLIC_LB } from './names.js';

/** One Standard public IP resource per public Service frontend (`kubernetes-<frontend>`); the ones no Service wants go. */
export function syncPublicIps(ctx: ProviderContext, wanted: WantedFrontend[]): void {
  const publicLbId = networkId(ctx, 'loadBalancers', PUBLIC_LB);
  const byId = new Map<string, WantedFrontend>();
  for (const w of wanted) if (!w.internal) byId.set(networkId(ctx, 'publicIPAddresses', `kubernetes-${w.frontend}`).toLowerCase(), w);
  const rgPrefix = ctx.nodeRgId.toLowerCase() + '/';
  for (const [key, r] of Object.entries(ctx.state.network)) {
    if (r.type !== 'Microsoft.Network/publicIPAddresses' || !key.startsWith(rgPrefix)) continue;
    if (r.tags?.['k8s-azure-service'] && !byId.has(key)) putNet(ctx, r.id, undefined, JSON.stringify(r));
  }
  for (const [key, w] of byId) {
    const existing = ctx.state.network[key];
    const id = networkId(ctx, 'publicIPAddresses', `kubernetes-${w.frontend}`);
    const next: Json = {
      name: `kubernetes-${w.frontend}`,
      id,
      etag: existing?.etag ?? '',
      location: ctx.location,
      tags: { 'k8s-azure-cluster-name': 'kubernetes', 'k8s-azure-service': `${w.service.metadata.namespace}/${w.service.metadata.name}` },
      type: 'Microsoft.Network/publicIPAddresses',
      sku: { name: 'Standard', tier: 'Regional' },
      properties: {
        provisioningState: 'Succeeded',
        resourceGuid: existing?.properties?.resourceGuid ?? randomUUID(),
        ipAddress: w.ip,
        publicIPAddressVersion: 'IPv4',
        publicIPAllocationMethod: 'Static',
        idleTimeoutInMinutes: 4,
        ipTags: [],
        ipConfiguration: { id: `${publicLbId}/frontendIPConfigurations/${w.frontend}` },
      },
    };
    putNet(ctx, id, next, existing ? JSON.stringify(existing) : undefined);
  }
}
