/** Pure text clean-up for chat input: Teams mentions, HTML, politeness, punctuation. */

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };
const POLITE_PREFIX = /^(?:(?:hey|hi|hello|ok|okay)\s*,?\s+)?(?:palisade\s*,?\s+)?(?:(?:please|pls|plz|kindly)\s+|(?:can|could|would|will) you(?: please)?\s+)+/i;
// The look-behind keeps a bare "thanks" (a command of its own) from being stripped to nothing
const POLITE_SUFFIX = /(?<=\S)\s*(?:,?\s*\b(?:please|pls|plz|thanks|thank you|thx))+\s*$/i;

/** Longest message we read; Teams allows ~28 KB, our grammar never needs more than a few hundred characters. */
export const MAX_COMMAND_LENGTH = 2000;

export function normalize(raw: string): string {
  let t = raw.slice(0, 20_000);
  t = t.replace(/<at\b[^>]*>.*?<\/at>/gis, ' '); // Teams @mentions arrive as <at>Name</at>
  t = t.replace(/<[^>]+>/g, ' ');
  t = t.replace(/&[a-z#0-9]+;/gi, (e) => ENTITIES[e.toLowerCase()] ?? ' ');
  t = t.replace(/[\u200b-\u200d\ufeff]/g, '');
  t = t.replace(/[“”]/g, '"').replace(/[‘’]/g, "'");
  t = t.replace(/\s+/g, ' ').trim();
  t = t.replace(/^[/!]+/, ''); // "/status" and "!status" are habits from other bots
  t = t.replace(/[.!?]+$/, '').trim();
  for (let i = 0; i < 3; i++) t = t.replace(POLITE_PREFIX, '').replace(POLITE_SUFFIX, '').trim();
  return t.replace(/[.!?]+$/, '').trim();
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** Splits "a, b and c" / "a b c" lists of ranges or names. */
export function splitList(text: string): string[] {
  return text
    .split(/\s*(?:,|;|\band\b|\s)\s*/i)
    .map((s) => s.trim())
    .filter(Boolean);
}

const UNITS: Record<string, number> = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3 };

/** "90m", "2h", "1 day", "30 minutes" → ms; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|weeks?)$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = m[2].toLowerCase();
  const key = unit.startsWith('mi') || unit === 'm' ? 'm' : unit[0];
  const ms = Number(m[1]) * UNITS[key];
  return ms > 0 ? ms : undefined;
}

export function formatDuration(ms: number): string {
  const min = Math.round(ms / 60e3);
  if (min < 1) return `${Math.max(1, Math.round(ms / 1e3))}s`;
  if (min < 60) return `${min}m`;
  const h = Math.floor(min / 60);
  const rest = min % 60;
  if (h < 48) return rest ? `${h}h ${rest}m` : `${h}h`;
  return `${Math.round(h / 24)}d`;
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
