import type { Json } from '../../world.js';
import { validateIpBlock } from './cidr.js';
import { fieldError, type Cause } from './fieldErrors.js';
import { validateLabelSelector } from './labels.js';
import { isValidPortName, isValidPortNum } from './names.js';

/** pkg/apis/networking/validation: ValidateNetworkPolicySpec, its ports and peers. */

function validatePort(port: Json, field: string): Cause[] {
  const causes: Cause[] = [];
  if (port.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(port.protocol)) causes.push(fieldError.notSupported(`${field}.protocol`, port.protocol, ['TCP', 'UDP', 'SCTP']));
  const hasEnd = port.endPort !== undefined && port.endPort !== null;
  if (port.port !== undefined && port.port !== null) {
    if (typeof port.port === 'number') {
      causes.push(...isValidPortNum(port.port).map((m) => fieldError.invalid(`${field}.port`, port.port, m)));
      if (hasEnd) {
        if (port.endPort < port.port) causes.push(fieldError.invalid(`${field}.endPort`, port.endPort, 'must be greater than or equal to `port`'));
        causes.push(...isValidPortNum(port.endPort).map((m) => fieldError.invalid(`${field}.endPort`, port.endPort, m)));
      }
    } else {
      if (hasEnd) causes.push(fieldError.invalid(`${field}.endPort`, port.endPort, 'may not be specified when `port` is non-numeric'));
      causes.push(...isValidPortName(String(port.port)).map((m) => fieldError.invalid(`${field}.port`, String(port.port), m)));
    }
  } else if (hasEnd) causes.push(fieldError.invalid(`${field}.endPort`, port.endPort, 'may not be specified when `port` is not specified'));
  return causes;
}

function validatePeer(peer: Json, field: string, minor: number): Cause[] {
  const causes: Cause[] = [];
  let n = 0;
  if (peer?.podSelector != null) {
    n++;
    causes.push(...validateLabelSelector(peer.podSelector, `${field}.podSelector`));
  }
  if (peer?.namespaceSelector != null) {
    n++;
    causes.push(...validateLabelSelector(peer.namespaceSelector, `${field}.namespaceSelector`));
  }
  if (peer?.ipBlock != null) {
    n++;
    causes.push(...validateIpBlock(peer.ipBlock, `${field}.ipBlock`, minor));
  }
  if (n === 0) causes.push(fieldError.required(field, 'must specify a peer'));
  else if (n > 1 && peer.ipBlock != null) causes.push(fieldError.forbidden(field, 'may not specify both ipBlock and another peer'));
  return causes;
}

export function validateNetworkPolicySpec(spec: Json | undefined, minor: number): Cause[] {
  if (!spec || typeof spec !== 'object') return [];
  const causes = validateLabelSelector(spec.podSelector, 'spec.podSelector');
  for (const [dir, peersKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
    (Array.isArray(spec[dir]) ? spec[dir] : []).forEach((rule: Json, i: number) => {
      const at = `spec.${dir}[${i}]`;
      (rule?.ports ?? []).forEach((p: Json, j: number) => causes.push(...validatePort(p ?? {}, `${at}.ports[${j}]`)));
      (rule?.[peersKey] ?? []).forEach((p: Json, j: number) => causes.push(...validatePeer(p ?? {}, `${at}.${peersKey}[${j}]`, minor)));
    });
  }
  const types: unknown[] = Array.isArray(spec.policyTypes) ? spec.policyTypes : [];
  if (types.length > 2) return [...causes, fieldError.invalid('spec.policyTypes', types, 'may not specify more than two policyTypes')];
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') causes.push(fieldError.notSupported(`spec.policyTypes[${i}]`, t, ['Ingress', 'Egress']));
  });
  return causes;
}
