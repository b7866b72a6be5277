import { parseDuration } from '../text/durations.js';

/** `audit since …` → the instant it means (UTC days; weeks start on Monday). */
export function sinceInstant(since: string, now: Date): Date {
  const midnight = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const today = midnight(now);
  const daysBack = (n: number) => new Date(today.getTime() - n * 86400e3);
  const monday = daysBack((today.getUTCDay() + 6) % 7);
  switch (since) {
    case 'today':
      return today;
    case 'yesterday':
      return daysBack(1);
    case 'this week':
      return monday;
    case 'last week':
      return new Date(monday.getTime() - 7 * 86400e3);
    case 'this month':
      return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(since)) return new Date(`${since}T00:00:00Z`);
  return new Date(now.getTime() - (parseDuration(since) ?? 0));
}
