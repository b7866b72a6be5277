import ipaddr from 'ipaddr.js';
import { quoted } from '../text/markdown.js';
import type { Understanding } from './types.js';

/** An IPv4 or IPv6 address, with or without a prefix length that fits it ("300.1.2.3" and "10.0.0.0/40" are not). */
export function isAddress(text: string): boolean {
  const [ip, bits, ...extra] = text.split('/');
  if (extra.length) return false;
  const fits = (max: number) => bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max);
  if (ipaddr.IPv4.isValidFourPartDecimal(ip)) return fits(32);
  return ipaddr.IPv6.isValid(ip) && fits(128);
}

/**
 * A value the grammar took as an address that no address parser accepts: the answer is that error, never a reading
 * that "understood" the command (nothing could be planned from it, so nothing is offered to run).
 */
export function invalidAddressReply(ranges: string[], usage: string): Understanding | undefined {
  const bad = ranges.find((r) => /\d/.test(r) && !isAddress(r));
  if (bad === undefined) return undefined;
  const [ip, bits] = bad.split('/');
  const what = isAddress(ip) && bits !== undefined ? `has an invalid prefix length /${bits}` : 'is not an IPv4 address or CIDR range';
  return { kind: 'lost', reply: `${quoted(bad)} ${what}: use an address like 203.0.113.7 or a range like 203.0.113.0/24.\nUsage: ${usage}`, suggestions: [], score: 0 };
}
