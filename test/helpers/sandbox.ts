import { startSandbox, type Sandbox } from '@palisade/sandbox';
import type { Config } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import { startPalisade, type Palisade, type PalisadeOptions } from '../../src/palisade.js';

/** Palisade on a fresh (or the data dir's) sandbox with fast timings, as tests, benchmarks and scripts run it. */
export async function startOnSandbox(
  opts: { config: Config; log: Logger; now?: () => number; fast?: boolean } & Pick<PalisadeOptions<Sandbox>, 'botAuth' | 'timings'>,
): Promise<Palisade<Sandbox>> {
  const { config, log } = opts;
  const fast = opts.fast ?? true;
  const emulation = await startSandbox({ dataDir: config.dataDir, clientIp: config.sandbox.clientIp, latencyMs: config.sandbox.latencyMs, fast, log });
  try {
    return await startPalisade({ config, log, fast, now: opts.now, emulation, botAuth: opts.botAuth, timings: opts.timings });
  } catch (err) {
    await emulation.close();
    throw err;
  }
}
