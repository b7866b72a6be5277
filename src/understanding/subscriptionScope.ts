import { type Command, format, parse } from '../commands/grammar.js';
import type { Snapshot, Understanding } from './types.js';

const SCOPED = new Set(['defenderStatus', 'defenderSet']);
const SCOPE = /\b(?:in|on|for|across)\s+(?=(?:the\s+|our\s+|my\s+|your\s+|this\s+|that\s+)?([a-z0-9][\w.-]*)(\s+(?:sub|subs|subscription)\b)?)/gi;

/**
 * A Defender reading from free text keeps the subscription the words name ("off in Retail, too costly",
 * "the retail sub"): dropping it would plan the change on the default cluster's subscription instead.
 */
export function withSubscriptionScope(typed: string, u: Understanding, snap: Snapshot): Understanding {
  if (u.kind !== 'sure' || typeof typed !== 'string') return u;
  const p = parse(u.command);
  if (!p.ok || !SCOPED.has(p.command.kind)) return u;
  const c = p.command as Command & { cluster?: string; subscription?: string };
  if (c.subscription) return u;
  const known = snap.subscriptions ?? [];
  for (const m of typed.matchAll(SCOPE)) {
    const word = m[1];
    const sub = known.find((s) => s.name.toLowerCase() === word.toLowerCase() || s.id.toLowerCase() === word.toLowerCase());
    // a cluster the words name stays, unless they call the word a subscription ("the production subscription")
    if (c.cluster && !m[2]) continue;
    // a word called a subscription is one even when we cannot list them: the handler refuses a name it does not manage
    if (sub || m[2]) return { ...u, command: format({ ...c, cluster: undefined, subscription: sub ? sub.name : word } as Command) };
  }
  return u;
}
