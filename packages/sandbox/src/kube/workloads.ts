import type { Json } from '../world.js';
import { NODE_NAMES } from './nodes.js';
import { clone } from './patch.js';
import { runPod, suffix } from './pods.js';

/**
 * The controllers the sandbox runs instantly: the Deployment (through its ReplicaSet's name), StatefulSet, DaemonSet and
 * Job controllers keep running pods that match their workload, and report readiness. CronJobs start no Job until their
 * schedule fires, which the sandbox never waits for.
 */

/** Kinds whose status the server computes and whose pods it keeps. */
export const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

export const JOB_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';

function templateHash(owner: Json): string {
  return suffix(JSON.stringify(owner.spec?.template ?? {}), 10);
}

function ownerRef(apiVersion: string, kind: string, name: string, uid: string): Json {
  return { apiVersion, kind, name, uid, controller: true, blockOwnerDeletion: true };
}

function pod(owner: Json, name: string, labels: Json, ref: Json, index: number, createdAt: string, nodeName?: string): Json {
  const template = clone(owner.spec.template ?? {});
  const spec = template.spec ?? {};
  if (nodeName) spec.nodeName = nodeName;
  const status = runPod(name, spec, index, createdAt);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: owner.metadata.namespace, labels, ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}), ownerReferences: [ref] },
    spec,
    status,
  };
}

/** Desired pods of a workload (names are stable for one pod template). */
export function desiredPods(owner: Json, createdAt: string): Json[] {
  const labels = { ...(owner.spec?.template?.metadata?.labels ?? {}) };
  const { name, uid } = owner.metadata;
  const h = templateHash(owner);
  switch (owner.kind) {
    case 'Deployment': {
      // the ReplicaSet itself is not modelled: its name is right, the Deployment's uid stands in for its uid
      const rs = `${name}-${h}`;
      return Array.from({ length: Number(owner.spec?.replicas ?? 1) }, (_, i) =>
        pod(owner, `${rs}-${suffix(`${uid}/${h}/${i}`, 5)}`, { ...labels, 'pod-template-hash': h }, ownerRef('apps/v1', 'ReplicaSet', rs, uid), i, createdAt),
      );
    }
    case 'StatefulSet':
      return Array.from({ length: Number(owner.spec?.replicas ?? 1) }, (_, i) =>
        pod(owner, `${name}-${i}`, { ...labels, 'apps.kubernetes.io/pod-index': String(i), 'statefulset.kubernetes.io/pod-name': `${name}-${i}` }, ownerRef('apps/v1', 'StatefulSet', name, uid), i, createdAt),
      );
    case 'DaemonSet':
      return NODE_NAMES.map((node, i) =>
        pod(owner, `${name}-${suffix(`${uid}/${h}/${node}`, 5)}`, { ...labels, 'controller-revision-hash': h, 'pod-template-generation': String(owner.metadata.generation ?? 1) }, ownerRef('apps/v1', 'DaemonSet', name, uid), i, createdAt, node),
      );
    case 'Job': {
      if (owner.spec?.suspend) return [];
      const running = Math.min(Number(owner.spec?.parallelism ?? 1), Number(owner.spec?.completions ?? owner.spec?.parallelism ?? 1));
      return Array.from({ length: running }, (_, i) => pod(owner, `${name}-${suffix(`${uid}/${i}`, 5)}`, labels, ownerRef('batch/v1', 'Job', name, uid), i, createdAt));
    }
    default:
      return [];
  }
}

/** What the workload's controller reports once its pods run. */
export function workloadStatus(owner: Json, createdAt: string = owner.metadata.creationTimestamp): Json {
  const observedGeneration = owner.metadata.generation ?? 1;
  const replicas = Number(owner.spec?.replicas ?? 1);
  switch (owner.kind) {
    case 'StatefulSet': {
      const revision = `${owner.metadata.name}-${templateHash(owner)}`;
      return { observedGeneration, replicas, readyReplicas: replicas, availableReplicas: replicas, updatedReplicas: replicas, currentReplicas: replicas, currentRevision: revision, updateRevision: revision, collisionCount: 0 };
    }
    case 'DaemonSet': {
      const n = NODE_NAMES.length;
      return { observedGeneration, currentNumberScheduled: n, desiredNumberScheduled: n, numberAvailable: n, numberMisscheduled: 0, numberReady: n, updatedNumberScheduled: n };
    }
    case 'Job': {
      const active = desiredPods(owner, createdAt).length;
      return active ? { active, ready: active, terminating: 0, startTime: createdAt, uncountedTerminatedPods: {} } : {};
    }
    case 'CronJob':
      return {};
    default:
      return {
        observedGeneration,
        replicas,
        readyReplicas: replicas,
        availableReplicas: replicas,
        updatedReplicas: replicas,
        conditions: [
          { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
          { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${owner.metadata.name}" has successfully progressed.` },
        ],
      };
  }
}
