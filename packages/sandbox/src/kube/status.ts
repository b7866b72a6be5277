import type { Json } from '../world.js';
import { aggregate } from './validation/fieldErrors.js';

/** A Kubernetes API error carried as a metav1.Status body. */
export class KubeStatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Json,
  ) {
    super(message);
  }

  toStatus(): Json {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

function resourceName(group: string, plural: string): string {
  return group ? `${plural}.${group}` : plural;
}

export const statusErrors = {
  notFound: (group: string, plural: string, name: string) =>
    new KubeStatusError(404, 'NotFound', `${resourceName(group, plural)} "${name}" not found`, { name, group: group || undefined, kind: plural }),
  alreadyExists: (group: string, plural: string, name: string) =>
    new KubeStatusError(409, 'AlreadyExists', `${resourceName(group, plural)} "${name}" already exists`, { name, group: group || undefined, kind: plural }),
  conflict: (group: string, plural: string, name: string) =>
    new KubeStatusError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${resourceName(group, plural)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      { name, group: group || undefined, kind: plural },
    ),
  /** NewInvalid: `<Kind>.<group> "<name>" is invalid: <one error, or [several, in brackets]>`. */
  invalid: (group: string, kind: string, name: string, causes: Array<{ field: string; message: string; reason?: string }>) =>
    new KubeStatusError(
      422,
      'Invalid',
      `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${aggregate(causes.map((c) => ({ reason: 'FieldValueInvalid', ...c })))}`,
      {
        name,
        group: group || undefined,
        kind,
        causes: causes.map((c) => ({ reason: c.reason ?? 'FieldValueInvalid', message: c.message, field: c.field })),
      },
    ),
  badRequest: (message: string) => new KubeStatusError(400, 'BadRequest', message),
  forbidden: (message: string) => new KubeStatusError(403, 'Forbidden', message),
  unauthorized: () => new KubeStatusError(401, 'Unauthorized', 'Unauthorized'),
  methodNotAllowed: (message = 'the server does not allow this method on the requested resource') =>
    new KubeStatusError(405, 'MethodNotAllowed', message),
  unsupportedMediaType: (type: string) =>
    new KubeStatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got ${type})`),
};
