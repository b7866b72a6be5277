import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { startBotChannel, type BotChannel } from './botChannel.js';
import { startEntraEmulator, type EntraEmulator } from './entra/index.js';
import { startSandbox, type Sandbox } from './index.js';

/** The emulators a production Palisade (`node dist/main.js`, NODE_ENV=production) runs against, in another process. */
export interface ProductionEmulators {
  sandbox: Sandbox;
  entra: EntraEmulator;
  /** The Bot Framework channel's signing keys (and a signer of its tokens, for tests): JWT validation stays on. */
  botChannel: BotChannel;
  /** The environment that production Palisade needs: endpoints, the CA file, a working Entra login, a bot identity. */
  env: Record<string, string>;
  /** `KEY=value` lines of `env` (for `--env-file`, `docker run --env-file`, or `set -a; . file`). */
  envFile: string;
  caFile: string;
  close(): Promise<void>;
}

/**
 * Starts the ARM, Kubernetes and Entra emulators alone and writes what a production Palisade needs to use them. Its
 * credentials go through the real DefaultAzureCredential (EnvironmentCredential → MSAL against the emulated Entra),
 * its tokens name PALISADE_SANDBOX_PRINCIPAL_ID. The bot is a UserAssignedMSI with the same client id (as deployed): its
 * outgoing token comes from the emulated managed-identity endpoint, incoming tokens are checked against the emulated
 * channel's keys.
 */
export async function startProductionEmulators(opts: { dataDir: string; clientIp?: string; fast?: boolean; latencyMs?: number; log?: Logger }): Promise<ProductionEmulators> {
  const clientIp = opts.clientIp ?? '203.0.113.7';
  const sandbox = await startSandbox({ dataDir: opts.dataDir, clientIp, fast: opts.fast, latencyMs: opts.latencyMs, log: opts.log });
  const entra = await startEntraEmulator({ tls: sandbox.tls });
  const app = entra.apps[0];
  const botChannel = await startBotChannel({ tls: sandbox.tls });
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const caFile = path.join(opts.dataDir, 'sandbox-ca.pem');
  fs.writeFileSync(caFile, sandbox.tls.caPem);
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    AZURE_SUBSCRIPTION_IDS: sandbox.subscriptionIds.join(','),
    AZURE_RESOURCE_MANAGER_ENDPOINT: sandbox.arm.endpoint,
    NODE_EXTRA_CA_CERTS: caFile,
    AZURE_AUTHORITY_HOST: entra.authorityHost,
    AZURE_TENANT_ID: entra.tenantId,
    AZURE_CLIENT_ID: app.clientId,
    AZURE_CLIENT_SECRET: app.secret,
    MicrosoftAppId: app.clientId,
    MicrosoftAppType: 'UserAssignedMSI',
    MicrosoftAppTenantId: entra.tenantId,
    BotOpenIdMetadata: botChannel.metadataUrl,
    // The bot's managed identity, as App Service and Container Apps expose it (its own token, not the Entra login's)
    IDENTITY_ENDPOINT: botChannel.identityEndpoint,
    IDENTITY_HEADER: botChannel.identityHeader,
    PALISADE_EGRESS_IPS: clientIp,
    // Outside the sandbox Palisade needs the https address people reach it at (capture links); nothing listens here
    PALISADE_PUBLIC_URL: 'https://palisade.sandbox.invalid',
  };
  const envFile = path.join(opts.dataDir, 'production.env');
  fs.writeFileSync(envFile, Object.entries(env).map(([k, v]) => `${k}=${v}`).join('\n') + '\n', { mode: 0o600 });
  return {
    sandbox,
    entra,
    botChannel,
    env,
    envFile,
    caFile,
    async close() {
      await botChannel.close();
      await entra.close();
      await sandbox.close();
    },
  };
}
