import type { Risk } from '../../approvals/types.js';
import { compareReach, formatCount, IPV4_ENDPOINT, letsNobodyIn, PUBLIC_IPV4_COUNT, type Reach, reachOf, type ReachChange } from '../../exposure/addressSpace.js';
import { allows } from './ranges.js';

/** Who can reach an API server through its authorized ranges: IPv4 only (AKS), an empty list lets everyone in. */
export function apiServerReach(ranges: readonly string[]): Reach {
  return reachOf(ranges, IPV4_ENDPOINT);
}

/** Entries that let no public address in (private, reserved, `0.0.0.0/32`): the public endpoint never sees them. */
export function noPublicAddress(range: string): boolean {
  return letsNobodyIn(range);
}

export interface RangesExposure {
  change: ReachChange;
  risk: Risk;
  warnings: string[];
  /** Why a second person must approve, if one must. */
  fourEyes?: string;
  /** Palisade's own egress IPs that lose access (the lockout guard). */
  lostPalisade: string[];
}

function verb(list: string[]): string {
  return list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list.at(-1)} lose` : `${list[0]} loses`;
}

/**
 * What moving an API server from `current` to `next` does to who can reach it, judged by the public addresses each
 * list lets in: any growth widens (four-eyes), dropped entries are a lockout risk, and with Palisade's egress IPs
 * unknown every narrowing may lock Palisade out (four-eyes).
 */
export function assessRangesChange(input: { cluster: string; current: string[]; next: string[]; egressIps: readonly string[]; implicitDrop: boolean }): RangesExposure {
  const { cluster, current, next, egressIps } = input;
  const before = apiServerReach(current);
  const after = apiServerReach(next);
  const change = compareReach(before, after);
  const warnings: string[] = [];
  const reasons: string[] = [];
  if (change.opensWholeInternet) {
    warnings.push(`Opens the API server of ${cluster} to the whole internet: every public IPv4 address (${formatCount(PUBLIC_IPV4_COUNT)}) can try to connect.`);
    reasons.push('opens the API server to the whole internet');
  } else if (change.direction === 'widens') {
    warnings.push(`Widens access: lets ${formatCount(change.gained)} more public address${change.gained === 1n ? '' : 'es'} reach the API server of ${cluster} (${after.text} in all).`);
    reasons.push('widens exposure');
  }
  if (change.dropped.length) {
    warnings.push(`Lockout risk: ${verb(change.dropped)} access to the API server of ${cluster}: whoever connects from ${change.dropped.length > 1 ? 'them' : 'it'} is cut off.`);
    if (input.implicitDrop) reasons.push('drops ranges others may use');
  }
  const lostPalisade = egressIps.filter((ip) => !allows(next, ip));
  if (lostPalisade.length) reasons.push('Palisade loses access');
  if (egressIps.length === 0 && change.lost > 0n) {
    warnings.push(
      `Palisade's own public IPs are unknown (PALISADE_EGRESS_IPS is not set), so I can't tell whether this locks Palisade out of ${cluster}; if it does, Palisade reaches its Kubernetes API only through AKS Run Command (slower, and only with runCommand/action in its Azure role).`,
    );
    reasons.push('may lock Palisade out');
  }
  const risk: Risk = change.direction === 'widens' ? 'widens' : change.direction === 'narrows' ? 'narrows' : 'neutral';
  return { change, risk, warnings, fourEyes: reasons.length ? reasons.join('; ') : undefined, lostPalisade };
}
