import { type Command, format, parse } from '../commands/grammar.js';
import { sureChange } from './sureChange.js';
import type { Understanding } from './types.js';

const ADDRESS = String.raw`[0-9a-f:.]+(?:\/\d{1,3})?`;
/** "A or B", "either A or B": one of two addresses, not both ("and/or" still lists both). */
const EITHER = new RegExp(String.raw`(?:^|[\s,(])${ADDRESS},?\s+(?<!and\/)or\s+(?:maybe\s+|perhaps\s+)?${ADDRESS}(?=$|[\s,.;:!?)])`, 'i');

/** Round 12: ranges joined by "or" are a choice: one button per range, never both planned. */
export function alternativesAsked(typed: string, u: Understanding): Understanding {
  if (!sureChange(typed, u) || !EITHER.test(typed)) return u;
  const p = parse(u.command);
  if (!p.ok || !('ranges' in p.command) || !Array.isArray(p.command.ranges) || p.command.ranges.length < 2) return u;
  const options = (p.command.ranges as string[]).slice(0, 4).map((range) => format({ ...p.command, ranges: [range] } as Command)).map((command) => ({ title: command, command }));
  return { kind: 'ask', question: 'Which one? You wrote "or" between the ranges.', detail: 'Pick one; each is a plan you approve. To add both, say "A and B".', options, intent: u.intent, score: u.score };
}
