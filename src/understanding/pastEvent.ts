import { type Command, parse } from '../commands/grammar.js';
import { oneButton, oppositeChange, sureChange } from './sureChange.js';
import type { Understanding } from './types.js';

const STATE_OF: Partial<Record<Command['kind'], RegExp>> = { makeInternal: /internal|private/, makePublic: /public|external/ };
/** "X was made internal", "X got switched to public", "someone made X public": what happened, told in the past. */
const HAPPENED = /\b(?:was|were|got|gotten|has been|have been|had been|been|is being)\s+(?:made|set|switched|turned|moved|changed|put|flipped)\s+(?:back\s+)?(?:to\s+|on(?:to)?\s+)?(?:an?\s+|the\s+)?(internal|private|public|external)\b|\b(?:someone|somebody|they|he|she|we|you|i|who|accidentally|mistakenly)\s+(?:accidentally\s+|mistakenly\s+)?(?:made|set|switched|turned|moved|flipped)\s+(?:\S+\s+){1,3}?(?:to\s+)?(?:an?\s+)?(internal|private|public|external)\b/i;
const UNDO = /\b(?:back|revert|undo|restore|roll ?back|put (?:it|that) back|return it|as (?:it|they) (?:was|were))\b/i;

/**
 * Round 12: a change told as what happened ("X was made internal by mistake, switch it back") is no order for that
 * change: with words of undoing, the opposite is one button; without, nothing is planned.
 */
export function pastEventAsked(typed: string, u: Understanding): Understanding {
  // (a one-button ask for the change told as what happened offers its undoing instead: "did you mean X?" would be it again)
  if (u.kind === 'ask' && u.options.length === 1) {
    const undo = pastEventAsked(typed, { kind: 'sure', command: u.options[0].command, intent: u.intent ?? '', score: u.score });
    return undo.kind === 'ask' && undo.options[0].command !== u.options[0].command ? undo : u;
  }
  if (!sureChange(typed, u)) return u;
  const p = parse(u.command);
  const state = p.ok ? STATE_OF[p.command.kind] : undefined;
  const m = HAPPENED.exec(typed);
  if (!p.ok || !state || !m || !state.test(m[1] ?? m[2] ?? '')) return u;
  const command = oppositeChange(p.command);
  if (command && UNDO.test(typed.slice(m.index + m[0].length))) {
    return { kind: 'ask', question: `Did you mean to undo it: \`${command}\`?`, detail: 'You told me what happened; pick the change to see its plan, you still approve it.', options: [{ title: command, command }], intent: u.intent, score: u.score };
  }
  return oneButton(u, `That reads as what happened, not as a request for \`${u.command}\`, so I changed nothing.`, 'Pick it only if you want that change made now; you still approve the plan.');
}
