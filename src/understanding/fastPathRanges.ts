import type { Command } from '../commands/grammar.js';

/**
 * Round 11d: the exact grammar takes any comma- or space-separated words after "allowlist", "remove … from allowlist",
 * "set ip ranges" or "restrict X to" for ranges, so a sentence ("add a policy so A can get to B on 27017") parses.
 * The ranges with no digit in them are words, not addresses: such a reading is no exact command of the grammar's.
 * (A value with digits that no parser accepts, 300.1.2.3, is an address mistyped: its handler answers it.)
 */
export function rangesOfWords(command: Command): string[] | undefined {
  const ranges = (command as { ranges?: unknown }).ranges;
  if (!Array.isArray(ranges)) return undefined;
  const words = (ranges as string[]).filter((r) => !/\d/.test(r));
  return words.length ? words : undefined;
}
