import type { Json } from '../world.js';
import type { KubeState } from '../world.js';
import { isObj } from './patch.js';

/** Per-kind defaulting and validation: the subset of the API server's that clients notice. */

export interface Cause {
  field: string;
  message: string;
  reason?: string;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

export function isCidr(v: unknown): boolean {
  const m = typeof v === 'string' ? CIDR.exec(v) : null;
  return !!m && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
}

function nameCauses(kind: string, name: unknown): Cause[] {
  if (typeof name !== 'string' || name === '') return [{ field: 'metadata.name', message: 'Required value: name or generateName is required', reason: 'FieldValueRequired' }];
  const labelKinds = ['Namespace', 'Service'];
  const re = labelKinds.includes(kind) ? DNS1123_LABEL : DNS1123_SUBDOMAIN;
  if (!re.test(name) || name.length > (labelKinds.includes(kind) ? 63 : 253))
    return [
      {
        field: 'metadata.name',
        message: `Invalid value: "${name}": a lowercase RFC 1123 ${labelKinds.includes(kind) ? 'label' : 'subdomain'} must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
      },
    ];
  return [];
}

function labelsMatch(selector: Json | undefined, labels: Json | undefined): boolean {
  return Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
}

function validatePodSpec(spec: Json | undefined, prefix: string): Cause[] {
  const causes: Cause[] = [];
  const containers = spec?.containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    causes.push({ field: `${prefix}.containers`, message: 'Required value', reason: 'FieldValueRequired' });
    return causes;
  }
  containers.forEach((c: Json, i: number) => {
    if (!c?.name) causes.push({ field: `${prefix}.containers[${i}].name`, message: 'Required value', reason: 'FieldValueRequired' });
    if (!c?.image) causes.push({ field: `${prefix}.containers[${i}].image`, message: 'Required value', reason: 'FieldValueRequired' });
  });
  return causes;
}

function validatePeers(peers: unknown, field: string): Cause[] {
  if (peers === undefined) return [];
  if (!Array.isArray(peers)) return [{ field, message: 'Invalid value: must be a list' }];
  const causes: Cause[] = [];
  peers.forEach((p: Json, i: number) => {
    const n = ['podSelector', 'namespaceSelector', 'ipBlock'].filter((k) => p?.[k] !== undefined).length;
    if (n === 0) causes.push({ field: `${field}[${i}]`, message: 'Required value: must specify a peer', reason: 'FieldValueRequired' });
    if (p?.ipBlock && n > 1) causes.push({ field: `${field}[${i}]`, message: 'Forbidden: may not specify both ipBlock and another peer', reason: 'FieldValueForbidden' });
    if (p?.ipBlock && !isCidr(p.ipBlock.cidr)) causes.push({ field: `${field}[${i}].ipBlock.cidr`, message: `Invalid value: "${p.ipBlock.cidr}": must be a valid CIDR` });
  });
  return causes;
}

export function validate(obj: Json): Cause[] {
  const causes = nameCauses(obj.kind, obj.metadata?.name);
  const spec = obj.spec;
  switch (obj.kind) {
    case 'Service': {
      const type = spec?.type ?? 'ClusterIP';
      if (!['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(type))
        causes.push({ field: 'spec.type', message: `Unsupported value: "${type}": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"`, reason: 'FieldValueNotSupported' });
      const ports = spec?.ports;
      if (type !== 'ExternalName' && spec?.clusterIP !== 'None' && (!Array.isArray(ports) || ports.length === 0))
        causes.push({ field: 'spec.ports', message: 'Required value', reason: 'FieldValueRequired' });
      (Array.isArray(ports) ? ports : []).forEach((p: Json, i: number) => {
        if (!Number.isInteger(p?.port) || p.port < 1 || p.port > 65535)
          causes.push({ field: `spec.ports[${i}].port`, message: `Invalid value: ${JSON.stringify(p?.port)}: must be between 1 and 65535, inclusive` });
        if (ports.length > 1 && !p?.name) causes.push({ field: `spec.ports[${i}].name`, message: 'Required value', reason: 'FieldValueRequired' });
      });
      (spec?.loadBalancerSourceRanges ?? []).forEach((r: unknown, i: number) => {
        if (!isCidr(r))
          causes.push({ field: `spec.loadBalancerSourceRanges[${i}]`, message: `Invalid value: "${String(r)}": must be a list of IP ranges. For example, 10.240.0.0/24,10.250.0.0/24 ` });
      });
      if (spec?.loadBalancerSourceRanges?.length && type !== 'LoadBalancer')
        causes.push({ field: 'spec.loadBalancerSourceRanges', message: 'Forbidden: may only be used when `type` is \'LoadBalancer\'', reason: 'FieldValueForbidden' });
      break;
    }
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet': {
      const sel = spec?.selector?.matchLabels;
      if (!isObj(spec?.selector) || (!sel && !spec.selector.matchExpressions))
        causes.push({ field: 'spec.selector', message: 'Required value', reason: 'FieldValueRequired' });
      else if (sel && !labelsMatch(sel, spec?.template?.metadata?.labels))
        causes.push({ field: 'spec.template.metadata.labels', message: `Invalid value: ${JSON.stringify(spec?.template?.metadata?.labels ?? {})}: \`selector\` does not match template \`labels\`` });
      causes.push(...validatePodSpec(spec?.template?.spec, 'spec.template.spec'));
      break;
    }
    case 'Pod':
      causes.push(...validatePodSpec(spec, 'spec'));
      break;
    case 'NetworkPolicy': {
      if (!isObj(spec)) break;
      (spec.policyTypes ?? []).forEach((t: unknown, i: number) => {
        if (t !== 'Ingress' && t !== 'Egress')
          causes.push({ field: `spec.policyTypes[${i}]`, message: `Unsupported value: "${String(t)}": supported values: "Egress", "Ingress"`, reason: 'FieldValueNotSupported' });
      });
      (spec.ingress ?? []).forEach((r: Json, i: number) => causes.push(...validatePeers(r?.from, `spec.ingress[${i}].from`)));
      (spec.egress ?? []).forEach((r: Json, i: number) => causes.push(...validatePeers(r?.to, `spec.egress[${i}].to`)));
      break;
    }
    case 'Ingress': {
      (spec?.rules ?? []).forEach((r: Json, i: number) =>
        (r?.http?.paths ?? []).forEach((p: Json, j: number) => {
          if (!p?.pathType)
            causes.push({ field: `spec.rules[${i}].http.paths[${j}].pathType`, message: 'Required value: pathType must be specified', reason: 'FieldValueRequired' });
        }),
      );
      break;
    }
  }
  return causes;
}

function allocatedClusterIps(kube: KubeState): Set<string> {
  const out = new Set<string>();
  for (const o of Object.values(kube.objects)) if (o.kind === 'Service' && o.spec?.clusterIP) out.add(o.spec.clusterIP);
  return out;
}

function allocatedNodePorts(kube: KubeState): Set<number> {
  const out = new Set<number>();
  for (const o of Object.values(kube.objects)) if (o.kind === 'Service') for (const p of o.spec?.ports ?? []) if (p.nodePort) out.add(p.nodePort);
  return out;
}

/** Fills in what the API server defaults; `old` carries over immutable allocations on update. */
export function applyDefaults(obj: Json, kube: KubeState, old: Json | undefined): void {
  switch (obj.kind) {
    case 'Service': {
      const spec = (obj.spec ??= {});
      spec.type ??= 'ClusterIP';
      spec.sessionAffinity ??= 'None';
      if (spec.type !== 'ExternalName') {
        spec.clusterIP ??= old?.spec?.clusterIP;
        if (!spec.clusterIP) {
          const used = allocatedClusterIps(kube);
          let n = 10;
          while (used.has(`10.0.${Math.floor(n / 250)}.${n % 250}`)) n++;
          spec.clusterIP = `10.0.${Math.floor(n / 250)}.${n % 250}`;
        }
        spec.clusterIPs ??= [spec.clusterIP];
        spec.ipFamilies ??= ['IPv4'];
        spec.ipFamilyPolicy ??= 'SingleStack';
        spec.internalTrafficPolicy ??= 'Cluster';
      }
      const wantsNodePorts = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
      if (wantsNodePorts) {
        spec.externalTrafficPolicy ??= 'Cluster';
        if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
      } else {
        delete spec.externalTrafficPolicy;
        delete spec.allocateLoadBalancerNodePorts;
      }
      const used = allocatedNodePorts(kube);
      for (const p of spec.ports ?? []) {
        p.protocol ??= 'TCP';
        p.targetPort ??= p.port;
        if (!wantsNodePorts) delete p.nodePort;
        else if (!p.nodePort) {
          const prev = (old?.spec?.ports ?? []).find((q: Json) => q.port === p.port && (q.protocol ?? 'TCP') === p.protocol)?.nodePort;
          if (prev) p.nodePort = prev;
          else {
            let np = 30000 + ((Number(p.port) * 7919) % 2700);
            while (used.has(np)) np++;
            used.add(np);
            p.nodePort = np;
          }
        }
      }
      obj.status ??= old?.status ?? { loadBalancer: {} };
      if (spec.type !== 'LoadBalancer' && obj.status) obj.status.loadBalancer = {};
      break;
    }
    case 'Deployment': {
      const spec = (obj.spec ??= {});
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
      defaultPodSpec(spec.template?.spec);
      break;
    }
    case 'StatefulSet': {
      const spec = (obj.spec ??= {});
      spec.replicas ??= 1;
      spec.podManagementPolicy ??= 'OrderedReady';
      defaultPodSpec(spec.template?.spec);
      break;
    }
    case 'Pod':
      defaultPodSpec(obj.spec);
      obj.status ??= old?.status ?? { phase: 'Pending' };
      break;
    case 'Namespace':
      obj.spec ??= { finalizers: ['kubernetes'] };
      obj.status ??= { phase: 'Active' };
      obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name };
      break;
    case 'NetworkPolicy': {
      const spec = (obj.spec ??= {});
      spec.podSelector ??= {};
      if (!spec.policyTypes) spec.policyTypes = spec.egress ? ['Ingress', 'Egress'] : ['Ingress'];
      for (const rules of [spec.ingress ?? [], spec.egress ?? []]) for (const r of rules) for (const p of r?.ports ?? []) p.protocol ??= 'TCP';
      break;
    }
    case 'Secret':
      obj.type ??= 'Opaque';
      break;
  }
}

function defaultPodSpec(spec: Json | undefined): void {
  if (!spec) return;
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  for (const c of spec.containers ?? []) {
    c.terminationMessagePath ??= '/dev/termination-log';
    c.terminationMessagePolicy ??= 'File';
    c.imagePullPolicy ??= String(c.image ?? '').endsWith(':latest') || !String(c.image ?? '').includes(':') ? 'Always' : 'IfNotPresent';
    for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  }
}
