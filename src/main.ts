import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './log.js';
import { startPalisade } from './palisade.js';

/** Wiring only: config → Palisade → (sandbox) Playground → banner; stop cleanly on signals. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const log = createLogger(config.logLevel);
  const app = await startPalisade({ config, log });
  const playground =
    config.mode === 'sandbox' && config.sandbox.playground
      ? await (await import('./sandbox/playground.js')).startPlayground({ botUrl: app.url, port: config.sandbox.playgroundPort, cwd: config.dataDir, log })
      : undefined;

  const lines = [
    '',
    `Palisade is running (${config.mode} mode) on ${app.url}/api/messages`,
    ...(app.sandbox
      ? [
          `  Sandbox: emulated Azure ${app.sandbox.arm.endpoint}, clusters ${app.sandbox.world.state.clusters.map((c) => c.name).join(', ')}`,
          `  kubeconfig: ${app.sandbox.kubeconfigPath}   (try: kubectl --kubeconfig ${app.sandbox.kubeconfigPath} get svc -n ratingsapp)`,
        ]
      : []),
    ...(playground ? [`  Chat with Palisade in the Agents Playground: ${playground.url}`, '  Try: status, status on aks-prod, help'] : []),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');

  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping');
    playground?.stop();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error('Palisade failed to start:', err instanceof Error ? err.stack : err);
  process.exit(1);
});
