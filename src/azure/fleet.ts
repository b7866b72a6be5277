import type { ClusterInfo } from '../domain.js';
import type { AzureClients } from './clients.js';
import { azureCall } from './errors.js';
import { parseResourceId } from './ids.js';
import { queryClusters, queryPublicIps, type FleetCluster } from './resourceGraph.js';

export interface FleetOptions {
  /** Cluster names to keep (case-insensitive); empty keeps all. */
  names?: string[];
  /** Called with the clusters as soon as Resource Graph lists them, before their outbound IPs are resolved (`outboundIps` empty). */
  onClusters?: (clusters: ClusterInfo[]) => void;
}

/** Plain ClusterInfo (what plans and cards carry), without the Resource Graph extras. */
function toInfo(c: FleetCluster, outboundIps: string[]): ClusterInfo {
  const { powerState: _p, networkPluginMode: _m, defenderEnabled: _e, disableRunCommand: _r, ...info } = c;
  return { ...info, outboundIps };
}

/**
 * Every AKS cluster in the subscriptions with its outbound IP addresses, from Azure Resource Graph: one paged query for
 * the clusters and their control-plane settings, and one per 100 node resource groups for the outbound IPs, instead of
 * a list per subscription and a GET per IP. An outbound IP outside the node resource groups (bring-your-own) is read
 * with a GET, through the read cache.
 */
export async function listFleetClusters(clients: AzureClients, opts: FleetOptions = {}): Promise<ClusterInfo[]> {
  const wanted = new Set((opts.names ?? []).map((n) => n.toLowerCase()));
  const clusters = (await queryClusters(clients, clients.subscriptionIds)).filter((c) => wanted.size === 0 || wanted.has(c.name.toLowerCase()));
  opts.onClusters?.(clusters.map((c) => toInfo(c, [])));
  const groups = new Map<string, { subscriptionId: string; resourceGroup: string }>();
  for (const c of clusters) {
    for (const id of c.outboundIpIds) {
      const p = parseResourceId(id);
      if (p) groups.set(`${p.subscriptionId}|${p.resourceGroup}`.toLowerCase(), { subscriptionId: p.subscriptionId, resourceGroup: p.resourceGroup });
    }
  }
  const addresses = groups.size ? await queryPublicIps(clients, [...groups.values()]) : new Map<string, string>();
  const out: ClusterInfo[] = [];
  for (const c of clusters) {
    const ips: string[] = [];
    for (const id of c.outboundIpIds) {
      const ip = addresses.get(id.toLowerCase()) ?? (await publicIpByGet(clients, id));
      if (ip) ips.push(ip);
    }
    out.push(toInfo(c, ips));
  }
  return out;
}

/** Best effort, as the ARM listing does: a missing or unreadable IP is skipped (its id still shows). */
async function publicIpByGet(clients: AzureClients, id: string): Promise<string | undefined> {
  const p = parseResourceId(id);
  if (!p) return undefined;
  try {
    const pip = await clients.reads.read(id, () => azureCall(() => clients.network(p.subscriptionId).publicIPAddresses.get(p.resourceGroup, p.name)));
    return pip.ipAddress ?? undefined;
  } catch {
    return undefined;
  }
}
