/** A literal string as a regular expression matches it (names such as "ratings-web" or "a.b" inside a pattern). */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
