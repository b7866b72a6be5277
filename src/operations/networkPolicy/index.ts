import type { Op } from '../context.js';
import { allowFlowOperation } from './allowFlow.js';
import { restoreOperation } from './changes.js';
import { removeZeroTrustOperation } from './removeZeroTrust.js';
import { zeroTrustOperation } from './zeroTrust.js';

export const networkPolicyOperations: Op<any>[] = [zeroTrustOperation, allowFlowOperation, removeZeroTrustOperation, restoreOperation];
