import { PALISADE_SANDBOX_PRINCIPAL_ID } from '../identity.js';
import { KUBECTL_TOKEN } from './clientIdentity.js';

/**
 * Who a request comes from, as the API server's authenticators decide: a static token table (like
 * `--token-auth-file`) and, as AKS's Entra integration does, an Entra access token's object id. Unknown tokens are 401.
 */
export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
}

/** What src/azure/credential.ts `sandboxCredential()` sends: Palisade's identity in the sandbox. */
export const PALISADE_SANDBOX_TOKEN = 'sandbox-arm-token.not-a-secret';

/** AKS's Entra server application: the audience of tokens AKS accepts. */
const AKS_AUDIENCES = ['6dae42f8-4368-4678-94ff-3960e28e3630', 'api://6dae42f8-4368-4678-94ff-3960e28e3630'];

export const SYSTEM_MASTERS = 'system:masters';
export const SYSTEM_AUTHENTICATED = 'system:authenticated';

/** What AKS Run Command's pod runs as when the caller sends no `clusterToken`: a cluster admin inside the cluster. */
export const RUN_COMMAND_ADMIN_TOKEN = 'aks-runcommand-clusteradmin';
export const RUN_COMMAND_ADMIN: UserInfo = { name: 'aks-runcommand', groups: ['system:masters', 'system:authenticated'] };

/** The sandbox kubeconfig's operator: a cluster admin, as AKS's local admin account is. */
export const SANDBOX_OPERATOR: UserInfo = { name: 'sandbox-operator', groups: [SYSTEM_MASTERS, SYSTEM_AUTHENTICATED] };
export const PALISADE_USER: UserInfo = { name: PALISADE_SANDBOX_PRINCIPAL_ID, uid: PALISADE_SANDBOX_PRINCIPAL_ID, groups: [SYSTEM_AUTHENTICATED] };

/**
 * An Entra access token for AKS (unsigned check, as Azurite does: audience and shape, not the signature): users are
 * named by their object id, as AKS names managed identities and service principals; `groups` become groups.
 */
function fromEntraToken(token: string): UserInfo | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof claims.oid !== 'string' || !AKS_AUDIENCES.includes(String(claims.aud))) return undefined;
    const groups = Array.isArray(claims.groups) ? claims.groups.map(String) : [];
    return { name: claims.oid, uid: claims.oid, groups: [...groups, SYSTEM_AUTHENTICATED] };
  } catch {
    return undefined;
  }
}

/** Entra tokens whose reading is kept. */
const ENTRA_CACHE = 64;

export class Authenticator {
  private readonly tokens = new Map<string, UserInfo>([
    [KUBECTL_TOKEN, SANDBOX_OPERATOR],
    [PALISADE_SANDBOX_TOKEN, PALISADE_USER],
    [RUN_COMMAND_ADMIN_TOKEN, RUN_COMMAND_ADMIN],
  ]);

  /** Adds a static token (tests: another identity; `system:authenticated` is added as the API server does). */
  addToken(token: string, user: { name: string; uid?: string; groups?: string[] }): void {
    this.tokens.set(token, { name: user.name, uid: user.uid, groups: [...new Set([...(user.groups ?? []), SYSTEM_AUTHENTICATED])] });
  }

  removeToken(token: string): void {
    this.tokens.delete(token);
  }

  /** Entra tokens read lately, as the API server caches token reviews (`--authentication-token-webhook-cache-ttl`). */
  private readonly entra = new Map<string, UserInfo | undefined>();

  /** The bearer token's user, or undefined (401). */
  authenticate(authorization: string | undefined): UserInfo | undefined {
    const m = /^bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!m) return undefined;
    const known = this.tokens.get(m[1]);
    if (known) return known;
    if (this.entra.has(m[1])) return this.entra.get(m[1]);
    const user = fromEntraToken(m[1]);
    if (this.entra.size >= ENTRA_CACHE) this.entra.delete(this.entra.keys().next().value!);
    this.entra.set(m[1], user);
    return user;
  }
}
