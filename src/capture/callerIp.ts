import { type Address, inNetworks, type Network, parseAddress, parseHop, parseNetwork } from '../text/addresses.js';

export interface CallerIpOptions {
  /** Proxies whose X-Forwarded-For we believe (PALISADE_TRUSTED_PROXIES): CIDRs or single addresses. */
  trustedProxies: readonly string[];
  /** The sandbox: a loopback caller stands for this public IP. */
  loopbackIp?: string;
}

/**
 * The caller's public IP. Starting from the socket peer, each trusted proxy vouches for the hop to its left in
 * X-Forwarded-For (read right to left; ports and IPv6 brackets stripped); the first address that is not a trusted
 * proxy is the caller, so nothing a client writes at the left of the header counts. Pure.
 */
export function callerIp(opts: CallerIpOptions, remoteAddress: string, forwardedFor: string | undefined): { ip?: string; problem?: string } {
  const proxies = opts.trustedProxies.map(parseNetwork).filter((n): n is Network => n !== undefined);
  let caller: Address | undefined = parseAddress(remoteAddress);
  if (!caller) return { problem: 'I could not tell your IP address.' };
  const hops = (forwardedFor ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  while (inNetworks(caller, proxies) && hops.length) {
    const hop = hops.pop()!;
    caller = parseHop(hop);
    if (!caller) return { problem: `I could not read X-Forwarded-For from your proxy ("${hop.slice(0, 60)}" is not an address), so I cannot tell your IP address.` };
  }
  const ip = caller.toString();
  if (caller.range() === 'loopback' && opts.loopbackIp) return { ip: opts.loopbackIp };
  if (caller.kind() !== 'ipv4') return { problem: `You reached me over IPv6 (${ip}); AKS authorized ranges accept IPv4 only. Open the link from an IPv4 connection.` };
  if (caller.range() !== 'unicast')
    return { problem: `Your address as I see it (${ip}) is not a public IP: you are on the same network as Palisade or behind a proxy I do not trust (PALISADE_TRUSTED_PROXIES).` };
  return { ip };
}
