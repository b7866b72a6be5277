import type { Json } from '../world.js';
import { ArmHttpError } from './http.js';

const TARGET = 'apiServerAccessProfile.authorizedIPRanges';
const MAX_RANGES = 200;

function invalid(message: string): ArmHttpError {
  return new ArmHttpError(400, 'InvalidParameter', message, TARGET);
}

function parseIpv4(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

/**
 * AKS's checks on apiServerAccessProfile.authorizedIPRanges, applied to the cluster as it would be after the PUT.
 * Returns the ranges normalised as AKS stores them (a bare address becomes /32).
 */
export function validateAuthorizedRanges(properties: Json): string[] | undefined {
  const profile = properties.apiServerAccessProfile;
  const ranges: unknown = profile?.authorizedIPRanges;
  if (ranges === undefined || ranges === null) return undefined;
  if (!Array.isArray(ranges)) throw invalid('The value of apiServerAccessProfile.authorizedIPRanges must be an array of strings.');
  if (ranges.length === 0) return [];
  if (profile.enablePrivateCluster === true) {
    throw invalid('API server authorized IP ranges are not supported for private clusters. Refer to https://aka.ms/aks/auth-ip-ranges for more details');
  }
  const sku = String(properties.networkProfile?.loadBalancerSku ?? 'standard').toLowerCase();
  if (sku !== 'standard') {
    throw invalid(
      "API server authorized IP ranges require the 'Standard' load balancer SKU; the cluster uses 'basic'. Refer to https://aka.ms/aks/auth-ip-ranges for more details",
    );
  }
  if (ranges.length > MAX_RANGES) {
    throw invalid(`The number of APIServer Authorized IP Ranges is greater than the allowed value ${MAX_RANGES}.`);
  }
  const normalised = ranges.map((raw: unknown) => {
    const r = String(raw).trim();
    if (r.includes(':')) {
      throw invalid(`Authorized IP range '${r}' is an IPv6 range. Only IPv4 addresses and CIDRs are supported for API server authorized IP ranges.`);
    }
    const [addr, lenText, extra] = r.split('/');
    const ip = parseIpv4(addr);
    const len = lenText === undefined ? 32 : /^\d{1,2}$/.test(lenText) ? Number(lenText) : NaN;
    if (ip === undefined || extra !== undefined || !(len >= 0 && len <= 32)) {
      throw invalid(`Authorized IP range '${r}' is not a valid IPv4 address or CIDR.`);
    }
    const size = 2 ** (32 - len);
    if (ip % size !== 0) {
      const start = ip - (ip % size);
      const first = [24, 16, 8, 0].map((s) => Math.floor(start / 2 ** s) % 256).join('.');
      throw invalid(
        `Invalid CIDR '${r}': the range must start with its network address, e.g. '${first}/${len}'. Refer to https://aka.ms/aks/auth-ip-ranges for more details`,
      );
    }
    return `${addr}/${len}`;
  });
  if (normalised.includes('0.0.0.0/32') && normalised.length > 1) {
    throw invalid('Setting apiServerAuthorizedIPRange to 0.0.0.0/32 is not allowed with other IP ranges. Refer to https://aka.ms/aks/auth-ip-ranges for more details');
  }
  return normalised;
}
