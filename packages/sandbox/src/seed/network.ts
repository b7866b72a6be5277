import type { Json } from '../world.js';
import { stableUuid } from './findings.js';

/** Wire-shape builders for the node resource group's network resources (api 2025-05-01/2026-01-01 shapes). */

export function nodeResourceGroupName(resourceGroup: string, cluster: string, location: string): string {
  return `MC_${resourceGroup}_${cluster}_${location}`;
}

function rgId(subscriptionId: string, resourceGroup: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
}

const DEFAULT_RULES: Array<[string, string, string, string, string, string, number]> = [
  // name, description, access, direction, source, destination, priority
  ['AllowVnetInBound', 'Allow inbound traffic from all VMs in VNET', 'Allow', 'Inbound', 'VirtualNetwork', 'VirtualNetwork', 65000],
  ['AllowAzureLoadBalancerInBound', 'Allow inbound traffic from azure load balancer', 'Allow', 'Inbound', 'AzureLoadBalancer', '*', 65001],
  ['DenyAllInBound', 'Deny all inbound traffic', 'Deny', 'Inbound', '*', '*', 65500],
  ['AllowVnetOutBound', 'Allow outbound traffic from all VMs to all VMs in VNET', 'Allow', 'Outbound', 'VirtualNetwork', 'VirtualNetwork', 65000],
  ['AllowInternetOutBound', 'Allow outbound traffic from all VMs to Internet', 'Allow', 'Outbound', '*', 'Internet', 65001],
  ['DenyAllOutBound', 'Deny all outbound traffic', 'Deny', 'Outbound', '*', '*', 65500],
];

export function etagFor(seed: string): string {
  return `W/"${stableUuid(seed)}"`;
}

export function buildNsg(subscriptionId: string, nodeRg: string, name: string, location: string): Json {
  const id = `${rgId(subscriptionId, nodeRg)}/providers/Microsoft.Network/networkSecurityGroups/${name}`;
  const etag = etagFor(id);
  return {
    name,
    id,
    etag,
    type: 'Microsoft.Network/networkSecurityGroups',
    location,
    tags: {},
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: stableUuid(`guid|${id}`),
      securityRules: [],
      defaultSecurityRules: DEFAULT_RULES.map(([rule, description, access, direction, source, destination, priority]) => ({
        name: rule,
        id: `${id}/defaultSecurityRules/${rule}`,
        etag,
        type: 'Microsoft.Network/networkSecurityGroups/defaultSecurityRules',
        properties: {
          provisioningState: 'Succeeded',
          description,
          protocol: '*',
          sourcePortRange: '*',
          destinationPortRange: '*',
          sourceAddressPrefix: source,
          sourceAddressPrefixes: [],
          destinationAddressPrefix: destination,
          destinationAddressPrefixes: [],
          sourcePortRanges: [],
          destinationPortRanges: [],
          access,
          priority,
          direction,
        },
      })),
    },
  };
}

export function buildPublicIp(subscriptionId: string, nodeRg: string, name: string, location: string, address: string, frontendId?: string): Json {
  const id = `${rgId(subscriptionId, nodeRg)}/providers/Microsoft.Network/publicIPAddresses/${name}`;
  return {
    name,
    id,
    etag: etagFor(id),
    location,
    tags: { 'aks-managed-type': 'managedOutboundIPs' },
    zones: ['1', '2', '3'],
    type: 'Microsoft.Network/publicIPAddresses',
    sku: { name: 'Standard', tier: 'Regional' },
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: stableUuid(`guid|${id}`),
      ipAddress: address,
      publicIPAddressVersion: 'IPv4',
      publicIPAllocationMethod: 'Static',
      idleTimeoutInMinutes: 4,
      ipTags: [],
      ...(frontendId ? { ipConfiguration: { id: frontendId } } : {}),
    },
  };
}

/** The public `kubernetes` LB AKS creates: one outbound frontend, the outbound rule, no service frontends yet. */
export function buildKubernetesLb(subscriptionId: string, nodeRg: string, location: string, outboundIpIds: string[]): Json {
  const id = `${rgId(subscriptionId, nodeRg)}/providers/Microsoft.Network/loadBalancers/kubernetes`;
  const etag = etagFor(id);
  const frontends = outboundIpIds.map((pipId) => {
    const feName = pipId.split('/').pop() as string;
    return {
      name: feName,
      id: `${id}/frontendIPConfigurations/${feName}`,
      etag,
      type: 'Microsoft.Network/loadBalancers/frontendIPConfigurations',
      properties: {
        provisioningState: 'Succeeded',
        privateIPAllocationMethod: 'Dynamic',
        publicIPAddress: { id: pipId },
        outboundRules: [{ id: `${id}/outboundRules/aksOutboundRule` }],
      },
    };
  });
  return {
    name: 'kubernetes',
    id,
    etag,
    type: 'Microsoft.Network/loadBalancers',
    location,
    tags: { aksOutboundBackendPoolType: 'nodeIPConfiguration' },
    sku: { name: 'Standard', tier: 'Regional' },
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: stableUuid(`guid|${id}`),
      frontendIPConfigurations: frontends,
      backendAddressPools: ['kubernetes', 'aksOutboundBackendPool'].map((pool) => ({
        name: pool,
        id: `${id}/backendAddressPools/${pool}`,
        etag,
        type: 'Microsoft.Network/loadBalancers/backendAddressPools',
        properties: { provisioningState: 'Succeeded', loadBalancerBackendAddresses: [] },
      })),
      loadBalancingRules: [],
      probes: [],
      inboundNatRules: [],
      inboundNatPools: [],
      outboundRules: [
        {
          name: 'aksOutboundRule',
          id: `${id}/outboundRules/aksOutboundRule`,
          etag,
          type: 'Microsoft.Network/loadBalancers/outboundRules',
          properties: {
            provisioningState: 'Succeeded',
            allocatedOutboundPorts: 0,
            protocol: 'All',
            enableTcpReset: true,
            idleTimeoutInMinutes: 30,
            backendAddressPool: { id: `${id}/backendAddressPools/aksOutboundBackendPool` },
            frontendIPConfigurations: frontends.map((f) => ({ id: f.id })),
          },
        },
      ],
    },
  };
}
