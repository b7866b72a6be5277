import type { TokenCredential } from '@azure/core-auth';
import type { Config } from '../config.js';
import { SqliteStore } from './sqliteStore.js';
import type { Store } from './types.js';

export * from './types.js';
export { SqliteStore, SQLITE_FILE } from './sqliteStore.js';

export type StoreOptions = (
  | { kind: 'sqlite'; dataDir: string }
  | { kind: 'blob'; connectionString: string; container: string }
  | { kind: 'blob'; accountUrl: string; credential: TokenCredential; container: string; caPem?: string }
) & {
  /** Clock for lease expiry and timestamps; tests inject a fake one. */
  now?: () => number;
};

export async function openStore(opts: StoreOptions): Promise<Store> {
  if (opts.kind === 'sqlite') return SqliteStore.open(opts.dataDir, { now: opts.now });
  // the Blob Storage SDK is loaded only by deployments that use it
  const { BlobStore } = await import('./blobStore.js');
  return BlobStore.open(opts);
}

/**
 * The store the configuration names (`PALISADE_STORE`, data dir, blob container and either the account URL, signed in
 * with Palisade's Azure credential, or a connection string).
 */
export function openStoreFromConfig(config: Pick<Config, 'store' | 'dataDir'>, credential?: TokenCredential): Promise<Store> {
  const { store } = config;
  if (store.kind === 'blob') {
    if (store.accountUrl && credential) return openStore({ kind: 'blob', accountUrl: store.accountUrl, credential, container: store.container });
    if (!store.connectionString) throw new Error('PALISADE_STORE=blob needs AZURE_STORAGE_ACCOUNT_URL (and a credential) or AZURE_STORAGE_CONNECTION_STRING');
    return openStore({ kind: 'blob', connectionString: store.connectionString, container: store.container });
  }
  return openStore({ kind: 'sqlite', dataDir: config.dataDir });
}
