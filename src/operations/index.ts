import { OP, type OperationName } from '../approvals/names.js';
import type { AnyOperation, ArgsOf, PlanOfOperation } from '../approvals/types.js';
import { setRangesOperation } from './controlPlane/setRanges.js';
import { setContainersPlanOperation } from './images/setContainersPlan.js';
import { allowFlowOperation } from './networkPolicy/allowFlow.js';
import { restoreOperation } from './networkPolicy/changes.js';
import { removeZeroTrustOperation } from './networkPolicy/removeZeroTrust.js';
import { zeroTrustOperation } from './networkPolicy/zeroTrust.js';
import { setLoadBalancerOperation } from './workloads/makeInternal.js';
import { setSourceRangesOperation } from './workloads/restrict.js';

/** Every operation the approval engine can plan and apply: one per name in OP, each under its own name. */
export const OPERATIONS = {
  [OP.setRanges]: setRangesOperation,
  [OP.setLoadBalancer]: setLoadBalancerOperation,
  [OP.setSourceRanges]: setSourceRangesOperation,
  [OP.zeroTrust]: zeroTrustOperation,
  [OP.allowFlow]: allowFlowOperation,
  [OP.removeZeroTrust]: removeZeroTrustOperation,
  [OP.restorePolicies]: restoreOperation,
  [OP.setContainersPlan]: setContainersPlanOperation,
} satisfies { [N in OperationName]: AnyOperation };

export type OperationCatalog = typeof OPERATIONS;

/** The arguments operation `N` plans with. */
export type OperationArgs<N extends OperationName> = ArgsOf<OperationCatalog[N]>;

/** The stored plan of operation `N`, with its current and desired state typed. */
export type OperationPlan<N extends OperationName> = PlanOfOperation<OperationCatalog[N]>;
