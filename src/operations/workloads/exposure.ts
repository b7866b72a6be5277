import { AzureError } from '../../azure/errors.js';
import { getNodeNetwork, type NodeNetwork } from '../../azure/network.js';
import type { ClusterInfo } from '../../domain.js';
import { listIngresses } from '../../kube/ingresses.js';
import { listNamespaces } from '../../kube/namespaces.js';
import { listServices } from '../../kube/services.js';
import { routeText } from '../../kube/transport/route.js';
import type { IngressInfo, ServiceInfo } from '../../kube/types.js';
import type { OperationContext } from '../../approvals/types.js';
import { kubeRead, unknownNamespace } from './resolveService.js';

/** `exposure`: reads every LoadBalancer Service and Ingress of a cluster, and the node resource group's LBs and NSGs. */

export interface ExposureView {
  cluster: ClusterInfo;
  namespace?: string;
  services: ServiceInfo[];
  ingresses: IngressInfo[];
  network?: NodeNetwork;
  azureProblem?: string;
  /** How Kubernetes was read when not directly, e.g. "via AKS Run Command". */
  via?: string;
}

export async function readExposure(access: Pick<OperationContext, 'azure' | 'kube'>, cluster: ClusterInfo, namespace: string | undefined): Promise<ExposureView> {
  const api = await kubeRead(cluster.name, () => access.kube.for(cluster));
  const ns = namespace?.toLowerCase();
  const [services, ingresses, namespaces] = await kubeRead(cluster.name, () => Promise.all([listServices(api), listIngresses(api), listNamespaces(api)]));
  if (ns && !namespaces.some((n) => n.name === ns)) throw unknownNamespace(ns, cluster.name, namespaces.map((n) => n.name));
  let network: NodeNetwork | undefined;
  let azureProblem: string | undefined;
  try {
    network = await getNodeNetwork(access.azure, cluster);
  } catch (e) {
    if (!(e instanceof AzureError)) throw e;
    azureProblem = `${e.message} (${e.code})`;
  }
  return {
    cluster,
    namespace: ns,
    // Every LoadBalancer is listed even when filtering, so an Ingress's controller can be named
    services: services.filter((x) => x.type === 'LoadBalancer'),
    ingresses: ingresses.filter((i) => !ns || i.namespace === ns),
    network,
    azureProblem,
    via: routeText(api.route),
  };
}
