import type { UserInfo } from '../authn.js';

/** authorizer.Attributes: what the RBAC authorizer decides on (the API server's RequestInfo plus the user). */
export interface RequestAttributes {
  user: UserInfo;
  verb: string;
  /** False for non-resource paths such as /version and /openapi/v3. */
  resourceRequest: boolean;
  path: string;
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
}
