import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { Config } from '../config.js';

/**
 * Azure credential for real mode: DefaultAzureCredential (env, workload identity, managed identity, Azure CLI).
 * `AZURE_CLIENT_ID` picks a user-assigned managed identity; it has nothing to do with the bot's MicrosoftAppType.
 * With AZURE_AUTHORITY_HOST (a sovereign cloud, or the sandbox's emulated Entra) that host is trusted as configured:
 * no instance discovery against the public cloud's login endpoint.
 */
export function createAzureCredential(config: Pick<Config, 'azure'>): TokenCredential {
  const { clientId, authorityHost } = config.azure;
  return new DefaultAzureCredential({
    ...(clientId ? { managedIdentityClientId: clientId } : {}),
    ...(authorityHost ? { authorityHost, disableInstanceDiscovery: true } : {}),
  });
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

/**
 * The bot's own identity when MicrosoftAppType=UserAssignedMSI: that managed identity and nothing else (botbuilder's
 * default, DefaultAzureCredential, would borrow AZURE_CLIENT_SECRET and the Azure login's authority first).
 */
export function botManagedIdentity(clientId: string): TokenCredential {
  return new ManagedIdentityCredential({ clientId });
}
