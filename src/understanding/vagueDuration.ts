import { type Command, format, parse } from '../commands/grammar.js';
import { oneButton, sureChange } from './sureChange.js';
import type { Understanding } from './types.js';

/** "for a few hours", "for several days", "for a while", "until I'm done", "temporarily": it should end, but when is not said. */
const VAGUE = /\bfor (?:a few|few|several|some|a number of|a handful of) (min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|weeks?)\b|\bfor (?:a (?:little |short )?(?:while|bit|short time)|some time|a little|the time being)\b|\b(?:until|till|til) (?:i'?m|i am|we'?re|we are|i'?ve|we'?ve) (?:done|finished|through|back)\b|\btemporarily\b/i;

const CHOICES: Record<string, number[]> = {
  m: [15, 30, 45].map((n) => n * 60_000),
  h: [2, 4, 8].map((n) => n * 3_600_000),
  d: [2, 3, 7].map((n) => n * 86_400_000),
  w: [7, 14].map((n) => n * 86_400_000),
};

/**
 * Round 12: a change wanted for a time not given. An allowlist entry is asked about with a few lengths, never planned
 * for ever; a change that cannot expire is one button that says so.
 */
export function vagueDurationAsked(typed: string, u: Understanding): Understanding {
  if (!sureChange(typed, u)) return u;
  const m = VAGUE.exec(typed);
  const p = parse(u.command);
  if (!m || !p.ok) return u;
  if (!('durationMs' in p.command)) return oneButton(u, `\`${u.command}\` does not expire: it stays until you undo it.`, `You said "${m[0]}". Pick it if that is fine; you still approve the plan.`);
  if (p.command.durationMs !== undefined) return u;
  const unit = (m[1] ?? 'h')[0].toLowerCase();
  const options = (CHOICES[unit] ?? CHOICES.h).map((durationMs) => format({ ...p.command, durationMs } as Command)).map((command) => ({ title: command, command }));
  return { kind: 'ask', question: `For how long? You said "${m[0]}".`, detail: 'Pick a length, or type the command with your own (`for 90m`, `for 2d`).', options, intent: u.intent, score: u.score };
}
