import ipaddr from 'ipaddr.js';

/** An address or network as ipaddr.js parses it: IPv4-mapped IPv6 is unwrapped to IPv4. */
export type Address = ipaddr.IPv4 | ipaddr.IPv6;
export type Network = [Address, number];

/** Dotted-quad IPv4 only: ipaddr.js alone would also take "1", "0x7f.1" or "999.1.1.1"-like shorthands. */
export function isIPv4(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text);
}

/** A plain address, IPv4 (dotted quad) or IPv6; `undefined` for anything else. */
export function parseAddress(text: string): Address | undefined {
  const t = text.trim();
  if (isIPv4(t)) return ipaddr.IPv4.parse(t);
  if (!t.includes(':') || !ipaddr.IPv6.isValid(t)) return undefined;
  const v6 = ipaddr.IPv6.parse(t);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

/** `10.0.0.0/8`, `2001:db8::/32`, or a bare address (a /32 or /128); `undefined` when it is neither. */
export function parseNetwork(text: string): Network | undefined {
  const t = text.trim();
  const slash = t.indexOf('/');
  const address = parseAddress(slash < 0 ? t : t.slice(0, slash));
  if (!address) return undefined;
  const max = address.kind() === 'ipv4' ? 32 : 128;
  if (slash < 0) return [address, max];
  const bits = t.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return undefined;
  return [address, Number(bits)];
}

export function formatNetwork([address, bits]: Network): string {
  return `${address.toString()}/${bits}`;
}

export function inNetworks(address: Address, networks: readonly Network[]): boolean {
  return networks.some(([net, bits]) => net.kind() === address.kind() && address.match(net, bits));
}

/**
 * One hop of X-Forwarded-For as proxies write it: `1.2.3.4`, `1.2.3.4:51234`, `2001:db8::1`, `[2001:db8::1]:443`
 * (Application Gateway and App Service append the port; Container Apps does not).
 */
export function parseHop(hop: string): Address | undefined {
  const t = hop.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(t);
  if (bracketed) return parseAddress(bracketed[1]);
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(t);
  if (v4WithPort) return parseAddress(v4WithPort[1]);
  return parseAddress(t);
}

/** A listener that only this machine can reach: 127.0.0.0/8, ::1 or `localhost`. */
export function isLoopbackHost(host: string): boolean {
  if (host.trim().toLowerCase() === 'localhost') return true;
  const address = parseAddress(host);
  return address?.range() === 'loopback';
}
