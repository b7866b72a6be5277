/**
 * Round 12: short and tool-flavoured forms of our own words, folded into the words our examples use. Each rule is a
 * class of phrasing, never one sentence; none names a change. Applied by normaliseText with the other phrase lists.
 */
export const SHORT_FORMS: Array<[RegExp, string | ((match: string) => string)]> = [
  // a fortnight is 14 days ("over the past fortnight", "for a fortnight")
  [/\b(?:(?:a|one) )?fortnight\b/g, () => '14 days'],
  // a kube context said as the cluster to use ("ctx X", "context X", "kubectl config use-context X", "kubectx X")
  [/^(?:kubectl config use-context|kubectx|ctx|context|use-context|set context(?: to)?)\s+(?=[a-z0-9][\w-]*\s*$)/g, 'use cluster '],
  // listing said the tool's way ("digest ls", "digests list", "ls digests")
  [/\b(?:digests?) (?:ls|list)\b|\bls digests?\b/g, 'digests'],
];
