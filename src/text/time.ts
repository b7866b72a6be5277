/** Times and time zones for people: what cards, digests and schedules show. */

/** "2026-11-28T09:00:12Z" → "2026-11-28 09:00 UTC"; empty for no time. */
export function utcMinute(iso: string | undefined): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '';
}

/** "2026-11-28T09:00:12Z" → "09:00 UTC": a time later today. */
export function utcClock(iso: string): string {
  return `${iso.slice(11, 16)} UTC`;
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** "europe/berlin" → "Europe/Berlin" (IANA lookups are case-insensitive; cards show the canonical name). */
export function canonicalZone(tz: string): string {
  return new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone;
}

function zoneParts(ms: number, timeZone: string, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short', ...options });
  return Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
}

/** "Sat 2026-11-28 09:00 CET (08:00 UTC)": the zone people chose, and UTC to compare across zones. */
export function formatInZone(ms: number, timeZone: string): string {
  const parts = zoneParts(ms, timeZone, { weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit' });
  const local = `${parts.weekday} ${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
  return timeZone === 'UTC' || timeZone === 'Etc/UTC' ? local : `${local} (${utcClock(new Date(ms).toISOString())})`;
}

/** "Fri 27 Nov 09:00 CET": compact, for trends and expiry times inside a digest. */
export function shortInZone(ms: number, timeZone: string): string {
  const parts = zoneParts(ms, timeZone, { weekday: 'short', day: 'numeric', month: 'short' });
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}
