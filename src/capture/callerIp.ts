import ipaddr from 'ipaddr.js';

export interface CallerIpOptions {
  /** Proxies whose X-Forwarded-For we believe (PALISADE_TRUSTED_PROXIES). */
  trustedProxies: readonly string[];
  /** The sandbox: a loopback caller stands for this public IP. */
  loopbackIp?: string;
}

function norm(address: string): string | undefined {
  try {
    return ipaddr.process(address.trim()).toString();
  } catch {
    return undefined;
  }
}

/** The caller's public IP: the socket peer, or X-Forwarded-For when the peer is a trusted proxy. */
export function callerIp(opts: CallerIpOptions, remoteAddress: string, forwardedFor: string | undefined): { ip?: string; problem?: string } {
  let ip = norm(remoteAddress);
  if (ip && opts.trustedProxies.includes(ip) && forwardedFor) {
    const hops = forwardedFor.split(',').map((h) => norm(h)).filter((h): h is string => Boolean(h));
    // The right-most hop that is not one of our proxies is the client
    ip = [...hops].reverse().find((h) => !opts.trustedProxies.includes(h)) ?? ip;
  }
  if (!ip) return { problem: 'I could not tell your IP address.' };
  const parsed = ipaddr.parse(ip);
  if (parsed.range() === 'loopback' && opts.loopbackIp) return { ip: opts.loopbackIp };
  if (parsed.kind() !== 'ipv4') return { problem: `You reached me over IPv6 (${ip}); AKS authorized ranges accept IPv4 only. Open the link from an IPv4 connection.` };
  if (parsed.range() !== 'unicast')
    return { problem: `Your address as I see it (${ip}) is not a public IP: you are on the same network as Palisade or behind a proxy I do not trust (PALISADE_TRUSTED_PROXIES).` };
  return { ip };
}
