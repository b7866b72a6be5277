import ipaddr from 'ipaddr.js';

/**
 * Exposure by address space, not by labels: which PUBLIC addresses a list of allowed ranges lets in, how many, and
 * how a change moves that set. Pure; works on whole prefixes as bigint intervals (nothing is enumerated).
 */

export type Family = 'ipv4' | 'ipv6';
/** Inclusive [first, last] address numbers; a set is a sorted list of disjoint, non-adjacent intervals. */
type Interval = readonly [bigint, bigint];
type Intervals = readonly Interval[];
type AddressSet = Readonly<Record<Family, Intervals>>;

const BITS: Record<Family, number> = { ipv4: 32, ipv6: 128 };
const FAMILIES: readonly Family[] = ['ipv4', 'ipv6'];

/** RFC 5737 / RFC 3849 documentation ranges stand in for public addresses (the sandbox's "internet" uses them). */
const DOCUMENTATION = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32'];

function toBigInt(bytes: number[]): bigint {
  return bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
}

function familyOf(addr: ipaddr.IPv4 | ipaddr.IPv6): Family {
  return addr.kind();
}

/** A CIDR (or a bare address) as an interval of its family; the host bits are ignored, as a prefix match does. */
function intervalOf(cidr: string): { family: Family; interval: Interval } | undefined {
  const text = cidr.trim();
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  let prefix: number;
  try {
    if (text.includes('/')) [addr, prefix] = ipaddr.parseCIDR(text);
    else {
      addr = ipaddr.parse(text);
      prefix = BITS[familyOf(addr)];
    }
  } catch {
    return undefined;
  }
  const family = familyOf(addr);
  const hostBits = BigInt(BITS[family] - prefix);
  const first = (toBigInt(addr.toByteArray()) >> hostBits) << hostBits;
  return { family, interval: [first, first + (1n << hostBits) - 1n] };
}

function normalise(list: Interval[]): Interval[] {
  const sorted = [...list].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: Array<[bigint, bigint]> = [];
  for (const [s, e] of sorted) {
    const last = out.at(-1);
    if (last && s <= last[1] + 1n) last[1] = e > last[1] ? e : last[1];
    else out.push([s, e]);
  }
  return out;
}

function subtract(a: Intervals, b: Intervals): Interval[] {
  const out: Interval[] = [];
  for (const [s0, e] of a) {
    let s = s0;
    for (const [bs, be] of b) {
      if (be < s || bs > e) continue;
      if (bs > s) out.push([s, bs - 1n]);
      s = be + 1n;
      if (s > e) break;
    }
    if (s <= e) out.push([s, e]);
  }
  return out;
}

function intersect(a: Intervals, b: Intervals): Interval[] {
  const out: Interval[] = [];
  for (const [s, e] of a)
    for (const [bs, be] of b) {
      const lo = s > bs ? s : bs;
      const hi = e < be ? e : be;
      if (lo <= hi) out.push([lo, hi]);
    }
  return normalise(out);
}

function countOf(list: Intervals): bigint {
  return list.reduce((n, [s, e]) => n + (e - s + 1n), 0n);
}

function setOf(cidrs: readonly string[]): AddressSet {
  const by: Record<Family, Interval[]> = { ipv4: [], ipv6: [] };
  for (const c of cidrs) {
    const i = intervalOf(c);
    if (i) by[i.family].push(i.interval);
  }
  return { ipv4: normalise(by.ipv4), ipv6: normalise(by.ipv6) };
}

/** ipaddr.js classifies addresses with these prefix lists (what `range()` reads); every class but 'unicast' is not public. */
type SpecialRanges = Record<string, [ipaddr.IPv4 | ipaddr.IPv6, number] | Array<[ipaddr.IPv4 | ipaddr.IPv6, number]>>;
function specialPrefixes(proto: object): string[] {
  const ranges = (proto as { SpecialRanges: SpecialRanges }).SpecialRanges;
  return Object.values(ranges).flatMap((r) => (Array.isArray(r[0]) ? (r as Array<[ipaddr.IPv4 | ipaddr.IPv6, number]>) : [r as [ipaddr.IPv4 | ipaddr.IPv6, number]])).map(([a, bits]) => `${a.toString()}/${bits}`);
}

const SPECIAL = setOf([...specialPrefixes(ipaddr.IPv4.prototype), ...specialPrefixes(ipaddr.IPv6.prototype)]);
const DOCS = setOf(DOCUMENTATION);
const ALL: AddressSet = { ipv4: [[0n, (1n << 32n) - 1n]], ipv6: [[0n, (1n << 128n) - 1n]] };
/** Every public address: all of each family minus ipaddr.js's special blocks, documentation ranges kept. */
const PUBLIC: AddressSet = {
  ipv4: normalise([...subtract(ALL.ipv4, SPECIAL.ipv4), ...DOCS.ipv4]),
  ipv6: normalise([...subtract(ALL.ipv6, SPECIAL.ipv6), ...DOCS.ipv6]),
};
export const PUBLIC_IPV4_COUNT = countOf(PUBLIC.ipv4);

/** One address: could it be the source of a connection from the internet? */
export function isPublicAddress(ip: string): boolean {
  const i = intervalOf(ip);
  return Boolean(i && intersect([i.interval], PUBLIC[i.family]).length);
}

/** Does this range contain no public address at all (private, loopback, link-local, CGNAT, 0.0.0.0/32…)? */
export function letsNobodyIn(cidr: string): boolean {
  const i = intervalOf(cidr);
  return Boolean(i && intersect([i.interval], PUBLIC[i.family]).length === 0);
}

export interface ReachOptions {
  /** The address families the endpoint is reached over (AKS API servers and load-balancer frontends: IPv4). */
  families: readonly Family[];
  /** An empty list lets everyone in (authorized ranges, loadBalancerSourceRanges) rather than nobody. */
  emptyMeansAll: boolean;
  /** Count every address, not only public ones (an internal load balancer's clients come from private space). */
  anyAddress?: boolean;
}

/** What a list of allowed ranges lets in from the internet. */
export interface Reach {
  ranges: readonly string[];
  families: readonly Family[];
  /** The addresses let in (public ones, or all with `anyAddress`). */
  public: AddressSet;
  count: bigint;
  wholeInternet: boolean;
  nobody: boolean;
  /** "the whole internet", "16.8 million public addresses", "no public address". */
  text: string;
}

function restrict(set: AddressSet, families: readonly Family[]): AddressSet {
  return { ipv4: families.includes('ipv4') ? set.ipv4 : [], ipv6: families.includes('ipv6') ? set.ipv6 : [] };
}

/** AKS API server authorized ranges and load-balancer source ranges: IPv4 frontends, an empty list lets everyone in. */
export const IPV4_ENDPOINT: ReachOptions = { families: ['ipv4'], emptyMeansAll: true };

export function reachOf(ranges: readonly string[], opts: ReachOptions): Reach {
  const allowed = ranges.length === 0 && opts.emptyMeansAll ? ALL : setOf(ranges);
  const space = opts.anyAddress ? ALL : PUBLIC;
  const pub = restrict({ ipv4: intersect(allowed.ipv4, space.ipv4), ipv6: intersect(allowed.ipv6, space.ipv6) }, opts.families);
  const count = FAMILIES.reduce((n, f) => n + countOf(pub[f]), 0n);
  const wholeInternet = opts.families.every((f) => countOf(pub[f]) === countOf(space[f]));
  return { ranges, families: opts.families, public: pub, count, wholeInternet, nobody: count === 0n, text: wholeInternet ? 'the whole internet' : addresses(count) };
}

/** How a change moves the set of public addresses let in. */
export interface ReachChange {
  /** Any address that gets in afterwards and not before makes it `widens`, whatever else is cut off. */
  direction: 'widens' | 'narrows' | 'same';
  gained: bigint;
  lost: bigint;
  gainedText: string;
  lostText: string;
  /** Afterwards the whole internet gets in, and before it did not. */
  opensWholeInternet: boolean;
  /** Entries of the old list with public addresses the new list no longer lets in: whoever uses them is locked out. */
  dropped: string[];
}

export function compareReach(before: Reach, after: Reach): ReachChange {
  const diff = (a: AddressSet, b: AddressSet) => ({ ipv4: subtract(a.ipv4, b.ipv4), ipv6: subtract(a.ipv6, b.ipv6) });
  const gainedSet = diff(after.public, before.public);
  const lostSet = diff(before.public, after.public);
  const gained = FAMILIES.reduce((n, f) => n + countOf(gainedSet[f]), 0n);
  const lost = FAMILIES.reduce((n, f) => n + countOf(lostSet[f]), 0n);
  const opensWholeInternet = after.wholeInternet && !before.wholeInternet;
  const dropped = before.ranges.filter((r) => {
    const i = intervalOf(r);
    return Boolean(i && intersect([i.interval], lostSet[i.family]).length);
  });
  return {
    direction: gained > 0n ? 'widens' : lost > 0n ? 'narrows' : 'same',
    gained,
    lost,
    gainedText: opensWholeInternet ? 'the whole internet' : addresses(gained),
    lostText: addresses(lost),
    opensWholeInternet,
    dropped,
  };
}

/** 1 → "1", 65536 → "65,536", 16777216 → "16.8 million", 2^96 → "2^96". */
export function formatCount(n: bigint): string {
  if (n < 1_000_000n) return n.toLocaleString('en-US');
  if (n < 1_000_000_000_000n) {
    const [div, unit] = n < 1_000_000_000n ? [1e6, 'million'] : [1e9, 'billion'];
    return `${(Number(n) / div).toFixed(1).replace(/\.0$/, '')} ${unit}`;
  }
  const exp = n.toString(2).length - 1;
  return 1n << BigInt(exp) === n ? `2^${exp}` : `about 2^${exp}`;
}

function addresses(n: bigint): string {
  if (n === 0n) return 'no public address';
  return `${formatCount(n)} public address${n === 1n ? '' : 'es'}`;
}
