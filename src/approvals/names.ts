/**
 * The closed set of operations Palisade can plan and apply. Plans, reverts, timers and capture links store these
 * names: never rename a value. src/operations/index.ts maps every name to its operation (the compiler checks it).
 */
export const OP = {
  setRanges: 'controlPlane.setRanges',
  setLoadBalancer: 'workloads.setLoadBalancer',
  setSourceRanges: 'workloads.setSourceRanges',
  zeroTrust: 'networkPolicy.zeroTrust',
  allowFlow: 'networkPolicy.allowFlow',
  removeZeroTrust: 'networkPolicy.removeZeroTrust',
  restorePolicies: 'networkPolicy.restore',
  setContainersPlan: 'images.setContainersPlan',
} as const;

export type OperationName = (typeof OP)[keyof typeof OP];

const NAMES: ReadonlySet<string> = new Set(Object.values(OP));

/** For names read back from storage or a button: only the ones above. */
export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && NAMES.has(name);
}
