import type { HandlerMap } from '../../commands/registry.js';
import { UserError } from '../../errors.js';

const later = async () => {
  throw new UserError('This command is not available yet.');
};

export const imagesHandlers: HandlerMap<'defenderStatus' | 'defenderSet' | 'vulnerabilities'> = {
  defenderStatus: later,
  defenderSet: later,
  vulnerabilities: later,
};
export const imagesCardActions = {};
