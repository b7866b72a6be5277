import { randomUUID } from 'node:crypto';
import type { Json } from '../world.js';
import { nodeSubnet, type WantedFrontend } from './addresses.js';
import { getNet, networkId, newEtag, putNet, withoutEtags, type ProviderContext } from './context.js';
import { azureProtocol, INTERNAL_LB, INTERNAL_SUBNET_ANNOTATION, PUBLIC_LB, SERVICE_FRONTEND } from './names.js';

/** The `kubernetes` (public) and `kubernetes-internal` load balancers: a frontend, rules and probes per Service port. */

function emptyLb(ctx: ProviderContext, name: string): Json {
  const id = networkId(ctx, 'loadBalancers', name);
  return {
    name,
    id,
    etag: newEtag(),
    type: 'Microsoft.Network/loadBalancers',
    location: ctx.location,
    sku: { name: 'Standard', tier: 'Regional' },
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: randomUUID(),
      frontendIPConfigurations: [],
      backendAddressPools: [
        { name: 'kubernetes', id: `${id}/backendAddressPools/kubernetes`, etag: '', type: 'Microsoft.Network/loadBalancers/backendAddressPools', properties: { provisioningState: 'Succeeded', loadBalancerBackendAddresses: [] } },
      ],
      loadBalancingRules: [],
      probes: [],
      inboundNatRules: [],
      inboundNatPools: [],
      outboundRules: [],
    },
  };
}

/** Rule and probe names start with the Service's frontend name; anything else on the LB is AKS's own. */
function isServiceOwned(r: Json): boolean {
  return SERVICE_FRONTEND.test(String(r.name).split('-').slice(0, 1).join(''));
}

function rulesFor(lbId: string, w: WantedFrontend, internal: boolean): { rules: Json[]; probes: Json[]; ruleIds: Json[] } {
  const feId = `${lbId}/frontendIPConfigurations/${w.frontend}`;
  const poolId = `${lbId}/backendAddressPools/kubernetes`;
  const rules: Json[] = [];
  const probes: Json[] = [];
  const ruleIds: Json[] = [];
  for (const port of w.service.spec.ports ?? []) {
    const proto = azureProtocol(port.protocol);
    const ruleName = `${w.frontend}-${port.protocol ?? 'TCP'}-${port.port}`;
    const ruleId = `${lbId}/loadBalancingRules/${ruleName}`;
    const probeId = `${lbId}/probes/${ruleName}`;
    ruleIds.push({ id: ruleId });
    probes.push({ name: ruleName, id: probeId, etag: '', type: 'Microsoft.Network/loadBalancers/probes', properties: { provisioningState: 'Succeeded', protocol: 'Tcp', port: port.nodePort ?? port.port, intervalInSeconds: 5, numberOfProbes: 2, probeThreshold: 1, loadBalancingRules: [{ id: ruleId }] } });
    rules.push({
      name: ruleName,
      id: ruleId,
      etag: '',
      type: 'Microsoft.Network/loadBalancers/loadBalancingRules',
      properties: {
        provisioningState: 'Succeeded',
        frontendIPConfiguration: { id: feId },
        frontendPort: port.port,
        backendPort: port.port,
        enableFloatingIP: true,
        idleTimeoutInMinutes: 4,
        protocol: proto === '*' ? 'All' : proto,
        enableDestinationServiceEndpoint: false,
        enableTcpReset: true,
        allowBackendPortConflict: false,
        loadDistribution: 'Default',
        disableOutboundSnat: !internal,
        backendAddressPool: { id: poolId },
        backendAddressPools: [{ id: poolId }],
        probe: { id: probeId },
      },
    });
  }
  return { rules, probes, ruleIds };
}

function frontendFor(ctx: ProviderContext, lbId: string, w: WantedFrontend, internal: boolean, ruleIds: Json[]): Json {
  const base = { name: w.frontend, id: `${lbId}/frontendIPConfigurations/${w.frontend}`, etag: '', type: 'Microsoft.Network/loadBalancers/frontendIPConfigurations' };
  if (internal) {
    const subnet = nodeSubnet(ctx);
    const subnetName = w.service.metadata.annotations?.[INTERNAL_SUBNET_ANNOTATION] ?? subnet.subnetName;
    return {
      ...base,
      properties: { provisioningState: 'Succeeded', privateIPAddress: w.ip, privateIPAllocationMethod: 'Dynamic', privateIPAddressVersion: 'IPv4', subnet: { id: `${subnet.vnetId}/subnets/${subnetName}` }, loadBalancingRules: ruleIds },
    };
  }
  return {
    ...base,
    properties: { provisioningState: 'Succeeded', privateIPAllocationMethod: 'Dynamic', publicIPAddress: { id: networkId(ctx, 'publicIPAddresses', `kubernetes-${w.frontend}`) }, loadBalancingRules: ruleIds },
  };
}

/** Rewrites the Service frontends of one LB, keeping AKS's outbound frontend and rules; the internal LB goes with its last frontend. */
export function syncLoadBalancer(ctx: ProviderContext, wanted: WantedFrontend[], internal: boolean): void {
  const lbId = networkId(ctx, 'loadBalancers', internal ? INTERNAL_LB : PUBLIC_LB);
  const current = getNet(ctx, lbId);
  const before = current ? JSON.stringify(current) : undefined;
  const mine = wanted.filter((w) => w.internal === internal);
  if (!current && mine.length === 0) return;
  const target: Json = before ? JSON.parse(before) : emptyLb(ctx, internal ? INTERNAL_LB : PUBLIC_LB);
  const p = target.properties;
  const rules: Json[] = [];
  const probes: Json[] = [];
  const frontends = mine.map((w) => {
    const r = rulesFor(lbId, w, internal);
    rules.push(...r.rules);
    probes.push(...r.probes);
    return frontendFor(ctx, lbId, w, internal, r.ruleIds);
  });
  p.frontendIPConfigurations = [...(p.frontendIPConfigurations ?? []).filter((f: Json) => !SERVICE_FRONTEND.test(f.name)), ...frontends];
  p.loadBalancingRules = [...(p.loadBalancingRules ?? []).filter((r: Json) => !isServiceOwned(r)), ...rules];
  p.probes = [...(p.probes ?? []).filter((r: Json) => !isServiceOwned(r)), ...probes];
  const pool = (p.backendAddressPools ?? []).find((b: Json) => b.name === 'kubernetes');
  if (pool) {
    const ruleRefs = (p.loadBalancingRules as Json[]).map((r) => ({ id: r.id }));
    if (ruleRefs.length) pool.properties.loadBalancingRules = ruleRefs;
    else delete pool.properties.loadBalancingRules;
  }
  // upstream deletes the internal LB once its last frontend is gone
  if (internal && frontends.length === 0) return putNet(ctx, lbId, undefined, before);
  // compare without etags so an unchanged LB keeps its etag
  if (current && JSON.stringify(withoutEtags(current)) === JSON.stringify(withoutEtags(target))) return;
  putNet(ctx, lbId, target, before);
}
