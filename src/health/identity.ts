import type { TokenCredential } from '@azure/core-auth';

/** Who a token says Palisade is: Entra claims only, never the token. `kind: opaque` for tokens that are not JWTs (the sandbox's). */
export type TokenIdentity =
  | { kind: 'entra'; objectId?: string; appId?: string; tenantId?: string; type?: string; audience?: string }
  | { kind: 'opaque' };

/** Reads the claims of an access token's payload (no signature check: this only names the caller for a log line). */
export function identityOfToken(token: string): TokenIdentity {
  const parts = token.split('.');
  if (parts.length !== 3) return { kind: 'opaque' };
  try {
    const c = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
    const str = (k: string) => (typeof c[k] === 'string' ? (c[k] as string) : undefined);
    return { kind: 'entra', objectId: str('oid'), appId: str('appid') ?? str('azp'), tenantId: str('tid'), type: str('idtyp'), audience: str('aud') };
  } catch {
    return { kind: 'opaque' };
  }
}

/** Gets a token for `scope` and names its holder. */
export async function whoAmI(credential: TokenCredential, scope: string): Promise<TokenIdentity> {
  const token = await credential.getToken(scope);
  if (!token) throw new Error(`the Azure credential returned no token for ${scope}`);
  return identityOfToken(token.token);
}
