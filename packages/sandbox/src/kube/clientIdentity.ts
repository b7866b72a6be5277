import { randomUUID } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import type { IncomingMessage } from 'node:http';
import type { SandboxCluster, World } from '../world.js';

/**
 * Which public IP the emulated API server "sees" for a request. The sandbox runs everything on 127.0.0.1, so the
 * caller's identity decides: a bearer token starting with `kubectl` (the token `writeKubeconfig` puts in the sandbox
 * kubeconfig) or a `kubectl/…` User-Agent is the operator's workstation (`simulation.kubectlClientIp`); any other
 * caller is Palisade (`simulation.palisadeClientIp`).
 */
export const KUBECTL_TOKEN = 'kubectl-sandbox-operator';

/**
 * AKS Run Command's pod calls its own API server from inside the cluster, where authorized ranges and the private
 * endpoint do not apply. The ARM emulator marks those calls with this header and a key known only to this process.
 */
export const IN_CLUSTER_HEADER = 'x-sandbox-in-cluster';
export const IN_CLUSTER_KEY = randomUUID();

export function fromInsideCluster(req: IncomingMessage): boolean {
  return req.headers[IN_CLUSTER_HEADER] === IN_CLUSTER_KEY;
}

export type ClientRole = 'palisade' | 'kubectl';

export function clientRole(req: IncomingMessage): ClientRole {
  const auth = String(req.headers.authorization ?? '');
  const token = auth.toLowerCase().startsWith('bearer ') ? auth.slice(7).trim() : '';
  if (token.startsWith('kubectl')) return 'kubectl';
  if (String(req.headers['user-agent'] ?? '').startsWith('kubectl/')) return 'kubectl';
  return 'palisade';
}

export function clientIp(world: World, role: ClientRole): string {
  return role === 'kubectl' ? world.state.simulation.kubectlClientIp : world.state.simulation.palisadeClientIp;
}

function inRange(ip: string, range: string): boolean {
  try {
    const addr = ipaddr.parse(ip);
    const [net, bits] = range.includes('/') ? ipaddr.parseCIDR(range) : [ipaddr.parse(range), addr.kind() === 'ipv4' ? 32 : 128];
    return addr.kind() === net.kind() && addr.match(net, bits);
  } catch {
    return false;
  }
}

/** True when the cluster's API server would answer this IP: no authorized ranges, or one contains it. Private clusters answer nobody outside the VNet. */
export function apiServerReachable(cluster: SandboxCluster, ip: string): boolean {
  const profile = cluster.resource?.properties?.apiServerAccessProfile ?? {};
  if (profile.enablePrivateCluster) return false;
  const ranges: string[] = profile.authorizedIPRanges ?? [];
  if (ranges.length === 0) return true;
  return ranges.some((r) => inRange(ip, r));
}
