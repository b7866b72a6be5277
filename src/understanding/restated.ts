/**
 * Round 12d: "can A resolve names, i.e. reach kube-dns on 53/udp?": the words after "i.e." restate the purpose
 * before them as the flow itself, so the purpose is dropped and the flow read as one clause (the comma around "i.e."
 * starts no clause of its own). A purpose with no restatement ("can A resolve names?") is left as it is.
 */
const PURPOSE_RESTATED = /\b(?:resolve|look ?up|lookup|do) (?:dns |host ?)?(?:names?|dns|lookups?|hostnames?|queries)(?: (?:via|through|with|using|over) (?:the )?(?:dns|kube-dns|coredns))?\s*,?\s*(?:i\.?e\.?|that is|meaning|aka|in other words|or rather)\s*,?\s*(?:can (?:it|they) )?(?=(?:reach|talk to|connect to|get to|access)\b)/gi;

export function withoutRestatedPurpose(raw: string): string {
  return raw.replace(PURPOSE_RESTATED, '');
}
