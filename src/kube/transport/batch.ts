import { KubeError, KubeUnreachable } from '../errors.js';
import { getList, jsonOut, type KubectlType, type Selection } from './kubectl.js';

interface Waiter {
  type: KubectlType;
  resolve(items: unknown[]): void;
  reject(e: unknown): void;
}

interface Batch {
  sel: Selection;
  waiters: Waiter[];
}

/**
 * Lists asked for in the same turn of the event loop with the same scope and selectors, sent as one
 * `kubectl get a,b,c -o json` (one AKS Run Command instead of one per type) and split again by `kind`.
 */
export class ListBatcher {
  private readonly pending = new Map<string, Batch>();

  constructor(private readonly exec: (command: string) => Promise<string>) {}

  list(type: KubectlType, sel: Selection): Promise<unknown[]> {
    const key = JSON.stringify([type.namespaced, sel.namespace ?? '', sel.labelSelector ?? '', sel.fieldSelector ?? '']);
    let batch = this.pending.get(key);
    if (!batch) {
      const fresh: Batch = { sel, waiters: [] };
      this.pending.set(key, fresh);
      setImmediate(() => {
        this.pending.delete(key);
        void this.send(fresh);
      });
      batch = fresh;
    }
    const into = batch;
    return new Promise((resolve, reject) => into.waiters.push({ type, resolve, reject }));
  }

  private async items(types: KubectlType[], sel: Selection): Promise<Array<{ kind?: string }>> {
    const out = jsonOut(await this.exec(getList(types, sel))) as { items?: Array<{ kind?: string }> };
    return out.items ?? [];
  }

  private async send(b: Batch): Promise<void> {
    const types = [...new Map(b.waiters.map((w) => [w.type.name, w.type])).values()];
    try {
      const items = await this.items(types, b.sel);
      for (const w of b.waiters) w.resolve(types.length === 1 ? items : items.filter((i) => i.kind === w.type.kind));
    } catch (e) {
      // the way in failed, or one type alone: then each type is asked alone for its own answer or error
      if (types.length === 1 || !(e instanceof KubeError) || e instanceof KubeUnreachable) {
        for (const w of b.waiters) w.reject(e);
        return;
      }
      for (const w of b.waiters) this.items([w.type], b.sel).then(w.resolve, w.reject);
    }
  }
}
