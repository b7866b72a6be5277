import type { CommandKind } from '../commands/grammar.js';
import type { Entity } from './entities.js';

/** Changes to the API server's authorized ranges. */
const API_SERVER_WRITES = new Set<CommandKind>(['allowlistAdd', 'allowlistMyIp', 'allowlistRemove', 'ipRangesSet', 'ipRangesDisable']);

/** Words that put a message on the API server's ranges (normalised: "authorized IP ranges" is `authorizedranges`). */
const API_SERVER_WORD = /allowlist|apiserver|authori[sz]|firewall|kubectl|^(?:api|ranges?|ip|ips|control|plane)$/;

/** Words that name something a workload serves: "the ratings site", "our web app", "the frontend". */
const WORKLOAD_WORD = /^(?:site|website|web|app|application|service|svc|services|frontend|front|portal|page|ui|shop|store|database|db|pods?|workloads?|deployment|ingress|endpoint|storefront)$/;

/**
 * "the ratings site should only be visible from our office": an API-server change read from a message about something
 * else (a workload, a Service) is never run straight away. The doubt to show, or undefined.
 */
export function apiServerDoubt(kind: CommandKind, words: readonly string[], entities: readonly Entity[]): string | undefined {
  if (!API_SERVER_WRITES.has(kind) || words.some((w) => API_SERVER_WORD.test(w))) return undefined;
  const aboutWorkload = entities.some((e) => e.type === 'NAME') || words.some((w) => WORKLOAD_WORD.test(w));
  if (aboutWorkload) return 'That would change who can reach the API server, and your message is about something else.';
  // (round 11: "restrict it to X", "lock that down to X": "it" may be a Service as well as the API server)
  // ("the IP X is not needed, delete it": an address said before "it" is what "it" is)
  const firstAddress = words.findIndex((w) => ADDRESS.test(w));
  const pronoun = words.findIndex((w, i) => i > 0 && PRONOUN.test(w));
  return pronoun > 0 && (firstAddress < 0 || pronoun < firstAddress) ? 'Your words do not say what "it" is: the API server, or a Service.' : undefined;
}

const PRONOUN = /^(?:it|that|this|them|those|these)$/;
const ADDRESS = /^(?:[\d.]+(?:\/\d+)?|[\da-f:]+:[\da-f:]*(?:\/\d+)?|ip|myip)$/i;

/** Words that keep the given ranges and no others: "only", "and remove the rest", "replace them with". */
const ONLY_THESE = /\b(?:only(?! (?:for|until|till|today|tonight|temporarily|while|during)\b)|solely|exclusively|nothing else|no other|no one else|the rest|all (?:the )?others|everything else|anything else|replace|replaced|replacing|instead)\b/;

/** "put only 203.0.113.0/24 and remove the rest": an added range keeps the others, so adding is not surely what was asked. */
export function onlyTheseDoubt(kind: CommandKind, text: string, typed: string): string | undefined {
  return kind === 'allowlistAdd' && (ONLY_THESE.test(text) || ASSIGNED.test(typed)) ? 'Adding keeps the ranges already there; your words may ask for these ranges alone.' : undefined;
}

/** "authorized ranges = A, B": the ranges are given their whole value (round 11). */
const ASSIGNED = /(?:ranges?|allowlist|whitelist|ips?)\s*:?=/i;
