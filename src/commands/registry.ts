import type { Turn } from '../bot/turn.js';
import type { ActionAnswer } from '../approvals/engine.js';
import type { Services } from '../services.js';
import type { Command, CommandKind, CommandOf } from './grammar.js';
import { generalHandlers } from '../operations/general/handlers.js';
import { approvalsHandlers } from '../operations/approvals/handlers.js';
import { controlPlaneHandlers } from '../operations/controlPlane/handlers.js';
import { workloadHandlers } from '../operations/workloads/handlers.js';
import { networkPolicyHandlers } from '../operations/networkPolicy/handlers.js';
import { imagesHandlers, imagesCardActions } from '../operations/images/handlers.js';
import { digestHandlers, digestCardActions } from '../operations/digest/handlers.js';

export interface HandlerContext {
  turn: Turn;
  s: Services;
}

export type Handler<K extends CommandKind> = (cmd: CommandOf<K>, ctx: HandlerContext) => Promise<void>;
export type HandlerMap<K extends CommandKind> = { [P in K]: Handler<P> };
export type CardAction = (data: unknown, ctx: HandlerContext) => Promise<ActionAnswer>;

/** The one registry: every command kind has exactly one handler (the compiler checks it is total). */
const HANDLERS: HandlerMap<CommandKind> = {
  ...generalHandlers,
  ...approvalsHandlers,
  ...controlPlaneHandlers,
  ...workloadHandlers,
  ...networkPolicyHandlers,
  ...imagesHandlers,
  ...digestHandlers,
};

/** Buttons other than the approval verbs (e.g. paging): verb → handler. */
const CARD_ACTIONS: Record<string, CardAction> = {
  ...imagesCardActions,
  ...digestCardActions,
};

export async function dispatch(command: Command, ctx: HandlerContext): Promise<void> {
  const handler = HANDLERS[command.kind] as Handler<typeof command.kind>;
  await handler(command as never, ctx);
}

export async function runCardAction(verb: string, data: unknown, ctx: HandlerContext): Promise<ActionAnswer | undefined> {
  const action = CARD_ACTIONS[verb];
  return action ? action(data, ctx) : undefined;
}
