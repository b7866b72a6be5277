// Runs in a separate process: N concurrent increments of one counter document, to prove no lost updates across processes.
import { openStore, type StoreOptions } from '../../src/store/index.js';
import { entraCredential, type EntraLogin } from './entraLogin.js';

const args = JSON.parse(process.env.PALISADE_STORE_CHILD ?? '{}') as { store: StoreOptions; login?: EntraLogin; id: string; count: number };
// A token-signed-in store gets its credential rebuilt here: credentials are objects, not data
const store = await openStore(args.login && 'accountUrl' in args.store ? { ...args.store, credential: entraCredential(args.login) } : args.store);
await Promise.all(
  Array.from({ length: args.count }, () =>
    store.update<{ n: number; by: string[] }>('meta', args.id, (cur) => ({
      n: (cur?.n ?? 0) + 1,
      by: [...(cur?.by ?? []), 'child'],
    })),
  ),
);
await store.close();
process.stdout.write('done\n');
