import { type CommandKind, format, specOf } from '../commands/grammar.js';
import { helpSections } from '../commands/help.js';

/**
 * "How do I make X internal?" asks how a change is done, not for it to be done, nor for a read about X: the answer is
 * the help for that command (its usage and an example), found by the first of its own keywords that help knows.
 */
export function helpFor(kind: CommandKind): string {
  const spec = specOf(kind);
  const candidates = [...(spec.keywords ?? []), spec.usage.split(/[\s[<|]/)[0], kind.toLowerCase()].map((t) => t.toLowerCase()).filter(Boolean);
  const topic = candidates.find((t) => helpSections(t).some((s) => s.commands.some((c) => c.kind === kind))) ?? kind.toLowerCase();
  return format({ kind: 'help', topic });
}
