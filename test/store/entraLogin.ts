import { ClientSecretCredential } from '@azure/identity';
import type { TokenCredential } from '@azure/core-auth';

/** An app registration in the sandbox's Entra emulator, as plain data (it crosses into child processes). */
export interface EntraLogin {
  tenantId: string;
  clientId: string;
  secret: string;
  authorityHost: string;
  caPem: string;
}

/** The real ClientSecretCredential against the Entra emulator, trusting the sandbox CA in this process only. */
export function entraCredential(login: EntraLogin): TokenCredential {
  return new ClientSecretCredential(login.tenantId, login.clientId, login.secret, {
    authorityHost: login.authorityHost,
    disableInstanceDiscovery: true,
    tlsOptions: { ca: login.caPem },
  } as ConstructorParameters<typeof ClientSecretCredential>[3]);
}
