/** Splits "a, b and c" / "a b c" lists of ranges or names. */
export function splitList(text: string): string[] {
  return text
    .split(/\s*(?:,|;|\band\b|\s)\s*/i)
    .map((s) => s.trim())
    .filter(Boolean);
}
