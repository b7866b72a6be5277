// A Palisade in its own process, so a test can kill it mid-flight (SIGKILL) and start another on the same data dir.
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startOnSandbox } from './sandbox.js';

const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', PALISADE_PLAYGROUND: 'false', LOG_LEVEL: 'silent', ...process.env });
const app = await startOnSandbox({ config, log: createLogger(config.logLevel) });
if (process.env.SLOW_LRO_MS) app.sandbox!.arm.settings.lroDurationMs = Number(process.env.SLOW_LRO_MS);
process.stdout.write(`READY ${app.url}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
