import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A package loaded on first use instead of at start: the Azure SDKs, @kubernetes/client-node and the card templating
 * are most of Palisade's start-up time and idle memory, and a bot that waits for its first message needs none of them.
 * Synchronous (Node ≥ 20.19 requires ES modules too), so the wrappers keep their synchronous shapes.
 */
export function lazy<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(specifier) as T);
}
