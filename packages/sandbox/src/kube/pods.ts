import { createHash } from 'node:crypto';
import type { Json, KubeState } from '../world.js';
import { kubeKey } from '../world.js';
import { IMAGES } from '../seed/images.js';
import { NODE_NAMES } from './nodes.js';

/** What the scheduler and the kubelet do for a pod in the sandbox: a node, an IP, running containers with image digests. */

export function hash(input: string, length: number): string {
  return createHash('sha256').update(input).digest('hex').slice(0, length);
}

const ALNUM = 'bcdfghjklmnpqrstvwxz2456789';
/** Stable stand-in for the random name suffixes controllers generate. */
export function suffix(input: string, length: number): string {
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

/** Binds a pod spec to a node and reports it running: the pod's `spec.nodeName` is set in place, its status returned. */
export function runPod(name: string, spec: Json, index: number, createdAt: string): Json {
  spec.nodeName ??= NODE_NAMES[index % NODE_NAMES.length];
  const nodeIndex = Math.max(0, NODE_NAMES.indexOf(spec.nodeName));
  const hostIP = `10.240.0.${4 + nodeIndex}`;
  // host-network pods (CNI agents, node exporters) share the node's address
  const ip = spec.hostNetwork ? hostIP : `10.244.${index % 3}.${10 + (parseInt(hash(name, 4), 16) % 240)}`;
  return {
    phase: 'Running',
    hostIP,
    hostIPs: [{ ip: hostIP }],
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
  };
}

/** Pods currently owned by a workload (by owner uid). */
export function ownedPodKeys(kube: KubeState, owner: Json): string[] {
  return Object.entries(kube.objects)
    .filter(([, o]) => o.kind === 'Pod' && o.metadata?.namespace === owner.metadata.namespace && (o.metadata?.ownerReferences ?? []).some((r: Json) => r.uid === owner.metadata.uid))
    .map(([k]) => k);
}

export function podKey(pod: Json): string {
  return kubeKey('v1', 'Pod', pod.metadata.namespace, pod.metadata.name);
}
