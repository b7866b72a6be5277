import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stableUuid } from '../../seed/findings.js';
import { callerObjectId } from '../../entra/caller.js';
import { ArmHttpError } from '../http.js';
import { defaultTokens, OPERATOR_PRINCIPAL, PALISADE_PRINCIPAL, type Principal } from './tokens.js';

/** A role definition's `properties`, as infra/palisade-role.json and the roleDefinitions API carry them. */
export interface RoleProperties {
  roleName: string;
  description?: string;
  type: string;
  assignableScopes: string[];
  permissions: Array<{ actions: string[]; notActions: string[]; dataActions?: string[]; notDataActions?: string[] }>;
}

export interface RoleDefinition {
  /** The role definition's GUID (`name` on the wire). */
  id: string;
  properties: RoleProperties;
}

export interface RoleAssignment {
  id: string;
  principalId: string;
  roleDefinitionId: string;
  /** `/subscriptions/{id}`, a resource group, a resource, or `/`. */
  scope: string;
}

/** Azure's built-in Owner. */
export const OWNER_ROLE_ID = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';

/** The role Palisade ships (repo `infra/palisade-role.json`): the file the Bicep template and these checks share. */
export const SHIPPED_ROLE_FILE = fileURLToPath(new URL('../../../../../infra/palisade-role.json', import.meta.url));

export function loadShippedRole(file = SHIPPED_ROLE_FILE): RoleProperties {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as RoleProperties;
}

function patternMatches(pattern: string, action: string): boolean {
  const p = pattern.toLowerCase();
  const a = action.toLowerCase();
  if (!p.includes('*')) return p === a;
  const re = new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`);
  return re.test(a);
}

function covers(assignmentScope: string, scope: string): boolean {
  const a = assignmentScope.toLowerCase().replace(/\/$/, '');
  const s = scope.toLowerCase();
  return a === '' || s === a || s.startsWith(`${a}/`);
}

export function roleAllows(role: RoleProperties, action: string): boolean {
  return role.permissions.some((p) => p.actions.some((x) => patternMatches(x, action)) && !p.notActions.some((x) => patternMatches(x, action)));
}

/** ARM's 403 for a missing permission (Azure RBAC troubleshooting docs). */
export function authorizationFailed(principal: Principal, action: string, scope: string): ArmHttpError {
  return new ArmHttpError(
    403,
    'AuthorizationFailed',
    `The client '${principal.clientId}' with object id '${principal.objectId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );
}

/** ARM's 403 when a write references a resource the caller may not link (e.g. assign a user-assigned identity). */
export function linkedAuthorizationFailed(principal: Principal, action: string, scope: string, linkedAction: string, linked: string[]): ArmHttpError {
  return new ArmHttpError(
    403,
    'LinkedAuthorizationFailed',
    `The client '${principal.clientId}' with object id '${principal.objectId}' has permission to perform action '${action}' on scope '${scope}'; however, it does not have permission to perform action(s) '${linkedAction}' on the linked scope(s) '${linked.join(',')}' (respectively) or the linked scope(s) are invalid.`,
  );
}

/**
 * The sandbox's Azure RBAC: who a token is, which roles are assigned where, and whether an action is allowed.
 * It records every action it allowed, so tests can list permissions of the shipped role that nothing used.
 */
export class ArmRbac {
  /** Off only for experiments; the sandbox and every test run enforcing. */
  enforcing = true;
  readonly roles = new Map<string, RoleDefinition>();
  assignments: RoleAssignment[] = [];
  private readonly tokens = defaultTokens();
  private readonly used = new Map<string, string>();
  /** The GUID of the shipped custom role. */
  readonly palisadeRoleId: string;

  constructor(palisadeRole: RoleProperties, subscriptionIds: string[]) {
    this.palisadeRoleId = stableUuid(`role|${palisadeRole.roleName}`);
    this.roles.set(OWNER_ROLE_ID, {
      id: OWNER_ROLE_ID,
      properties: {
        roleName: 'Owner',
        description: 'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.',
        type: 'BuiltInRole',
        assignableScopes: ['/'],
        permissions: [{ actions: ['*'], notActions: [], dataActions: [], notDataActions: [] }],
      },
    });
    this.setPalisadeRole(palisadeRole, subscriptionIds);
    for (const sub of subscriptionIds) this.grantSubscription(sub);
  }

  /** Palisade gets the shipped role and the operator gets Owner at this subscription, as a deployment would do. */
  grantSubscription(subscriptionId: string): void {
    this.assign(PALISADE_PRINCIPAL.objectId, this.palisadeRoleId, `/subscriptions/${subscriptionId}`);
    this.assign(OPERATOR_PRINCIPAL.objectId, OWNER_ROLE_ID, `/subscriptions/${subscriptionId}`);
  }

  /** The shipped role as deployed: assignable at the sandbox's subscriptions (the file's scope is a placeholder). */
  get palisadeRole(): RoleProperties {
    return this.roles.get(this.palisadeRoleId)!.properties;
  }

  setPalisadeRole(role: RoleProperties, subscriptionIds = this.palisadeRoleScopes()): void {
    const properties = structuredClone(role);
    properties.assignableScopes = subscriptionIds.map((s) => `/subscriptions/${s}`);
    this.roles.set(this.palisadeRoleId, { id: this.palisadeRoleId, properties });
  }

  private palisadeRoleScopes(): string[] {
    return (this.roles.get(this.palisadeRoleId)?.properties.assignableScopes ?? []).map((s) => s.split('/')[2]).filter(Boolean);
  }

  /** Test helper: the shipped role without this action (as if the file lacked it). */
  removeAction(action: string): void {
    const role = structuredClone(this.palisadeRole);
    for (const p of role.permissions) p.actions = p.actions.filter((a) => a.toLowerCase() !== action.toLowerCase());
    this.setPalisadeRole(role);
  }

  assign(principalId: string, roleDefinitionId: string, scope: string): RoleAssignment {
    const existing = this.assignments.find(
      (a) => a.principalId === principalId && a.roleDefinitionId === roleDefinitionId && a.scope.toLowerCase() === scope.toLowerCase(),
    );
    if (existing) return existing;
    const assignment = { id: stableUuid(`assignment|${principalId}|${roleDefinitionId}|${scope.toLowerCase()}`), principalId, roleDefinitionId, scope };
    this.assignments.push(assignment);
    return assignment;
  }

  unassign(principalId: string, scope?: string): void {
    this.assignments = this.assignments.filter((a) => !(a.principalId === principalId && (!scope || a.scope.toLowerCase() === scope.toLowerCase())));
  }

  addToken(token: string, principal: Principal): void {
    this.tokens.set(token, principal);
  }

  /** ARM's 401s: no Authorization header, or a token it cannot validate. */
  authenticate(authorization: string | undefined): Principal {
    if (!authorization) {
      throw new ArmHttpError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
    }
    const m = /^bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!m) throw new ArmHttpError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is provided in an invalid format.");
    const principal = this.tokens.get(m[1]) ?? jwtPrincipal(authorization);
    if (!principal) throw new ArmHttpError(401, 'InvalidAuthenticationToken', 'The access token is invalid.');
    return principal;
  }

  /** True when some role assigned to the principal at or above `scope` allows `action`. */
  allows(principal: Principal, action: string, scope: string): boolean {
    if (!this.enforcing) return true;
    return this.assignments.some((a) => {
      if (a.principalId !== principal.objectId || !covers(a.scope, scope)) return false;
      const role = this.roles.get(a.roleDefinitionId);
      return role ? roleAllows(role.properties, action) : false;
    });
  }

  /** Throws ARM's 403 unless allowed; records the action as used by Palisade. */
  authorize(principal: Principal, action: string, scope: string): void {
    if (!this.allows(principal, action, scope)) throw authorizationFailed(principal, action, scope);
    this.recordUse(principal, action);
  }

  recordUse(principal: Principal, action: string): void {
    if (principal.objectId === PALISADE_PRINCIPAL.objectId && !this.used.has(action.toLowerCase())) this.used.set(action.toLowerCase(), action);
  }

  /** Subscriptions where the principal holds any role (what `GET /subscriptions` lists). */
  visibleSubscriptions(principal: Principal, all: string[]): string[] {
    if (!this.enforcing) return all;
    const mine = this.assignments.filter((a) => a.principalId === principal.objectId).map((a) => a.scope.toLowerCase());
    return all.filter((s) => mine.some((scope) => scope === '/' || scope === `/subscriptions/${s.toLowerCase()}` || scope.startsWith(`/subscriptions/${s.toLowerCase()}/`)));
  }

  /** Actions Palisade's principal performed (and was allowed), sorted. */
  usedActions(): string[] {
    return [...this.used.values()].sort((a, b) => a.localeCompare(b));
  }

  /** Entries of the shipped role's `actions` that no allowed request matched. */
  unusedPermissions(): string[] {
    const used = [...this.used.values()];
    return this.palisadeRole.permissions.flatMap((p) => p.actions).filter((pattern) => !used.some((a) => patternMatches(pattern, a)));
  }

  resetUsage(): void {
    this.used.clear();
  }
}

/** A token from the sandbox's Entra emulator (`sandbox:serve`): the principal its `oid`/`appid` claims name. */
function jwtPrincipal(authorization: string): Principal | undefined {
  const objectId = callerObjectId(authorization);
  if (!objectId) return undefined;
  const claims = JSON.parse(Buffer.from(authorization.trim().split(/\s+/)[1].split('.')[1], 'base64url').toString('utf8')) as { appid?: string; azp?: string };
  return { objectId, clientId: claims.appid ?? claims.azp ?? objectId, displayName: objectId === PALISADE_PRINCIPAL.objectId ? PALISADE_PRINCIPAL.displayName : objectId };
}
