/** Edit distance between two strings: how many single-character edits turn one into the other. */
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

/** Candidates within `maxDistance` edits of `name`, in their order: the names a typo probably meant. */
export function within(name: string, candidates: string[], maxDistance: number): string[] {
  return candidates.filter((c) => levenshtein(c, name) <= maxDistance);
}
