import type { Operation } from '../approvals/types.js';
import type { HttpRoute } from '../bot/server.js';
import type { Services } from '../services.js';
import { controlPlaneOperations, controlPlaneRoutes } from './controlPlane/index.js';
import { workloadOperations } from './workloads/index.js';
import { networkPolicyOperations } from './networkPolicy/index.js';
import { imagesOperations } from './images/index.js';

/** Every operation the approval engine can plan and apply, by name. */
export function allOperations(): Map<string, Operation<any, any>> {
  const ops = [...controlPlaneOperations, ...workloadOperations, ...networkPolicyOperations, ...imagesOperations];
  return new Map(ops.map((o) => [o.name, o]));
}

export function httpRoutes(s: Services): HttpRoute[] {
  return [...controlPlaneRoutes(s)];
}
