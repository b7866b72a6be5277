import { type Command, format, parse, specOf } from '../commands/grammar.js';
import type { Choice, Understanding } from './types.js';

type Sure = Extract<Understanding, { kind: 'sure' }>;

/** A reading of typed text that would plan a change: the checks of round 11 look at nothing else. */
export function sureChange(typed: unknown, u: Understanding): u is Sure {
  if (u.kind !== 'sure' || typeof typed !== 'string') return false;
  const p = parse(u.command);
  return p.ok && specOf(p.command.kind).proposesChange === true;
}

/** The change offered as one button, never planned: the person picks it to see its plan. */
export function oneButton(u: Sure, question: string, detail: string): Understanding {
  return { kind: 'ask', question, detail, options: [{ title: u.command, command: u.command }], intent: u.intent, score: u.score };
}

/** The change that undoes this one, where the grammar has one (internal and public, zero trust on and off). */
export function oppositeChange(c: Command): string | undefined {
  if (c.kind === 'makeInternal' || c.kind === 'makePublic') return format({ kind: c.kind === 'makeInternal' ? 'makePublic' : 'makeInternal', service: c.service, namespace: c.namespace, cluster: c.cluster });
  if (c.kind === 'zeroTrust') return format({ kind: 'removeZeroTrust', namespace: c.namespace, cluster: c.cluster });
  if (c.kind === 'removeZeroTrust') return format({ kind: 'zeroTrust', namespace: c.namespace, force: false, cluster: c.cluster });
  return undefined;
}

/** Buttons for the commands that parse, in order (a missing or unparsable one is left out). */
export function choicesOf(commands: Array<string | undefined>): Choice[] {
  return commands.filter((t): t is string => !!t && parse(t).ok).map((t) => ({ title: t, command: t }));
}
