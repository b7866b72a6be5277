import type { Op } from '../context.js';
import { setLoadBalancerOperation } from './makeInternal.js';
import { setSourceRangesOperation } from './restrict.js';

export const workloadOperations: Op<any>[] = [setLoadBalancerOperation, setSourceRangesOperation];
