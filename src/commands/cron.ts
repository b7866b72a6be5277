import { Cron } from 'croner';
import { escapeMarkdown, quoted } from '../text/markdown.js';

/** Digests are a summary, not a feed: cron expressions may fire at most once an hour. */
export const MIN_INTERVAL_MS = 60 * 60_000;

export const CRON_OPTIONS = { paused: true, mode: '5-part' } as const;

/** Why croner refuses an expression, or why we do (too frequent, never fires); undefined when it is fine. */
export function cronProblem(expression: string, timeZone = 'UTC', from = new Date()): string | undefined {
  let job: Cron;
  try {
    job = new Cron(expression, { ...CRON_OPTIONS, timezone: timeZone });
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).replace(/^CronPattern:\s*/i, '');
    return `${quoted(expression)} is not a valid cron expression: ${escapeMarkdown(reason.slice(0, 200))}.`;
  }
  const runs = job.nextRuns(12, from);
  if (runs.length === 0) return `${quoted(expression)} never fires.`;
  for (let i = 1; i < runs.length; i++)
    if (runs[i].getTime() - runs[i - 1].getTime() < MIN_INTERVAL_MS) return `${quoted(expression)} fires more than once an hour; a digest may run at most hourly.`;
  return undefined;
}
