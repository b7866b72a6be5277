// Runs in a separate process: N concurrent increments of one counter document, to prove no lost updates across processes.
import { openStore, type StoreOptions } from '../../src/store/index.js';

const args = JSON.parse(process.env.PALISADE_STORE_CHILD ?? '{}') as { store: StoreOptions; id: string; count: number };
const store = await openStore(args.store);
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
