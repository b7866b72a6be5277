import type { Json, SandboxCluster, SubscriptionState, WorldState } from '../world.js';
import { addRegistryFindings, registryRecord, stableUuid } from './findings.js';
import { IMAGES, REGISTRIES, SUBSCRIPTION_PRODUCTION, SUBSCRIPTION_WORKSHOP } from './images.js';
import { buildKubernetesLb, buildNsg, buildPublicIp, nodeResourceGroupName } from './network.js';

export const SANDBOX_TENANT_ID = '72f988bf-0000-4000-8000-00000000a11c';

/** Defender plan names as api 2022-03-01 lists them; the legacy container plans are deprecated in favour of Containers. */
const PLAN_NAMES = [
  'VirtualMachines', 'SqlServers', 'AppServices', 'StorageAccounts', 'SqlServerVirtualMachines', 'KubernetesService',
  'ContainerRegistry', 'KeyVaults', 'Dns', 'Arm', 'OpenSourceRelationalDatabases', 'Containers', 'CosmosDbs', 'CloudPosture', 'Api',
];

export function buildPricings(subscriptionId: string, standard: Record<string, string> = {}): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const name of PLAN_NAMES) {
    const deprecated = name === 'KubernetesService' || name === 'ContainerRegistry';
    const enabledAt = standard[name];
    out[name] = {
      id: `/subscriptions/${subscriptionId}/providers/Microsoft.Security/pricings/${name}`,
      name,
      type: 'Microsoft.Security/pricings',
      properties: {
        pricingTier: enabledAt ? 'Standard' : 'Free',
        freeTrialRemainingTime: enabledAt ? 'PT0S' : 'P30D',
        ...(enabledAt ? { enablementTime: enabledAt } : {}),
        ...(name === 'VirtualMachines' && enabledAt ? { subPlan: 'P2' } : {}),
        ...(deprecated ? { deprecated: true, replacedBy: ['Containers'] } : {}),
      },
    };
  }
  return out;
}

interface ClusterSeed {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  kubernetesVersion: string;
  nsgNumber: string;
  outboundIp: string;
  authorizedIPRanges?: string[];
  networkPlugin: 'kubenet' | 'azure';
  /** Azure CNI overlay: pods get addresses from `podCidr`, not from the node subnet. */
  networkPluginMode?: 'overlay';
  networkPolicy?: 'calico' | 'azure' | 'cilium';
  /** Azure CNI Powered by Cilium. */
  networkDataplane?: 'azure' | 'cilium';
  fqdnSuffix: string;
  /** A private cluster: the API server only has a private endpoint (privateFQDN, no public FQDN). */
  privateCluster?: boolean;
}

function buildCluster(s: ClusterSeed, network: Record<string, Json>): SandboxCluster {
  const id = `/subscriptions/${s.subscriptionId}/resourcegroups/${s.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${s.name}`;
  const nodeRg = nodeResourceGroupName(s.resourceGroup, s.name, s.location);
  const dnsPrefix = `${s.name}-${s.resourceGroup}-${s.subscriptionId.slice(0, 6)}`;
  const pipName = stableUuid(`outbound|${id}`);
  const pip = buildPublicIp(s.subscriptionId, nodeRg, pipName, s.location, s.outboundIp);
  const lb = buildKubernetesLb(s.subscriptionId, nodeRg, s.location, [pip.id]);
  pip.properties.ipConfiguration = { id: lb.properties.frontendIPConfigurations[0].id };
  const nsg = buildNsg(s.subscriptionId, nodeRg, `aks-agentpool-${s.nsgNumber}-nsg`, s.location);
  for (const r of [pip, lb, nsg]) network[r.id.toLowerCase()] = r;

  const resource: Json = {
    id,
    location: s.location,
    name: s.name,
    type: 'Microsoft.ContainerService/ManagedClusters',
    eTag: stableUuid(`etag|${id}|0`),
    sku: { name: 'Base', tier: 'Free' },
    identity: { type: 'SystemAssigned', principalId: stableUuid(`mi|${id}`), tenantId: SANDBOX_TENANT_ID },
    properties: {
      provisioningState: 'Succeeded',
      powerState: { code: 'Running' },
      kubernetesVersion: s.kubernetesVersion,
      currentKubernetesVersion: s.kubernetesVersion,
      dnsPrefix,
      ...(s.privateCluster
        ? { privateFQDN: `${dnsPrefix.slice(0, 24)}-${s.fqdnSuffix}.${stableUuid(`dns|${id}`).slice(0, 8)}.privatelink.${s.location}.azmk8s.io` }
        : { fqdn: `${dnsPrefix.slice(0, 24)}-${s.fqdnSuffix}.hcp.${s.location}.azmk8s.io` }),
      azurePortalFQDN: `${dnsPrefix.slice(0, 24)}-${s.fqdnSuffix}.portal.hcp.${s.location}.azmk8s.io`,
      agentPoolProfiles: [
        {
          name: 'nodepool1',
          count: 2,
          vmSize: 'Standard_DS2_v2',
          osDiskSizeGB: 128,
          osDiskType: 'Managed',
          kubeletDiskType: 'OS',
          maxPods: s.networkPluginMode === 'overlay' ? 250 : s.networkPlugin === 'azure' ? 30 : 110,
          type: 'VirtualMachineScaleSets',
          provisioningState: 'Succeeded',
          powerState: { code: 'Running' },
          orchestratorVersion: s.kubernetesVersion,
          currentOrchestratorVersion: s.kubernetesVersion,
          mode: 'System',
          osType: 'Linux',
          osSKU: 'Ubuntu',
          nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202501.12.0',
          upgradeSettings: { maxSurge: '10%' },
          enableFIPS: false,
        },
      ],
      servicePrincipalProfile: { clientId: 'msi' },
      nodeResourceGroup: nodeRg,
      enableRBAC: true,
      aadProfile: { managed: true, enableAzureRBAC: true, tenantID: SANDBOX_TENANT_ID },
      networkProfile: {
        networkPlugin: s.networkPlugin,
        ...(s.networkPluginMode ? { networkPluginMode: s.networkPluginMode } : {}),
        ...(s.networkPolicy ? { networkPolicy: s.networkPolicy } : {}),
        ...(s.networkDataplane ? { networkDataplane: s.networkDataplane } : {}),
        loadBalancerSku: 'standard',
        loadBalancerProfile: {
          managedOutboundIPs: { count: 1 },
          effectiveOutboundIPs: [{ id: pip.id }],
          backendPoolType: 'nodeIPConfiguration',
        },
        ...(s.networkPlugin === 'kubenet' || s.networkPluginMode === 'overlay' ? { podCidr: '10.244.0.0/16', podCidrs: ['10.244.0.0/16'] } : {}),
        serviceCidr: '10.0.0.0/16',
        dnsServiceIP: '10.0.0.10',
        outboundType: 'loadBalancer',
        serviceCidrs: ['10.0.0.0/16'],
        ipFamilies: ['IPv4'],
      },
      ...(s.authorizedIPRanges ? { apiServerAccessProfile: { authorizedIPRanges: s.authorizedIPRanges } } : {}),
      ...(s.privateCluster ? { apiServerAccessProfile: { enablePrivateCluster: true, enablePrivateClusterPublicFQDN: false, privateDNSZone: 'system' } } : {}),
      maxAgentPools: 100,
      disableLocalAccounts: false,
      oidcIssuerProfile: { enabled: false },
      supportPlan: 'KubernetesOfficial',
    },
  };
  return { subscriptionId: s.subscriptionId, resourceGroup: s.resourceGroup, name: s.name, resource, kube: { resourceVersion: 1, objects: {} } };
}

function subscription(subscriptionId: string, displayName: string, pricings: Record<string, Json>): SubscriptionState {
  return { subscriptionId, displayName, pricings, assessments: [], subAssessments: {}, registries: [] };
}

/** The ARM side of the sandbox: two subscriptions modelled on the AKS network-security workshop (its last step: a private cluster), plus a Cilium cluster. */
export function seedArm(): WorldState {
  const network: Record<string, Json> = {};
  const images = [IMAGES['ratings-api:v1'], IMAGES['ratings-web:v1']];

  const workshop = subscription(SUBSCRIPTION_WORKSHOP, 'Workshop', buildPricings(SUBSCRIPTION_WORKSHOP));
  const w = REGISTRIES.workshop;
  workshop.registries.push(registryRecord(w.id, w.name, w.location, images));

  const production = subscription(
    SUBSCRIPTION_PRODUCTION,
    'Production',
    buildPricings(SUBSCRIPTION_PRODUCTION, { Containers: '2025-01-13T10:30:45.1234567Z', CloudPosture: '2025-01-13T10:30:45.1234567Z' }),
  );
  const p = REGISTRIES.production;
  const prodRegistry = registryRecord(p.id, p.name, p.location, images);
  production.registries.push(prodRegistry);
  addRegistryFindings(production, prodRegistry, { perImage: 14, shapes: ['mdvm'], timeGenerated: '2025-06-02T03:14:07.5512345Z' });
  addRegistryFindings(production, prodRegistry, { perImage: 6, shapes: ['qualys'], timeGenerated: '2023-08-01T03:14:07.5512345Z' });

  const clusters = [
    buildCluster(
      {
        subscriptionId: SUBSCRIPTION_WORKSHOP,
        resourceGroup: 'aksworkshop',
        name: 'aks-workshop',
        location: 'eastus',
        kubernetesVersion: '1.31.5',
        nsgNumber: '27437281',
        outboundIp: '20.81.112.34',
        networkPlugin: 'kubenet',
        fqdnSuffix: 'q8x4k2mn',
      },
      network,
    ),
    buildCluster(
      {
        subscriptionId: SUBSCRIPTION_WORKSHOP,
        resourceGroup: 'aksworkshop',
        name: 'aks-private',
        location: 'eastus',
        kubernetesVersion: '1.31.5',
        nsgNumber: '38264019',
        outboundIp: '20.81.114.61',
        networkPlugin: 'kubenet',
        fqdnSuffix: 'h7r2c5tx',
        privateCluster: true,
      },
      network,
    ),
    buildCluster(
      {
        subscriptionId: SUBSCRIPTION_PRODUCTION,
        resourceGroup: 'prod-rg',
        name: 'aks-prod',
        location: 'westeurope',
        kubernetesVersion: '1.31.5',
        nsgNumber: '51830457',
        outboundIp: '51.124.80.9',
        authorizedIPRanges: ['198.51.100.0/24', '203.0.113.0/24'],
        networkPlugin: 'azure',
        networkPolicy: 'calico',
        fqdnSuffix: 'p3v7w9zt',
      },
      network,
    ),
    // Azure CNI Powered by Cilium (overlay): Cilium enforces network policy, and ignores ipBlocks over pod IPs
    buildCluster(
      {
        subscriptionId: SUBSCRIPTION_PRODUCTION,
        resourceGroup: 'prod-rg',
        name: 'aks-cilium',
        location: 'northeurope',
        kubernetesVersion: '1.33.2',
        nsgNumber: '73920461',
        outboundIp: '4.208.14.7',
        authorizedIPRanges: ['198.51.100.0/24', '203.0.113.0/24'],
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        networkPolicy: 'cilium',
        networkDataplane: 'cilium',
        fqdnSuffix: 'c5n2r8xk',
      },
      network,
    ),
  ];

  return {
    version: 1,
    subscriptions: { [SUBSCRIPTION_WORKSHOP]: workshop, [SUBSCRIPTION_PRODUCTION]: production },
    clusters,
    network,
    operations: {},
    simulation: { palisadeClientIp: '203.0.113.77', kubectlClientIp: '198.51.100.23', publicIpPools: { eastus: '20.72.185.149', westeurope: '51.124.90.10', northeurope: '4.208.51.20' } },
  };
}
