import { quoted } from '../text/markdown.js';

/** The shape of one command's syntax. Specs are pure: text in, typed command (or a helpful failure) out. */

export type Area = 'General' | 'Approvals' | 'Control plane' | 'Workloads' | 'Network policy' | 'Images' | 'Digests';

export interface ParseFailure {
  error: string;
}

export interface CommandSpec<C extends { kind: string } = { kind: string }> {
  kind: C['kind'];
  area: Area;
  usage: string;
  summary: string;
  example: string;
  /** Leading words that name the command; did-you-mean compares against these. */
  keywords: string[];
  /** Shown in the Teams manifest's command list (at most 10 per scope). */
  inManifest?: boolean;
  /** Running it proposes a change (a plan to approve): buttons that run it say Fix, not Details. */
  proposesChange?: boolean;
  /** `undefined`: not this command. A failure: this command, but the arguments are wrong. */
  parse(text: string): C | ParseFailure | undefined;
  /** The canonical text of a command: `parse(format(c))` gives `c` back (property-tested). */
  format(command: C): string;
}

export function isFailure(x: unknown): x is ParseFailure {
  return typeof x === 'object' && x !== null && 'error' in x;
}

export interface Modifiers {
  rest: string;
  cluster?: string;
  namespace?: string;
  duration?: string;
  port?: string;
}

const NAME = /^[a-z0-9][a-z0-9._-]*$/i;

/**
 * Peels trailing `on <cluster>`, `in <namespace>`, `for <duration>` (any order) off a command.
 * `on <number>` / `on port <n>` is a port, so "can a reach b on 80 on aks-prod" works.
 */
export function takeModifiers(text: string, allowed: { on?: boolean; in?: boolean; for?: boolean; port?: boolean }): Modifiers {
  // "for 2 hours" has a space: glue it so the duration is one token
  const glued = allowed.for ? text.replace(/\bfor\s+(\d+(?:\.\d+)?)\s+([a-z]+)\b/gi, 'for $1$2') : text;
  const out: Modifiers = { rest: glued };
  for (;;) {
    const m = /^(.*\S)\s+(on|in|for)\s+((?:cluster|namespace|ns|port)\s+)?(\S+)$/i.exec(out.rest);
    if (!m) break;
    const [, before, word, qualifier = '', value] = m;
    const w = word.toLowerCase();
    const q = qualifier.trim().toLowerCase();
    if (w === 'on' && allowed.port && out.port === undefined && (q === 'port' || /^\d+$/.test(value))) out.port = value;
    else if (w === 'on' && allowed.on && out.cluster === undefined && q !== 'port' && NAME.test(value)) out.cluster = value;
    else if (w === 'in' && allowed.in && out.namespace === undefined && NAME.test(value)) out.namespace = value;
    else if (w === 'for' && allowed.for && out.duration === undefined) out.duration = value;
    else break;
    out.rest = before;
  }
  return out;
}

export function isName(s: string): boolean {
  return NAME.test(s);
}

export function parsePort(p: string | undefined): number | ParseFailure | undefined {
  if (p === undefined) return undefined;
  const n = Number(p);
  if (!Number.isInteger(n) || n < 1 || n > 65535) return { error: `${quoted(p)} is not a port: use a number from 1 to 65535.` };
  return n;
}

/** ` in <namespace>` / ` on <cluster>` tails for format(): empty when absent. */
export function inNamespace(namespace: string | undefined): string {
  return namespace ? ` in ${namespace}` : '';
}

export function onCluster(cluster: string | undefined): string {
  return cluster ? ` on ${cluster}` : '';
}

/** Milliseconds → the shortest duration word parseDuration reads back exactly ("90m", "2h", "1d"). */
export function durationWord(ms: number): string {
  for (const [unit, size] of [['w', 7 * 86400e3], ['d', 86400e3], ['h', 3600e3], ['m', 60e3]] as const) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${Math.round(ms / 1e3)}s`;
}

/** One spec per command kind of a union, each typed by its own kind (so format() sees its own fields). */
export type SpecList<U extends { kind: string }> = Array<{ [K in U['kind']]: CommandSpec<Extract<U, { kind: K }>> }[U['kind']]>;
