import ipaddr from 'ipaddr.js';

/** Pure: address ranges cut into the pieces on which every policy CIDR either covers or misses the whole piece. */

interface Prefix {
  v6: boolean;
  net: bigint;
  bits: number;
}

const width = (p: { v6: boolean }) => (p.v6 ? 128 : 32);

function toBig(bytes: number[]): bigint {
  return bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
}

/** "10.0.0.0/8", "2001:db8::/64" or a bare address; undefined when it is neither. */
export function parsePrefix(text: string): Prefix | undefined {
  try {
    const [addr, bits] = text.includes('/') ? ipaddr.parseCIDR(text) : [ipaddr.parse(text), undefined];
    const v6 = addr.kind() === 'ipv6';
    const b = bits ?? (v6 ? 128 : 32);
    const w = v6 ? 128 : 32;
    const mask = b === 0 ? 0n : ((1n << BigInt(b)) - 1n) << BigInt(w - b);
    return { v6, net: toBig(addr.toByteArray()) & mask, bits: b };
  } catch {
    return undefined;
  }
}

export function cidrOf(p: Prefix): string {
  const w = width(p);
  const bytes: number[] = [];
  for (let i = w / 8 - 1; i >= 0; i--) bytes.push(Number((p.net >> BigInt(i * 8)) & 0xffn));
  return `${ipaddr.fromByteArray(bytes).toString()}/${p.bits}`;
}

/** The first address of a piece: inside every policy CIDR that covers the piece. */
export function firstAddress(cidr: string): string {
  return cidr.split('/')[0];
}

function contains(outer: Prefix, inner: Prefix): boolean {
  if (outer.v6 !== inner.v6 || outer.bits > inner.bits) return false;
  const shift = BigInt(width(outer) - outer.bits);
  return outer.bits === 0 || outer.net >> shift === inner.net >> shift;
}

function halves(p: Prefix): [Prefix, Prefix] {
  const bit = 1n << BigInt(width(p) - p.bits - 1);
  return [
    { ...p, bits: p.bits + 1 },
    { ...p, net: p.net | bit, bits: p.bits + 1 },
  ];
}

/** Splits `range` only where a boundary CIDR lies strictly inside it: each piece is then uniform for every boundary. */
export function piecesOf(range: string, boundaries: string[]): string[] {
  const root = parsePrefix(range);
  if (!root) return [];
  const bs = boundaries.map(parsePrefix).filter((b): b is Prefix => b !== undefined && b.v6 === root.v6);
  const out: Prefix[] = [];
  const walk = (p: Prefix) => {
    if (!bs.some((b) => b.bits > p.bits && contains(p, b))) out.push(p);
    else for (const h of halves(p)) walk(h);
  };
  walk(root);
  return out.map(cidrOf);
}

/** Adjacent sibling pieces with the same key become their parent prefix again (for short answers). */
export function mergePieces<T>(pieces: Array<{ cidr: string; key: T }>): Array<{ cidr: string; key: T }> {
  let list = pieces.map((x) => ({ p: parsePrefix(x.cidr)!, key: x.key })).sort((a, b) => (a.p.net < b.p.net ? -1 : a.p.net > b.p.net ? 1 : 0));
  for (let changed = true; changed; ) {
    changed = false;
    const next: typeof list = [];
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      const b = list[i + 1];
      if (b && a.p.bits === b.p.bits && a.p.bits > 0 && a.key === b.key) {
        const [left, right] = halves({ ...a.p, bits: a.p.bits - 1, net: a.p.net & ~(1n << BigInt(width(a.p) - a.p.bits)) });
        if (left.net === a.p.net && right.net === b.p.net) {
          next.push({ p: { ...a.p, bits: a.p.bits - 1 }, key: a.key });
          i++;
          changed = true;
          continue;
        }
      }
      next.push(a);
    }
    list = next;
  }
  return list.map((x) => ({ cidr: cidrOf(x.p), key: x.key }));
}

/** Private, shared, loopback, link-local, multicast and reserved space: not "the internet". */
export const NOT_INTERNET = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '224.0.0.0/3', 'fc00::/7', 'fe80::/10', '::/8', 'ff00::/8'];

export function isInternet(cidr: string): boolean {
  const p = parsePrefix(cidr);
  return p !== undefined && !NOT_INTERNET.some((r) => contains(parsePrefix(r)!, p));
}

export function overlaps(a: string, b: string): boolean {
  const x = parsePrefix(a);
  const y = parsePrefix(b);
  return x !== undefined && y !== undefined && (contains(x, y) || contains(y, x));
}

export function isSingleAddress(cidr: string): boolean {
  const p = parsePrefix(cidr);
  return p !== undefined && p.bits === width(p);
}
