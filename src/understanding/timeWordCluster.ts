import type { Command } from '../commands/grammar.js';

/**
 * Round 14a: "status NOW", "status asap", "status rn": a word of urgency or time where the grammar takes a cluster's
 * name is when the writer wants it, never a cluster (the read is of the conversation's cluster).
 */
const WHEN_WORD = /^(?:now|asap|rn|today|again|quick|quickly|urgently|immediately|pls|plz|please|already|first)$/i;

/** The text without its last word when the grammar read that word of time as the cluster of a read. */
export function withoutTimeWordCluster(raw: string, command: Command, proposesChange: boolean): string | undefined {
  const cluster = (command as { cluster?: unknown }).cluster;
  if (proposesChange || typeof cluster !== 'string' || !WHEN_WORD.test(cluster)) return undefined;
  const m = new RegExp(`^(.*\\S)\\s+(?:on\\s+)?${cluster}[\\s.!?]*$`, 'i').exec(raw.trim());
  return m ? m[1] : undefined;
}
