import ipaddr from 'ipaddr.js';
import { fieldError, type Cause } from './fieldErrors.js';

/** CIDR fields (NetworkPolicy ipBlock, loadBalancerSourceRanges): IPv4 and IPv6, messages as the cluster's version writes them. */

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Go's ParseCIDRSloppy: `addr/bits`, IPv4 dotted decimal (leading zeros tolerated) or IPv6. */
export function parseCidr(value: unknown): { addr: ipaddr.IPv4 | ipaddr.IPv6; bits: number } | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^([^/]+)\/(\d{1,3})$/.exec(value);
  if (!m) return undefined;
  const bits = Number(m[2]);
  const v4 = IPV4.exec(m[1]);
  try {
    if (v4) {
      if (v4.slice(1).some((o) => Number(o) > 255) || bits > 32) return undefined;
      return { addr: ipaddr.IPv4.parse(v4.slice(1).map(Number).join('.')), bits };
    }
    if (!m[1].includes(':') || bits > 128) return undefined;
    return { addr: ipaddr.IPv6.parse(m[1]), bits };
  } catch {
    return undefined;
  }
}

export function isCidr(value: unknown): boolean {
  return parseCidr(value) !== undefined;
}

/** Kubernetes 1.33 reworded invalid CIDRs (IsValidCIDRForLegacyField); older servers say "not a valid CIDR". */
function invalidCidrMessage(minor: number): string {
  return minor >= 33 ? 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)' : 'not a valid CIDR';
}

/** ValidateIPBlock: cidr required and valid; each except valid and a strict subset of cidr. */
export function validateIpBlock(block: { cidr?: unknown; except?: unknown }, field: string, minor: number): Cause[] {
  if (block.cidr === undefined || block.cidr === '') return [fieldError.required(`${field}.cidr`)];
  const cidr = parseCidr(block.cidr);
  if (!cidr) return [fieldError.invalid(`${field}.cidr`, block.cidr, invalidCidrMessage(minor))];
  const causes: Cause[] = [];
  const except: unknown[] = Array.isArray(block.except) ? block.except : [];
  for (const [i, e] of except.entries()) {
    const at = `${field}.except[${i}]`;
    const ex = parseCidr(e);
    if (!ex) {
      causes.push(fieldError.invalid(at, e, invalidCidrMessage(minor)));
      if (minor < 33) return causes;
      continue;
    }
    const inside = ex.addr.kind() === cidr.addr.kind() && (ex.addr as ipaddr.IPv4).match(cidr.addr as ipaddr.IPv4, cidr.bits);
    if (!inside || cidr.bits >= ex.bits) causes.push(fieldError.invalid(at, e, 'must be a strict subset of `cidr`'));
  }
  return causes;
}
