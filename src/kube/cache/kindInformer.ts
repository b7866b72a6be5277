import type { KubernetesListObject, KubernetesObject, ListWatch } from '@kubernetes/client-node';
import { clientNode, type KubeApi } from '../connect.js';
import { CACHED_KINDS, type CachedKind } from './kinds.js';

/** A write Palisade made that the watch has not delivered yet: shown to readers on top of the informer's store. */
interface Pending {
  object?: KubernetesObject;
  deleted?: boolean;
  resourceVersion?: string;
  at: number;
}

/** How long a written object is laid over the informer's store at most (the watch normally catches up in milliseconds). */
const PENDING_MS = 60_000;

const keyOf = (namespace: string | undefined, name: string | undefined) => `${namespace ?? ''}/${name ?? ''}`;

/**
 * One kind of one cluster in memory: a client-node ListWatch (list, then watch from its resourceVersion; on 410 Gone
 * it relists by itself). `synced` settles with the first list. Objects are as the API server sent them: typed models
 * from the list, wire JSON from the watch; the src/kube mappers read fields both spell alike.
 */
export class KindInformer {
  readonly synced: Promise<void>;
  /** Set when the informer stopped for good (a watch or relist failed other than with 410): readers go live. */
  failed: Error | undefined;
  private readonly informer: ListWatch<KubernetesObject>;
  private readonly pending = new Map<string, Pending>();
  lists = 0;
  isSynced = false;

  constructor(
    readonly kind: CachedKind,
    api: KubeApi,
    private readonly onFailure: (informer: KindInformer, err: Error) => void,
  ) {
    const spec: { path: string; list: (api: KubeApi) => Promise<KubernetesListObject<KubernetesObject>> } = CACHED_KINDS[kind];
    let first: { resolve: () => void; reject: (e: Error) => void } | undefined;
    this.synced = new Promise<void>((resolve, reject) => (first = { resolve, reject }));
    this.synced.catch(() => undefined);
    const list = async () => {
      this.lists++;
      const out = await api.call(() => spec.list(api));
      // ListWatch stores the items in the microtasks after this returns: readers may look once those have run
      setImmediate(() => {
        this.isSynced = true;
        first?.resolve();
        first = undefined;
      });
      return out;
    };
    const { ListWatch: Informer, Watch } = clientNode();
    const inner = new Watch(api.config);
    // ListWatch.stop() cannot abort a watch still connecting (it has no handle yet): abort it once it has one
    const watch = {
      watch: async (...args: Parameters<typeof inner.watch>) => {
        const request = await inner.watch(...args);
        if (this.stopped) request.abort();
        return request;
      },
    } as unknown as InstanceType<typeof Watch>;
    this.informer = new Informer<KubernetesObject>(spec.path, watch, list, false);
    const fail = (err: unknown) => {
      if (this.failed) return;
      const e = err instanceof Error ? err : new Error(String((err as { message?: string })?.message ?? err));
      this.failed = e;
      first?.reject(e);
      first = undefined;
      void this.informer.stop();
      this.onFailure(this, e);
    };
    // ListWatch reports a failed list or a watch that ended in an error (other than 410, which it relists on) here
    this.informer.on('error', fail);
    this.informer.start().catch(fail);
  }

  /** The informer's store with Palisade's own recent writes laid over it. */
  list(namespace?: string): KubernetesObject[] {
    const items = this.informer.list(namespace);
    if (this.pending.size === 0) return [...items];
    const now = Date.now();
    const byKey = new Map(items.map((o) => [keyOf(o.metadata?.namespace, o.metadata?.name), o]));
    for (const [key, p] of this.pending) {
      const seen = byKey.get(key);
      const caughtUp = p.deleted ? !seen : seen?.metadata?.resourceVersion === p.resourceVersion;
      if (caughtUp || now - p.at > PENDING_MS) {
        this.pending.delete(key);
        continue;
      }
      if (namespace && !key.startsWith(`${namespace}/`)) continue;
      if (p.deleted) byKey.delete(key);
      else if (p.object) byKey.set(key, p.object);
    }
    return [...byKey.values()];
  }

  /** A write's answer: readers see it at once, until the watch delivers the same resourceVersion. */
  written(object: KubernetesObject): void {
    this.pending.set(keyOf(object.metadata?.namespace, object.metadata?.name), { object, resourceVersion: object.metadata?.resourceVersion, at: Date.now() });
  }

  deleted(namespace: string, name: string): void {
    this.pending.set(keyOf(namespace, name), { deleted: true, at: Date.now() });
  }

  private stopped = false;

  async stop(): Promise<void> {
    this.stopped = true;
    await this.informer.stop();
  }
}
