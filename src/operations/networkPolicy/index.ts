import type { Op } from '../context.js';

export const networkPolicyOperations: Op<any>[] = [];
