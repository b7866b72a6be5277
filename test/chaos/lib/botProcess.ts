// A Palisade process on an emulation that outlives it (the test process runs the emulators): kill -9 it, start another.
import fs from 'node:fs';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/log.js';
import { startPalisade } from '../../../src/palisade.js';

const emulation = JSON.parse(process.env.PALISADE_TEST_EMULATION ?? '{}') as { armEndpoint: string; graphUrl: string; caPemFile: string; subscriptionIds: string[] };
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', PALISADE_PLAYGROUND: 'false', LOG_LEVEL: 'silent', ...process.env });
const app = await startPalisade({
  config,
  log: createLogger(config.logLevel),
  fast: true,
  emulation: { arm: { endpoint: emulation.armEndpoint }, graph: { baseUrl: emulation.graphUrl }, tls: { caPem: fs.readFileSync(emulation.caPemFile, 'utf8') }, subscriptionIds: emulation.subscriptionIds, close: async () => {} },
});
process.stdout.write(`READY ${app.url}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
