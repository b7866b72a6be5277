import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from './config.js';
import { exitOnSignals } from './lifecycle/shutdown.js';
import { createLogger } from './log.js';
import { startTelemetry } from './telemetry/index.js';

/** The README's "copy .env.example to .env": read from the working directory; variables already set win. */
function loadDotEnv(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
}

/** The emulators and the Playground are a development install's workspace package; production never loads them. */
async function loadSandbox() {
  try {
    return await import('@palisade/sandbox');
  } catch {
    throw new ConfigError([
      'AZURE_SUBSCRIPTION_IDS: not set, so Palisade would run its sandbox, which this install does not include (a production install). Set AZURE_SUBSCRIPTION_IDS, or use a development install (`npm install && npm start`).',
    ]);
  }
}

/** Wiring only: .env → config → logger → (sandbox) emulation → Palisade → (sandbox) Playground → banner; stop on signals. */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig(process.env);
  // Loaded after the configuration is valid: a bad configuration answers with its one line, before restify & co load
  const { startPalisade } = await import('./palisade.js');
  const log = createLogger(config.logLevel);
  const telemetry = await startTelemetry({ connectionString: config.ops.appInsightsConnectionString, log });
  const sandboxMod = config.mode === 'sandbox' ? await loadSandbox() : undefined;
  const emulation = await sandboxMod?.startSandbox({ dataDir: config.dataDir, clientIp: config.sandbox.clientIp, latencyMs: config.sandbox.latencyMs, log });
  const app = await startPalisade({ config, log, emulation });
  const playground =
    sandboxMod && config.sandbox.playground ? await sandboxMod.startPlayground({ botUrl: app.url, port: config.sandbox.playgroundPort, cwd: config.dataDir, log }) : undefined;

  const lines = [
    '',
    `Palisade is running (${config.mode} mode) on ${app.url}/api/messages`,
    ...(emulation
      ? [
          `  Sandbox: emulated Azure ${emulation.arm.endpoint}, clusters ${emulation.world.state.clusters.map((c) => c.name).join(', ')}`,
          `  kubeconfig: ${emulation.kubeconfigPath}   (try: kubectl --kubeconfig ${emulation.kubeconfigPath} get svc -n ratingsapp)`,
        ]
      : []),
    ...(playground ? [`  Chat with Palisade in the Agents Playground: ${playground.url}`, '  Try: status, status on aks-prod, help'] : []),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');

  exitOnSignals({
    log,
    timeoutMs: config.ops.shutdownTimeoutMs,
    close: async () => {
      playground?.stop();
      await app.close();
      await telemetry.shutdown();
    },
  });
}

main().catch((err) => {
  // A configuration problem is one clear message; anything else keeps its stack for the operator
  if (err instanceof ConfigError) console.error(err.message);
  else console.error('Palisade failed to start:', err instanceof Error ? err.stack : err);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
