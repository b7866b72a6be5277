import ipaddr from 'ipaddr.js';
import { UserError } from '../../errors.js';
import { quoted } from '../../text/markdown.js';

/** AKS limits (documented, and enforced by ARM with 400 InvalidParameter): checked at plan time so a PUT never fails on them. */
export const MAX_RANGES = 200;
export const OUTBOUND_ONLY = '0.0.0.0/32';

/** One user-typed entry → canonical IPv4 CIDR, or a UserError that says exactly what is wrong and what to type. */
export function canonicalRange(input: string): string {
  const text = input.trim().replace(/^["'`]|["'`]$/g, '');
  const [ip, bits, ...extra] = text.split('/');
  if (extra.length) throw new UserError(`${quoted(text)} is not a CIDR range.`, 'Use an IPv4 address like 203.0.113.7 or a range like 203.0.113.0/24.');
  if (ipaddr.IPv6.isValid(ip) && !ipaddr.IPv4.isValidFourPartDecimal(ip))
    throw new UserError(`${quoted(text)} is an IPv6 address; AKS authorized IP ranges accept IPv4 only.`, 'Use the IPv4 address or range you connect from.');
  if (!ipaddr.IPv4.isValidFourPartDecimal(ip))
    throw new UserError(`${quoted(text)} is not an IPv4 address or CIDR range.`, 'Use an address like 203.0.113.7 or a range like 203.0.113.0/24.');
  if (bits === undefined) return `${ipaddr.IPv4.parse(ip).toString()}/32`;
  if (!/^\d{1,2}$/.test(bits) || Number(bits) > 32)
    throw new UserError(`${quoted(text)} has an invalid prefix length /${bits}: IPv4 prefixes go from /0 to /32.`, `For one address use ${ip}/32.`);
  const prefix = Number(bits);
  const network = ipaddr.IPv4.networkAddressFromCIDR(`${ip}/${prefix}`).toString();
  if (network !== ipaddr.IPv4.parse(ip).toString())
    throw new UserError(`${text} is not a network address: the range must start at its first address.`, `Did you mean ${network}/${prefix}?`);
  return `${network}/${prefix}`;
}

export function canonicalRanges(inputs: string[]): string[] {
  return [...new Set(inputs.map(canonicalRange))];
}

/** The whole-list rules AKS enforces. */
export function checkRangeList(ranges: string[], cluster: { isPrivate: boolean; loadBalancerSku?: string; name: string }): void {
  if (cluster.isPrivate)
    throw new UserError(
      `${cluster.name} is a private cluster: its API server has no public endpoint, so authorized IP ranges do not apply.`,
      'Reach it from its VNet (or a peered network, VPN, or `az aks command invoke`).',
    );
  if (ranges.length && cluster.loadBalancerSku && cluster.loadBalancerSku.toLowerCase() !== 'standard')
    throw new UserError(`${cluster.name} uses a ${cluster.loadBalancerSku} load balancer; authorized IP ranges need the Standard SKU.`, 'Only clusters with a Standard load balancer support this.');
  if (ranges.length > MAX_RANGES)
    throw new UserError(`That makes ${ranges.length} ranges; AKS allows at most ${MAX_RANGES}.`, 'Merge addresses into wider CIDR ranges, or remove some first.');
  if (ranges.includes(OUTBOUND_ONLY) && ranges.length > 1)
    throw new UserError(`${OUTBOUND_ONLY} ("only the cluster's own outbound IP") must be the only range.`, `Use \`set ip ranges ${OUTBOUND_ONLY}\` on its own, or leave it out.`);
}

export function contains(range: string, ip: string): boolean {
  try {
    const [net, bits] = ipaddr.parseCIDR(range);
    const addr = ipaddr.parse(ip);
    return addr.kind() === net.kind() && addr.match(net, bits);
  } catch {
    return false;
  }
}

/** Does a list of authorized ranges let this source in? Empty = open to all. */
export function allows(ranges: string[], ip: string): boolean {
  return ranges.length === 0 || ranges.some((r) => r !== OUTBOUND_ONLY && contains(r, ip));
}
