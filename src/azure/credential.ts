import type * as Identity from '@azure/identity';
import { lazy } from '../lazy.js';
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
  let credential: TokenCredential | undefined;
  // @azure/identity (and MSAL) load with the first token, not at start (see src/lazy.ts)
  return {
    getToken: async (scopes, options) =>
      (credential ??= new (identity().DefaultAzureCredential)({
        ...(clientId ? { managedIdentityClientId: clientId } : {}),
        ...(authorityHost ? { authorityHost, disableInstanceDiscovery: true } : {}),
      })).getToken(scopes, options),
  };
}

const identity = lazy<typeof Identity>('@azure/identity');

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
  let credential: TokenCredential | undefined;
  // loaded with the first token, as above
  return { getToken: async (scopes, options) => (credential ??= new (identity().ManagedIdentityCredential)({ clientId })).getToken(scopes, options) };
}
