/**
 * Round 11d: a digest schedule said the way one remembers it, without the grammar's `at` or a cron expression:
 * "digest weekly fri 10:00 Europe/Berlin" → `digest cron "0 10 * * 5" Europe/Berlin`, "digest mon-fri 7:00" →
 * `digest weekdays at 07:00`, "digest daily 9am" → `digest daily at 09:00`. Anything else is not one (undefined).
 */

const DAY_NUMBERS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** A day's name, short or long, one or many ("fri", "friday", "fridays"); never "monthly". */
const DAY = '(mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)s?';
const BARE = new RegExp(
  `^(?:send\\s+)?digests?\\s+(?:(daily|weekdays|workdays|mon-fri|every\\s+day)|(?:(?:weekly|every)\\s+)?(?:on\\s+)?${DAY})\\s+(?:at\\s+)?(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)?(?:\\s+([A-Za-z_]+\\/[A-Za-z_]+|utc))?(?:\\s+for\\s+([a-z0-9][a-z0-9, -]*))?$`,
  'i',
);

export function digestScheduleSaidBare(text: string): string | undefined {
  const m = BARE.exec(text.trim());
  if (!m) return undefined;
  const [, daily, day, h, min = '00', ampm, tz, clusters] = m;
  let hour = Number(h);
  if (ampm) hour = (hour % 12) + (/pm/i.test(ampm) ? 12 : 0);
  if (hour > 23 || Number(min) > 59) return undefined;
  // (the clusters it is for, as the grammar takes them: `for <cluster>[, …]`)
  const zone = `${tz ? ` ${tz}` : ''}${clusters ? ` for ${clusters.trim()}` : ''}`;
  if (daily) return `digest ${/weekdays|workdays|mon-fri/i.test(daily) ? 'weekdays' : 'daily'} at ${String(hour).padStart(2, '0')}:${min}${zone}`;
  return `digest cron "${Number(min)} ${hour} * * ${DAY_NUMBERS[day.toLowerCase().slice(0, 3)]}"${zone}`;
}
