import type { HandlerMap } from '../../commands/registry.js';
import { UserError } from '../../errors.js';

const later = async () => {
  throw new UserError('This command is not available yet.');
};

export const workloadHandlers: HandlerMap<'exposure' | 'makeInternal' | 'makePublic' | 'restrict' | 'unrestrict'> = {
  exposure: later,
  makeInternal: later,
  makePublic: later,
  restrict: later,
  unrestrict: later,
};
