import type { PlanVerb } from '../engine/engine.js';
import { showDigestPage } from '../handlers/digest.js';
import { showVulnerabilityPage } from '../handlers/images.js';
import type { ActionAnswer, HandlerContext } from '../handlers/types.js';
import { escapeMarkdown } from '../text/markdown.js';

/** How a button arrived: Action.Execute (answered in place) or the Action.Submit fallback of older clients (a message). */
export interface ActionContext extends HandlerContext {
  via: 'execute' | 'submit';
  /** Runs a command text as if the clicker had typed it. */
  runCommand(text: string): Promise<void>;
}

export type ButtonAction = (data: unknown, ctx: ActionContext) => Promise<ActionAnswer>;

function planButton(verb: PlanVerb): ButtonAction {
  return (data, { s, turn }) => s.engine.act(verb, data, turn.person, turn.conversation);
}

/** Choice cards and Fix / Details buttons carry a command text: run it as typed. */
const choose: ButtonAction = async (data, ctx) => {
  const choice = (data as { choice?: unknown } | undefined)?.choice;
  if (ctx.via === 'submit' && typeof choice === 'string') return (await ctx.runCommand(choice), {});
  if (typeof choice !== 'string' || !choice.trim()) return { text: 'That choice is empty. Type the command instead.' };
  await ctx.runCommand(choice);
  return { text: `OK: ${escapeMarkdown(choice)}` };
};

/**
 * Every card button, by verb: plan cards (approve, reject, revert, refresh), choices and Fix buttons (choose), paging.
 * A Map, so a verb like `constructor` or `__proto__` finds nothing.
 */
export const CARD_ACTIONS: ReadonlyMap<string, ButtonAction> = new Map<string, ButtonAction>([
  ['approve', planButton('approve')],
  ['reject', planButton('reject')],
  ['revert', planButton('revert')],
  ['refresh', planButton('refresh')],
  ['choose', choose],
  ['vulnPage', showVulnerabilityPage],
  ['digestPage', showDigestPage],
]);
