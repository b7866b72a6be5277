import type { Understanding } from './types.js';

/** "--dry-run", "--what-if", "what-if:", "dry run:", "(dry-run)": a preview asked for, not the change. */
const DRY_RUN = /(?:^|\s|\()(?:--dry-run(?:=\S+)?|--what-?if|what[- ]?if(?=\s*:)|dry[- ]?run|what-if mode|preview only)\b[:)]?/gi;

/** The message without its dry-run words, or undefined when it asks for no dry run. */
export function withoutDryRun(raw: string): string | undefined {
  if (!DRY_RUN.test(raw)) return undefined;
  DRY_RUN.lastIndex = 0;
  return raw.replace(DRY_RUN, ' ').replace(/\s+/g, ' ').trim();
}

/** A change asked for as a dry run: one button for it, whose plan card is the preview; nothing is planned yet. */
export function dryRunAsk(command: string, intent: string, score: number): Understanding {
  return {
    kind: 'ask',
    question: `A dry run of \`${command}\`?`,
    detail: 'Nothing changes now. Pick it to see the plan: it shows what would change, and nothing is applied unless it is approved.',
    options: [{ title: command, command }],
    intent,
    score,
  };
}
