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
