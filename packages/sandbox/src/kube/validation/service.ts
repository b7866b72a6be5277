import type { Json } from '../../world.js';
import { isCidr } from './cidr.js';
import { fieldError, type Cause } from './fieldErrors.js';
import { validateLabels } from './labels.js';
import { isValidPortName, isValidPortNum } from './names.js';

/** The parts of pkg/apis/core/validation ValidateService that clients meet. */
export function validateServiceSpec(spec: Json | undefined): Cause[] {
  const causes: Cause[] = [];
  const type = spec?.type ?? 'ClusterIP';
  if (!['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(type)) causes.push(fieldError.notSupported('spec.type', type, ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']));
  const ports = spec?.ports;
  if (type !== 'ExternalName' && spec?.clusterIP !== 'None' && (!Array.isArray(ports) || ports.length === 0)) causes.push(fieldError.required('spec.ports'));
  (Array.isArray(ports) ? ports : []).forEach((p: Json, i: number) => {
    const at = `spec.ports[${i}]`;
    if (ports.length > 1 && !p?.name) causes.push(fieldError.required(`${at}.name`));
    else if (p?.name) causes.push(...isValidPortName(String(p.name)).map((m) => fieldError.invalid(`${at}.name`, p.name, m)));
    causes.push(...isValidPortNum(p?.port).map((m) => fieldError.invalid(`${at}.port`, p?.port ?? null, m)));
    if (p?.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(p.protocol)) causes.push(fieldError.notSupported(`${at}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
  });
  causes.push(...validateLabels(spec?.selector, 'spec.selector'));
  (spec?.loadBalancerSourceRanges ?? []).forEach((r: unknown, i: number) => {
    if (!isCidr(String(r).trim())) causes.push(fieldError.invalid(`spec.loadBalancerSourceRanges[${i}]`, r, 'must be a list of IP ranges. For example, 10.240.0.0/24,10.250.0.0/24 '));
  });
  if (spec?.loadBalancerSourceRanges?.length && type !== 'LoadBalancer') causes.push(fieldError.forbidden('spec.loadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
  return causes;
}
