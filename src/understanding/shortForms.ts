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
  // the Service field given a value the tool's way ("X loadBalancerSourceRanges=myip", "X source ranges: A")
  [/(?<![\w-])([a-z0-9][\w-]*?)(?:'s)? (?:loadbalancersourceranges|source ranges)\s*[=:]\s*/g, 'restrict $1 to '],
  // "the default cluster is fine": the default is the cluster, never a namespace called default
  [/[,.;]?\s*(?:on |in |for )?the default (?:cluster|one) (?:is (?:fine|ok|okay|good)|will do)\b/g, ''],
  // a greeting asked as a question ("alright palisade?", "all right?")
  [/^\s*(?:alright|all right|allo)(?: (?:palisade|mate|there|bot))?\s*\?*\s*$/g, 'hello'],
  // "myip" glued, the way a flag's value is typed
  [/\bmyip\b/g, 'my ip'],
];
