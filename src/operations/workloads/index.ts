import type { Op } from '../context.js';

export const workloadOperations: Op<any>[] = [];
