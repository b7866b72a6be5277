import type * as Yaml from 'yaml';
import { lazy } from '../lazy.js';
import type { ManagedCluster } from '@azure/arm-containerservice';
import { type ClusterInfo, type ClusterRef, networkPolicyEngineOf } from '../domain.js';
import type { AzureClients } from './clients.js';
import { AzureError, azureCall, azureFailure } from './errors.js';
import { parseResourceId } from './ids.js';

const yaml = lazy<typeof Yaml>('yaml');

/** The SDK model a PUT needs; opaque outside src/azure (pass it back unchanged). */
export type RawCluster = ManagedCluster;

export interface ClusterState {
  info: ClusterInfo;
  etag: string | undefined;
  raw: RawCluster;
}

function refFromId(id: string): ClusterRef {
  const p = parseResourceId(id);
  if (!p) throw new AzureError({ code: 'InvalidResourceId', message: `Unexpected managed cluster id '${id}'.` });
  return p;
}

/** Maps the SDK model to ClusterInfo; outbound IP addresses are resolved separately. */
export function toClusterInfo(c: ManagedCluster, outboundIps: string[] = []): ClusterInfo {
  const ref = refFromId(c.id ?? '');
  const access = c.apiServerAccessProfile;
  const lbProfile = c.networkProfile?.loadBalancerProfile;
  return {
    ...ref,
    name: c.name ?? ref.name,
    id: c.id ?? '',
    location: c.location,
    kubernetesVersion: c.currentKubernetesVersion ?? c.kubernetesVersion,
    provisioningState: c.provisioningState,
    fqdn: c.fqdn,
    privateFqdn: c.privateFqdn,
    isPrivate: access?.enablePrivateCluster === true,
    authorizedIpRanges: access?.authorizedIPRanges ?? [],
    outboundIpIds: (lbProfile?.effectiveOutboundIPs ?? []).map((r) => r.id ?? '').filter(Boolean),
    outboundIps,
    loadBalancerSku: c.networkProfile?.loadBalancerSku,
    networkPolicy: networkPolicyEngineOf(c.networkProfile?.networkPolicy, c.networkProfile?.networkDataplane),
    networkPlugin: c.networkProfile?.networkPlugin,
    networkDataplane: c.networkProfile?.networkDataplane,
    nodeResourceGroup: c.nodeResourceGroup,
    etag: c.eTag,
  };
}

/** Outbound public IPs by address; a missing or unreadable IP resource is skipped (the ids still show). */
async function resolveOutboundIps(clients: AzureClients, c: ManagedCluster): Promise<string[]> {
  const ids = (c.networkProfile?.loadBalancerProfile?.effectiveOutboundIPs ?? []).map((r) => r.id ?? '');
  const out: string[] = [];
  for (const id of ids) {
    const p = parseResourceId(id);
    if (!p) continue;
    try {
      const pip = await clients.network(p.subscriptionId).publicIPAddresses.get(p.resourceGroup, p.name);
      if (pip.ipAddress) out.push(pip.ipAddress);
    } catch {
      // The network read is best effort: the cluster listing must not fail on a missing permission.
    }
  }
  return out;
}

export interface ListClustersOptions {
  /** Cluster names to keep (case-insensitive); empty keeps all. */
  names?: string[];
}

/** Every managed cluster in the configured subscriptions, sorted by name. */
export async function listClusters(clients: AzureClients, opts: ListClustersOptions = {}): Promise<ClusterInfo[]> {
  const wanted = new Set((opts.names ?? []).map((n) => n.toLowerCase()));
  const result: ClusterInfo[] = [];
  for (const sub of clients.subscriptionIds) {
    const models = await azureCall(async () => {
      const all: ManagedCluster[] = [];
      for await (const c of clients.containerService(sub).managedClusters.list()) all.push(c);
      return all;
    });
    for (const c of models) {
      if (wanted.size > 0 && !wanted.has((c.name ?? '').toLowerCase())) continue;
      result.push(toClusterInfo(c, await resolveOutboundIps(clients, c)));
    }
  }
  return result.sort((a, b) => a.name.localeCompare(b.name) || a.subscriptionId.localeCompare(b.subscriptionId));
}

/** The ARM id of a cluster: the read cache's key, and the prefix a write to it drops. */
export function clusterResourceId(ref: ClusterRef): string {
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${ref.name}`;
}

export interface ReadOptions {
  /** Go to ARM even when a fresh answer is in memory (apply paths: plans are checked against live state). */
  live?: boolean;
}

/** One cluster with its outbound IPs; answered from the read cache within its freshness window unless `live`. */
export async function getCluster(clients: AzureClients, ref: ClusterRef, opts: ReadOptions = {}): Promise<ClusterState> {
  return clients.reads.read(
    clusterResourceId(ref),
    async () => {
      const raw = await azureCall(() => clients.containerService(ref.subscriptionId).managedClusters.get(ref.resourceGroup, ref.name));
      return { info: toClusterInfo(raw, await resolveOutboundIps(clients, raw)), etag: raw.eTag, raw };
    },
    opts,
  );
}

export interface PutRangesOptions {
  /** The eTag the plan saw; ARM answers 412 when the cluster changed since. */
  ifMatch?: string;
  /** Poll interval for the LRO (SDK default 2 s; tests pass a few ms). */
  updateIntervalInMs?: number;
  onProgress?: (state: { status: string; provisioningState?: string }) => void;
  abortSignal?: AbortSignal;
}

export interface PutRangesResult {
  info: ClusterInfo;
  requestId: string | undefined;
}

/**
 * Sets apiServerAccessProfile.authorizedIPRanges (empty disables) the way `az aks update` does: GET the cluster,
 * change only the ranges, PUT it back with If-Match, wait for the long-running operation.
 */
export async function putAuthorizedRanges(
  clients: AzureClients,
  ref: ClusterRef,
  ranges: string[],
  opts: PutRangesOptions = {},
): Promise<PutRangesResult> {
  const aks = clients.containerService(ref.subscriptionId).managedClusters;
  clients.reads.invalidate(clusterResourceId(ref)); // readers after this write must not see the cluster as it was
  const current = await azureCall(() => aks.get(ref.resourceGroup, ref.name));
  const body: ManagedCluster = {
    ...current,
    apiServerAccessProfile: { ...(current.apiServerAccessProfile ?? {}), authorizedIPRanges: [...ranges] },
  };
  let requestId: string | undefined;
  try {
    const poller = aks.createOrUpdate(ref.resourceGroup, ref.name, body, {
      ifMatch: opts.ifMatch ?? current.eTag,
      updateIntervalInMs: opts.updateIntervalInMs,
      abortSignal: opts.abortSignal,
      onResponse: (res) => {
        requestId ??= res.headers.get('x-ms-request-id') ?? undefined;
      },
    });
    if (opts.onProgress) {
      poller.onProgress((s) => opts.onProgress?.({ status: s.status, provisioningState: (s.result as ManagedCluster | undefined)?.provisioningState }));
    }
    const updated = await poller.pollUntilDone();
    return { info: toClusterInfo(updated, await resolveOutboundIps(clients, updated)), requestId };
  } catch (err) {
    throw azureFailure(err, requestId);
  } finally {
    clients.reads.invalidate(clusterResourceId(ref));
  }
}

export interface ClusterUserAccess {
  server: string;
  caPem: string;
}

/** The API server URL and CA from listClusterUserCredential (Palisade authenticates with its own Entra token). */
export async function getClusterUserKubeconfig(clients: AzureClients, ref: ClusterRef): Promise<ClusterUserAccess> {
  const creds = await azureCall(() =>
    clients.containerService(ref.subscriptionId).managedClusters.listClusterUserCredentials(ref.resourceGroup, ref.name),
  );
  const value = creds.kubeconfigs?.[0]?.value;
  if (!value) throw new AzureError({ code: 'NoKubeconfig', message: `Azure returned no user kubeconfig for ${ref.name}.` });
  const doc = yaml().parse(Buffer.from(value).toString('utf8')) as {
    clusters?: Array<{ cluster?: { server?: string; 'certificate-authority-data'?: string } }>;
  };
  const cluster = doc.clusters?.[0]?.cluster;
  if (!cluster?.server || !cluster['certificate-authority-data']) {
    throw new AzureError({ code: 'InvalidKubeconfig', message: `The user kubeconfig for ${ref.name} has no server or CA.` });
  }
  return { server: cluster.server, caPem: Buffer.from(cluster['certificate-authority-data'], 'base64').toString('utf8') };
}
