import { parse, specOf } from '../commands/grammar.js';
import type { Understanding } from './types.js';

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
