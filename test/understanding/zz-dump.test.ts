import fs from 'node:fs';
import { it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { inventoryFrom } from '../../src/bot/inventory.js';
import { SnapshotCache } from '../../src/understanding/snapshotCache.js';
import { startOnSandbox } from '../helpers/sandbox.js';
import { tempDir } from '../helpers/bot.js';
it('dumps', async () => {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', PALISADE_DATA_DIR: tempDir('palisade-blind-'), PALISADE_PLAYGROUND: 'false', LOG_LEVEL: 'silent' });
  const app = await startOnSandbox({ config, log: createLogger(config.logLevel) });
  const snapshot = await new SnapshotCache(inventoryFrom(app.services), 300_000, 120_000).snapshot('conv-blind-corpus');
  const subscriptionOf = Object.fromEntries((await app.services.clusters.list()).map((c) => [c.name, c.subscriptionId]));
  const subscriptionIds = Object.fromEntries((await app.services.subscriptions.all()).flatMap((s) => [[s.name.toLowerCase(), s.id], [s.id.toLowerCase(), s.id]]));
  fs.writeFileSync('/tmp/nlu4-world.json', JSON.stringify({ snapshot, subscriptionOf, subscriptionIds }));
  await app.close();
}, 120000);
