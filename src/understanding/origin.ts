import { AsyncLocalStorage } from 'node:async_hooks';

/** The words a person typed and the command they were read as, for the plan card and the audit entry of a change. */
export interface Origin {
  words: string;
  command: string;
}

const store = new AsyncLocalStorage<Origin>();

export function withOrigin<T>(origin: Origin | undefined, run: () => Promise<T>): Promise<T> {
  return origin ? store.run(origin, run) : run();
}

export function currentOrigin(): Origin | undefined {
  return store.getStore();
}
