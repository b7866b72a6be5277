import type { Json } from '../../world.js';
import { checkApiVersion } from '../apiVersions.js';
import type { ArmContext } from '../context.js';
import { ArmHttpError, ok, type ArmReply, type ArmRequest } from '../http.js';
import type { RoleDefinition } from './rbac.js';

const API_VERSIONS = ['2018-01-01-preview', '2022-04-01', '2022-05-01-preview'];
const CREATED = '2025-05-12T09:00:00.0000000Z';

function wire(scope: string, role: RoleDefinition): Json {
  const p = role.properties;
  return {
    properties: {
      roleName: p.roleName,
      type: p.type,
      description: p.description ?? '',
      assignableScopes: [...p.assignableScopes],
      permissions: p.permissions.map((x) => ({ actions: [...x.actions], notActions: [...x.notActions], dataActions: [...(x.dataActions ?? [])], notDataActions: [...(x.notDataActions ?? [])] })),
      createdOn: CREATED,
      updatedOn: CREATED,
      createdBy: null,
      updatedBy: null,
    },
    // Built-in roles live at the tenant root; custom roles are read back under the scope they were asked at.
    id: `${p.type === 'BuiltInRole' ? '' : scope}/providers/Microsoft.Authorization/roleDefinitions/${role.id}`,
    type: 'Microsoft.Authorization/roleDefinitions',
    name: role.id,
  };
}

/** `GET {scope}/providers/Microsoft.Authorization/roleDefinitions[/{id}]`: the shipped custom role and Owner. */
export function handleRoleDefinitions(ctx: ArmContext, req: ArmRequest): ArmReply | undefined {
  const m = /^(.*)\/providers\/Microsoft\.Authorization\/roleDefinitions(?:\/([^/]+))?$/i.exec(req.path);
  if (!m) return undefined;
  checkApiVersion(req, API_VERSIONS, 'roleDefinitions');
  if (req.method !== 'GET') throw new ArmHttpError(405, 'MethodNotAllowed', `The sandbox serves role definitions read-only; '${req.method}' is not supported.`);
  const [, scope, id] = m;
  const visible = [...ctx.rbac.roles.values()].filter(
    (r) => r.properties.type === 'BuiltInRole' || r.properties.assignableScopes.some((s) => scope === '' || s.toLowerCase().startsWith(scope.toLowerCase()) || scope.toLowerCase().startsWith(s.toLowerCase())),
  );
  if (!id) {
    const filter = req.query.get('$filter');
    const name = filter ? /roleName\s+eq\s+'([^']*)'/i.exec(filter)?.[1] : undefined;
    return ok({ value: visible.filter((r) => !name || r.properties.roleName === name).map((r) => wire(scope, r)) });
  }
  const role = visible.find((r) => r.id.toLowerCase() === id.toLowerCase());
  if (!role) throw new ArmHttpError(404, 'RoleDefinitionDoesNotExist', 'The specified role definition with ID \'' + id + '\' does not exist.');
  return ok(wire(scope, role));
}
