import { createHash } from 'node:crypto';
import type { Json, KubeState } from '../world.js';
import { kubeKey } from '../world.js';
import { IMAGES } from '../seed/images.js';
import { clone } from './patch.js';
import { NODE_NAMES as NODES } from './nodes.js';

/** The part of the ReplicaSet/StatefulSet controllers the sandbox needs: running pods that match their workload. */

function hash(input: string, length: number): string {
  return createHash('sha256').update(input).digest('hex').slice(0, length);
}

const ALNUM = 'bcdfghjklmnpqrstvwxz2456789';
function suffix(input: string, length: number): string {
  const h = createHash('sha256').update(input).digest();
  return Array.from(h.subarray(0, length), (b) => ALNUM[b % ALNUM.length]).join('');
}

/** `registry/repo:tag[@sha256:…]` → the digest a kubelet would report: the pinned one, a known sandbox build, or a stable fake. */
export function digestFor(image: string): string {
  const at = image.indexOf('@');
  if (at >= 0) return image.slice(at + 1);
  const repoTag = image.split('/').pop() ?? image;
  const known = (IMAGES as Record<string, { digest: string }>)[repoTag];
  return known ? known.digest : `sha256:${createHash('sha256').update(image).digest('hex')}`;
}

export function imageIdFor(image: string): string {
  const at = image.indexOf('@');
  const name = (at >= 0 ? image.slice(0, at) : image).replace(/:[^/:]+$/, '');
  const qualified = name.includes('/') && name.split('/')[0].includes('.') ? name : `docker.io/${name.includes('/') ? name : `library/${name}`}`;
  return `${qualified}@${digestFor(image)}`;
}


function podFor(owner: Json, name: string, labels: Json, index: number, createdAt: string): Json {
  const template = clone(owner.spec.template ?? {});
  const spec = template.spec ?? {};
  spec.nodeName = NODES[index % NODES.length];
  const ns = owner.metadata.namespace;
  const ip = `10.244.${index % 3}.${10 + (parseInt(hash(name, 4), 16) % 240)}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: ns,
      labels,
      ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}),
      ownerReferences: [
        {
          apiVersion: owner.kind === 'StatefulSet' ? 'apps/v1' : 'apps/v1',
          kind: owner.kind === 'StatefulSet' ? 'StatefulSet' : 'ReplicaSet',
          name: owner.kind === 'StatefulSet' ? owner.metadata.name : name.split('-').slice(0, -1).join('-'),
          uid: owner.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec,
    status: {
      phase: 'Running',
      hostIP: `10.240.0.${4 + (index % NODES.length)}`,
      podIP: ip,
      podIPs: [{ ip }],
      qosClass: 'Burstable',
      startTime: createdAt,
      conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: createdAt })),
      containerStatuses: (spec.containers ?? []).map((c: Json) => ({
        name: c.name,
        image: String(c.image).split('@')[0],
        imageID: imageIdFor(String(c.image)),
        ready: true,
        started: true,
        restartCount: 0,
        containerID: `containerd://${hash(`${name}/${c.name}`, 64)}`,
        state: { running: { startedAt: createdAt } },
        lastState: {},
      })),
    },
  };
}

/** Desired pods of a Deployment/StatefulSet (names are stable for one pod template). */
export function desiredPods(owner: Json, createdAt: string): Json[] {
  if (owner.kind !== 'Deployment' && owner.kind !== 'StatefulSet') return [];
  const replicas = Number(owner.spec?.replicas ?? 1);
  const templateHash = suffix(JSON.stringify(owner.spec?.template ?? {}), 10);
  const labels = { ...(owner.spec?.template?.metadata?.labels ?? {}) };
  const pods: Json[] = [];
  for (let i = 0; i < replicas; i++) {
    if (owner.kind === 'StatefulSet') {
      pods.push(podFor(owner, `${owner.metadata.name}-${i}`, { ...labels, 'apps.kubernetes.io/pod-index': String(i), 'statefulset.kubernetes.io/pod-name': `${owner.metadata.name}-${i}` }, i, createdAt));
    } else {
      const name = `${owner.metadata.name}-${templateHash}-${suffix(`${owner.metadata.uid}/${templateHash}/${i}`, 5)}`;
      pods.push(podFor(owner, name, { ...labels, 'pod-template-hash': templateHash }, i, createdAt));
    }
  }
  return pods;
}

/** Pods currently owned by a workload (by owner uid, or by name prefix for StatefulSets). */
export function ownedPodKeys(kube: KubeState, owner: Json): string[] {
  return Object.entries(kube.objects)
    .filter(([, o]) => o.kind === 'Pod' && o.metadata?.namespace === owner.metadata.namespace && (o.metadata?.ownerReferences ?? []).some((r: Json) => r.uid === owner.metadata.uid))
    .map(([k]) => k);
}

export function podKey(pod: Json): string {
  return kubeKey('v1', 'Pod', pod.metadata.namespace, pod.metadata.name);
}

/** Readiness the workload reports once its pods run. */
export function workloadStatus(owner: Json): Json {
  const replicas = Number(owner.spec?.replicas ?? 1);
  const base = { observedGeneration: owner.metadata.generation ?? 1, replicas, readyReplicas: replicas, availableReplicas: replicas, updatedReplicas: replicas };
  if (owner.kind === 'StatefulSet') return { ...base, currentReplicas: replicas, currentRevision: `${owner.metadata.name}-${suffix(JSON.stringify(owner.spec?.template ?? {}), 10)}`, updateRevision: `${owner.metadata.name}-${suffix(JSON.stringify(owner.spec?.template ?? {}), 10)}`, collisionCount: 0 };
  return {
    ...base,
    conditions: [
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${owner.metadata.name}" has successfully progressed.` },
    ],
  };
}
