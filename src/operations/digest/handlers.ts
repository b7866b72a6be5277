import type { HandlerMap } from '../../commands/registry.js';
import { UserError } from '../../errors.js';

const later = async () => {
  throw new UserError('This command is not available yet.');
};

export const digestHandlers: HandlerMap<'digestSchedule' | 'digestNow' | 'digestOff' | 'digests'> = {
  digestSchedule: later,
  digestNow: later,
  digestOff: later,
  digests: later,
};
