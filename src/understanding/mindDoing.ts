/**
 * Round 13c: "would you mind making X internal?", "do you mind checking whether …", "mind adding A?": a polite request
 * said with a gerund is the request itself ("could you make X internal"). "would you mind if I …" asks leave, and is
 * left alone.
 */
const E_VERBS = new Set(['make', 'remove', 'disable', 'enable', 'give', 'take', 'move', 'close', 'use', 'isolate', 'revoke', 'schedule', 'share', 'update', 'configure', 'change', 'provide', 'raise', 'deactivate', 'activate', 'restore', 'unsubscribe', 'describe', 'pause', 'increase', 'reduce', 'compare', 'have', 'leave', 'secure', 'expose', 'whitelist', 'purge', 'issue', 'ensure', 'analyse', 'analyze', 'generate', 'write', 'shape', 'scope']);

/** The verb a gerund stands for: "making" → make, "putting" → put, "checking" → check. */
export function verbOf(gerund: string): string {
  const stem = gerund.replace(/ing$/, '');
  if (E_VERBS.has(`${stem}e`)) return `${stem}e`;
  // a doubled last consonant ("putting", "letting", "setting", "running", "stopping")
  if (/([bdgklmnprt])\1$/.test(stem) && !/(?:ll|ss)$/.test(stem)) return stem.slice(0, -1);
  return stem;
}

export const MIND_DOING: Array<[RegExp, (m: string, ...g: string[]) => string]> = [
  [/(?:^\W*|\b(?:would|do|could|will) (?:you|u) )(?:please )?mind ([a-z]{3,}ing)\b/g, (_: string, gerund: string) => `could you ${verbOf(gerund)}`],
];
