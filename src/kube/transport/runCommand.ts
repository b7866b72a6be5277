import { HttpMethod, loadYaml, PatchStrategy, RequestContext } from '@kubernetes/client-node';
import { KubeError } from '../errors.js';
import { applyServerSide, deleteObjects, getList, getOne, jsonOut, kubectlError, MANIFEST_FILE, patch, type KubectlType, type PatchType, type Selection, TYPES } from './kubectl.js';
import type { AppsCalls, BatchCalls, CoreCalls, KubeResources, NetworkingCalls } from './resources.js';

/** Runs one command line in the cluster (AKS Run Command): exit code and logs, or a typed KubeError when it could not run. */
export type RunKubectl = (command: string, files?: Record<string, string>) => Promise<{ exitCode: number; logs: string }>;

type Options = { middleware?: Array<{ pre(ctx: RequestContext): unknown }> } | undefined;

/** The Content-Type a call's options set (setHeaderOptions): the patch strategy, read as the client would send it. */
function contentTypeOf(options: unknown): string | undefined {
  const ctx = new RequestContext('https://patch.invalid/', HttpMethod.PATCH);
  for (const m of (options as Options)?.middleware ?? []) m.pre(ctx);
  return ctx.getHeaders()['Content-Type'];
}

const PATCH_TYPES: Record<string, PatchType> = {
  [PatchStrategy.MergePatch]: 'merge',
  [PatchStrategy.JsonPatch]: 'json',
  [PatchStrategy.StrategicMergePatch]: 'strategic',
};

/** Wire JSON → the client's model (`from` → `_from`, dates), exactly what the direct path returns. */
function model<T>(obj: unknown): T {
  return loadYaml<T>(JSON.stringify(obj));
}

type Params = { namespace?: string; name?: string; labelSelector?: string; fieldSelector?: string; body?: unknown; fieldManager?: string; force?: boolean; dryRun?: string };

/** The same calls as the Kubernetes client, as kubectl in a Run Command pod. */
class KubectlCalls {
  constructor(private readonly run: RunKubectl) {}

  private async exec(command: string, files?: Record<string, string>): Promise<string> {
    const r = await this.run(command, files);
    if (r.exitCode !== 0) throw kubectlError(r.logs, r.exitCode);
    return r.logs;
  }

  async list(type: KubectlType, p: Selection = {}): Promise<any> {
    const out = jsonOut(await this.exec(getList(type, p))) as { items?: unknown[] };
    return { metadata: {}, items: (out.items ?? []).map((i) => model(i)) };
  }

  async read(type: KubectlType, p: Params): Promise<any> {
    return model(jsonOut(await this.exec(getOne(type, p.namespace, p.name ?? ''))));
  }

  /** Server-side apply goes as `kubectl apply --server-side -f` with the manifest in the zip; other patches as `kubectl patch`. */
  async patch(type: KubectlType, p: Params, options: unknown): Promise<any> {
    const contentType = contentTypeOf(options);
    const dryRun = p.dryRun === 'All';
    if (contentType === PatchStrategy.ServerSideApply) {
      const command = applyServerSide({ fieldManager: p.fieldManager ?? 'palisade', force: p.force, dryRun });
      return model(jsonOut(await this.exec(command, { [MANIFEST_FILE]: JSON.stringify(p.body) })));
    }
    const patchType = contentType && PATCH_TYPES[contentType];
    // Understand, never guess a write: a patch whose kind cannot be told is not sent
    if (!patchType) throw new KubeError(`Run Command cannot send a patch with Content-Type ${contentType ?? '(none)'}`);
    return model(jsonOut(await this.exec(patch(type, p.namespace ?? '', p.name ?? '', patchType, p.body, { fieldManager: p.fieldManager, dryRun }))));
  }

  async delete(type: KubectlType, p: Params): Promise<any> {
    await this.exec(deleteObjects(type, p.namespace ?? '', p.name !== undefined ? { name: p.name } : { labelSelector: p.labelSelector ?? '' }));
    return { kind: 'Status', status: 'Success' };
  }
}

/** Palisade's Kubernetes calls through AKS Run Command: reads as `kubectl get -o json`, writes as apply/patch/delete. */
export function runCommandResources(run: RunKubectl): KubeResources {
  const k = new KubectlCalls(run);
  const core: CoreCalls = {
    listNamespacedService: (p) => k.list(TYPES.services, p),
    listServiceForAllNamespaces: (p = {}) => k.list(TYPES.services, p),
    readNamespacedService: (p) => k.read(TYPES.services, p),
    patchNamespacedService: (p, o) => k.patch(TYPES.services, p, o),
    listNamespace: (p = {}) => k.list(TYPES.namespaces, p),
    readNamespace: (p) => k.read(TYPES.namespaces, p),
    listNamespacedPod: (p) => k.list(TYPES.pods, p),
    listPodForAllNamespaces: (p = {}) => k.list(TYPES.pods, p),
    listNamespacedConfigMap: (p) => k.list(TYPES.configmaps, p),
  };
  const apps: AppsCalls = {
    listNamespacedDeployment: (p) => k.list(TYPES.deployments, p),
    listDeploymentForAllNamespaces: (p = {}) => k.list(TYPES.deployments, p),
    readNamespacedDeployment: (p) => k.read(TYPES.deployments, p),
    listNamespacedStatefulSet: (p) => k.list(TYPES.statefulsets, p),
    listStatefulSetForAllNamespaces: (p = {}) => k.list(TYPES.statefulsets, p),
    listNamespacedDaemonSet: (p) => k.list(TYPES.daemonsets, p),
    listDaemonSetForAllNamespaces: (p = {}) => k.list(TYPES.daemonsets, p),
  };
  const batch: BatchCalls = {
    listNamespacedJob: (p) => k.list(TYPES.jobs, p),
    listJobForAllNamespaces: (p = {}) => k.list(TYPES.jobs, p),
    listNamespacedCronJob: (p) => k.list(TYPES.cronjobs, p),
    listCronJobForAllNamespaces: (p = {}) => k.list(TYPES.cronjobs, p),
  };
  const networking: NetworkingCalls = {
    listNamespacedIngress: (p) => k.list(TYPES.ingresses, p),
    listIngressForAllNamespaces: (p = {}) => k.list(TYPES.ingresses, p),
    listNamespacedNetworkPolicy: (p) => k.list(TYPES.networkpolicies, p),
    listNetworkPolicyForAllNamespaces: (p = {}) => k.list(TYPES.networkpolicies, p),
    patchNamespacedNetworkPolicy: (p, o) => k.patch(TYPES.networkpolicies, p, o),
    deleteNamespacedNetworkPolicy: (p) => k.delete(TYPES.networkpolicies, p),
    deleteCollectionNamespacedNetworkPolicy: (p) => {
      // kubectl deletes by name or by selector; "everything in the namespace" is never implied
      if (!p.labelSelector) throw new KubeError('Run Command deletes a collection only by label selector');
      return k.delete(TYPES.networkpolicies, { namespace: p.namespace, labelSelector: p.labelSelector });
    },
  };
  return { core, apps, batch, networking };
}
