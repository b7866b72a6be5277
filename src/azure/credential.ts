import { DefaultAzureCredential } from '@azure/identity';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { Config } from '../config.js';

/**
 * Azure credential for real mode: DefaultAzureCredential (env, workload identity, managed identity, Azure CLI).
 * `AZURE_CLIENT_ID` picks a user-assigned managed identity; it has nothing to do with the bot's MicrosoftAppType.
 */
export function createAzureCredential(_config: Pick<Config, 'azure'>, env: Record<string, string | undefined> = process.env): TokenCredential {
  const clientId = env.AZURE_CLIENT_ID?.trim();
  return new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {});
}

const SANDBOX_TOKEN = 'sandbox-arm-token.not-a-secret';

/** A fixed fake token for the sandbox emulators: valid for an hour from each request. */
export function sandboxCredential(): TokenCredential {
  return {
    async getToken(): Promise<AccessToken> {
      return { token: SANDBOX_TOKEN, expiresOnTimestamp: Date.now() + 3600_000, tokenType: 'Bearer' };
    },
  };
}
