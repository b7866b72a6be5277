import { ContainerServiceClient } from '@azure/arm-containerservice';
import { NetworkManagementClient } from '@azure/arm-network';
import { SecurityCenter } from '@azure/arm-security';
import { sandboxCredential } from '../../src/azure/credential.js';
import { kubeApiFor, type DirectKubeApi } from '../../src/kube/connect.js';
import { KUBECTL_TOKEN } from '@palisade/sandbox/kube/index.js';
import type { Sandbox } from '@palisade/sandbox';
import type { Palisade as AnyPalisade } from '../../src/palisade.js';

type Palisade = AnyPalisade<Sandbox>;

export const WORKSHOP = { subscriptionId: '11111111-1111-4111-8111-111111111111', resourceGroup: 'aksworkshop', name: 'aks-workshop' };
export const PROD = { subscriptionId: '22222222-2222-4222-8222-222222222222', resourceGroup: 'prod-rg', name: 'aks-prod' };

function opts(app: Palisade) {
  return { endpoint: app.sandbox!.arm.endpoint, tlsOptions: { ca: app.sandbox!.tls.caPem } };
}

/** The real SDK clients, pointed at the sandbox's ARM emulator: how tests read Azure back. */
export function aksClient(app: Palisade, subscriptionId = WORKSHOP.subscriptionId) {
  return new ContainerServiceClient(sandboxCredential(), subscriptionId, opts(app));
}
export function networkClient(app: Palisade, subscriptionId = WORKSHOP.subscriptionId) {
  return new NetworkManagementClient(sandboxCredential(), subscriptionId, opts(app));
}
export function securityClient(app: Palisade, subscriptionId = WORKSHOP.subscriptionId) {
  return new SecurityCenter(sandboxCredential(), subscriptionId, opts(app));
}

/** A sandbox cluster's API as the kubeconfig's operator (cluster admin): changes made by someone other than Palisade. */
export function operatorKube(app: Palisade, cluster: string): DirectKubeApi {
  return kubeApiFor({ server: app.sandbox!.kube.serverUrlFor(cluster), caPem: app.sandbox!.tls.caPem, token: KUBECTL_TOKEN });
}

export async function readRanges(app: Palisade, c = WORKSHOP): Promise<string[]> {
  const cluster = await aksClient(app, c.subscriptionId).managedClusters.get(c.resourceGroup, c.name);
  return cluster.apiServerAccessProfile?.authorizedIPRanges ?? [];
}

/** How many cluster PUTs ARM has accepted (each starts one async operation). */
export function clusterPuts(app: Palisade, name = 'aks-workshop'): number {
  return Object.values(app.sandbox!.world.state.operations).filter((o) => o.resourceId.toLowerCase().endsWith(`/managedclusters/${name}`)).length;
}
