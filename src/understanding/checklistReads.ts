/**
 * Round 14b: a checklist item's read, said with a reviewer's verb at its start: "Review the API server ranges
 * (aks-x)", "Go over the 90-day trend", "Confirm 192.0.2.0/24 is still in X's allowlist". To review is to be
 * shown it (approval requests excepted: "review the pending requests" stays theirs); to confirm that a value is still
 * in a list is to read the list, never to add it. "90-day", "8-hour": a length, as "90 day" says it. A report
 * "configured" is set up; a worried "is anyone able to get to the API server" asks who can reach it.
 * Applied by normaliseText (lower case) with the other phrase lists.
 */
export const CHECKLIST_READS: Array<[RegExp, string]> = [
  [/^((?:please |kindly |pls )?)(?:review|go over|go through|look over|walk through)(?: the| our)? (?!(?:any |all |the )?(?:pending|open|outstanding|waiting|requests?|approvals?|change requests?|what)\b)/g, '$1show '],
  [/^((?:please |kindly |pls )?)(?:confirm|verify|double[- ]check|check)(?: that)? (?=(?:our |my |the )?\S+ (?:is|are) (?:still |now |already |really )?(?:in|on|part of|listed in|included in)\b)/g, '$1check whether '],
  [/\b(\d{1,3})-(day|week|hour|month|minute)s?\b/g, '$1 $2'],
  // a report configured is set up ("configure the daily posture digest 07:45 UTC")
  [/\bconfigure (?=(?:a |an |the |our )?(?:[a-z-]+ ){0,2}(?:digests?|summar(?:y|ies)|reports?)\b)/g, 'set up '],
  // "is anyone able to get to the API server", "can they get to the control plane": reach it
  [/\b(able to|(?:can|could|may)(?: (?:anyone|anybody|someone|somebody|they|people|outsiders|the internet))?) get to (?=(?:the |our |its |their )?(?:[a-z-]+ )?(?:api|apiserver|api server|control plane|k8s api|kubernetes api)\b)/g, '$1 reach '],
];
