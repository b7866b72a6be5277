import type { HandlerMap } from '../../commands/registry.js';
import { UserError } from '../../errors.js';

const later = async () => {
  throw new UserError('This command is not available yet.');
};

export const networkPolicyHandlers: HandlerMap<'networkPolicies' | 'zeroTrust' | 'removeZeroTrust' | 'allowFlow' | 'canReach'> = {
  networkPolicies: later,
  zeroTrust: later,
  removeZeroTrust: later,
  allowFlow: later,
  canReach: later,
};
