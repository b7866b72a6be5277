import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Yaml from 'yaml';
import { lazy } from '../lazy.js';
import { z } from 'zod';

/**
 * Intents come from data: src/commands/examples/*.yaml, one entry per way of using a command: the canonical command
 * template with {slots}, whether it changes anything, and example utterances with {placeholders} for values.
 * Adding a command = its spec + an entry here; the scorer needs no change.
 */

// loaded when the intents are (see src/lazy.ts)
const yaml = lazy<typeof Yaml>('yaml');

const IntentFile = z.array(
  z.object({
    intent: z.string().min(1),
    command: z.string().min(1),
    write: z.boolean().default(false),
    /** A question the user must answer when a required slot is missing, e.g. "Which Service?". */
    ask: z.string().optional(),
    /** Other intents to offer when a required value is missing (they are filled with "my ip"). */
    offer: z.array(z.string()).optional(),
    /** The change only makes sense when the named Service is in one of these states (else it would change nothing). */
    when: z.array(z.enum(['public', 'internal', 'restricted'])).optional(),
    /** A reading of this intent needs one of these words (what tells it from its neighbour: a digest is *sent*, now). */
    needs: z.array(z.string().min(1)).optional(),
    examples: z.array(z.string().min(1)).min(3),
  }),
);

export type IntentSpec = z.infer<typeof IntentFile>[number] & { area: string };

export const EXAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'commands', 'examples');

let loaded: IntentSpec[] | undefined;

/** Read once per process; a broken file fails loudly at start (and in tests), never per message. */
export function loadIntents(dir = EXAMPLES_DIR): IntentSpec[] {
  if (loaded && dir === EXAMPLES_DIR) return loaded;
  const out: IntentSpec[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const parsed = IntentFile.safeParse(yaml().parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    out.push(...parsed.data.map((d) => ({ ...d, area: file.replace(/\.yaml$/, '') })));
  }
  const seen = new Set<string>();
  for (const i of out) {
    if (seen.has(i.intent)) throw new Error(`intent "${i.intent}" is defined twice`);
    seen.add(i.intent);
  }
  if (dir === EXAMPLES_DIR) loaded = out;
  return out;
}
