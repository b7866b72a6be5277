import type { Command } from '../commands/grammar.js';
import { approvalsHandlers } from '../handlers/approvals.js';
import { controlPlaneHandlers } from '../handlers/controlPlane.js';
import { digestHandlers } from '../handlers/digest.js';
import { generalHandlers } from '../handlers/general.js';
import { imagesHandlers } from '../handlers/images.js';
import { networkPolicyHandlers } from '../handlers/networkPolicy.js';
import { trendHandlers } from '../handlers/trend.js';
import type { CommandKind } from '../commands/grammar.js';
import type { Handler, HandlerContext, HandlerMap } from '../handlers/types.js';
import { workloadHandlers } from '../handlers/workloads.js';

/** The one registry: every command kind has exactly one handler (the compiler checks it is total). */
const HANDLERS: HandlerMap<CommandKind> = {
  ...generalHandlers,
  ...approvalsHandlers,
  ...controlPlaneHandlers,
  ...workloadHandlers,
  ...networkPolicyHandlers,
  ...imagesHandlers,
  ...digestHandlers,
  ...trendHandlers,
};

/** The command kinds with a handler (all of them). */
export const HANDLED_KINDS: readonly CommandKind[] = Object.keys(HANDLERS) as CommandKind[];

export async function dispatch(command: Command, ctx: HandlerContext): Promise<void> {
  const handler = HANDLERS[command.kind] as Handler<typeof command.kind>;
  await handler(command as never, ctx);
}
