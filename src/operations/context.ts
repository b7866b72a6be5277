import type { Operation, OperationContext } from '../approvals/types.js';
import type { Services } from '../services.js';

/** What operations get: the services to read and write through, and who asked. */
export interface OpContext extends OperationContext {
  s: Services;
}

export type Op<Args> = Operation<Args, OpContext>;
