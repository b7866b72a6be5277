import { isPreconditionFailed, type Collection, type Store } from './types.js';

/**
 * Claims the due documents of a collection. `claim` returns the claimed version of a due document (undefined: not
 * due); it is written conditionally on the ETag that was read, so of all replicas that saw a version exactly one wins.
 */
export async function claimDueDocs<T>(
  store: Pick<Store, 'list' | 'put'>,
  collection: Collection,
  claim: (doc: T, id: string) => T | undefined,
): Promise<Array<{ id: string; value: T }>> {
  const won: Array<{ id: string; value: T }> = [];
  for (const { id, value, etag } of await store.list<T>(collection)) {
    const claimed = claim(value, id);
    if (claimed === undefined) continue;
    try {
      await store.put(collection, id, claimed, { ifMatch: etag });
      won.push({ id, value: claimed });
    } catch (e) {
      if (!isPreconditionFailed(e)) throw e; // another replica claimed it
    }
  }
  return won;
}
