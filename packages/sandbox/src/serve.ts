// `npm run sandbox:serve [-- --data-dir DIR] [--fast] [--latency-ms N]`: the emulators alone, for a production Palisade in another process.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { startProductionEmulators } from './production.js';

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, fast: { type: 'boolean', default: false }, 'client-ip': { type: 'string' }, 'latency-ms': { type: 'string' } },
});
const dataDir = path.resolve(values['data-dir'] ?? '.palisade/emulators');
const log = pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2));
const emu = await startProductionEmulators({ dataDir, fast: values.fast, clientIp: values['client-ip'], latencyMs: values['latency-ms'] ? Number(values['latency-ms']) : undefined, log });

process.stdout.write(
  [
    '',
    `Emulated Azure Resource Manager ${emu.sandbox.arm.endpoint}, Entra ID ${emu.entra.authorityHost}, clusters ${emu.sandbox.world.state.clusters.map((c) => c.name).join(', ')}`,
    `Environment for a production Palisade (also in ${emu.envFile}):`,
    ...Object.entries(emu.env).map(([k, v]) => `  ${k}=${v}`),
    '',
    'Run it in another shell, e.g.:',
    `  npm run build && (set -a; . ${emu.envFile}; set +a; PORT=3978 node dist/main.js)`,
    '',
    `READY ${emu.envFile}`,
    '',
  ].join('\n'),
);

const stop = () => {
  emu.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
