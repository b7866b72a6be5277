import type { Json } from '../world.js';
import type { KubeState } from '../world.js';
import { JOB_NAME_LABEL, JOB_UID_LABEL } from './workloads.js';
import { RBAC_GROUP } from './resources.js';

/** Per-kind defaulting, as the API server's defaulters and create strategies do before validation. */

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
      spec.revisionHistoryLimit ??= 10;
      spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
      spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
      defaultPodSpec(spec.template?.spec);
      break;
    }
    case 'DaemonSet': {
      const spec = (obj.spec ??= {});
      spec.revisionHistoryLimit ??= 10;
      spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } };
      defaultPodSpec(spec.template?.spec);
      break;
    }
    case 'Job':
      defaultJobSpec((obj.spec ??= {}), obj.metadata, old);
      break;
    case 'CronJob': {
      const spec = (obj.spec ??= {});
      spec.concurrencyPolicy ??= 'Allow';
      spec.suspend ??= false;
      spec.successfulJobsHistoryLimit ??= 3;
      spec.failedJobsHistoryLimit ??= 1;
      const job = ((spec.jobTemplate ??= {}).spec ??= {});
      job.backoffLimit ??= 6;
      job.completionMode ??= 'NonIndexed';
      job.suspend ??= false;
      job.podReplacementPolicy ??= 'TerminatingOrFailed';
      defaultPodSpec(job.template?.spec, false);
      break;
    }
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      if (obj.roleRef && !obj.roleRef.apiGroup) obj.roleRef.apiGroup = RBAC_GROUP;
      for (const s of obj.subjects ?? []) if (s && !s.apiGroup && (s.kind === 'User' || s.kind === 'Group')) s.apiGroup = RBAC_GROUP;
      break;
    case 'Pod':
      defaultPodSpec(obj.spec);
      break;
    case 'Namespace':
      obj.spec ??= { finalizers: ['kubernetes'] };
      obj.status ??= { phase: 'Active' };
      obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name };
      break;
    case 'NetworkPolicy': {
      const spec = (obj.spec ??= {});
      spec.podSelector ??= {};
      dropEmptyLists(spec, ['ingress', 'egress', 'policyTypes']);
      for (const [rules, peers] of [[spec.ingress, 'from'], [spec.egress, 'to']] as const) for (const r of rules ?? []) if (r && typeof r === 'object') dropEmptyLists(r, [peers, 'ports']);
      // SetDefaults_NetworkPolicySpec: always Ingress, Egress only when there are egress rules
      spec.policyTypes ??= spec.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'];
      for (const rules of [spec.ingress ?? [], spec.egress ?? []]) for (const r of rules) for (const p of r?.ports ?? []) if (p && typeof p === 'object') p.protocol ??= 'TCP';
      break;
    }
    case 'Secret':
      obj.type ??= 'Opaque';
      break;
  }
}

/** Go's `omitempty`: an empty list is not stored (`egress: []` reads back as no egress at all). */
function dropEmptyLists(o: Json, keys: readonly string[]): void {
  for (const k of keys) if (Array.isArray(o[k]) && o[k].length === 0) delete o[k];
}

/** The Job controller's selector (unless `manualSelector`) and the labels it stamps on the template. */
function defaultJobSpec(spec: Json, meta: Json, old: Json | undefined): void {
  spec.parallelism ??= 1;
  spec.completions ??= 1;
  spec.backoffLimit ??= 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= 'TerminatingOrFailed';
  if (!spec.manualSelector) {
    const uid = old?.metadata?.uid ?? meta.uid;
    const stamp = { [JOB_UID_LABEL]: uid, [JOB_NAME_LABEL]: meta.name, 'controller-uid': uid, 'job-name': meta.name };
    spec.selector ??= { matchLabels: { [JOB_UID_LABEL]: uid } };
    const tmeta = ((spec.template ??= {}).metadata ??= {});
    tmeta.labels = { ...(tmeta.labels ?? {}), ...stamp };
  }
  defaultPodSpec(spec.template?.spec, false);
}

/** SetDefaults_PodSpec; Job templates keep an unset restartPolicy (validation asks for OnFailure or Never). */
function defaultPodSpec(spec: Json | undefined, restartPolicy = true): void {
  if (!spec) return;
  if (restartPolicy) spec.restartPolicy ??= 'Always';
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
