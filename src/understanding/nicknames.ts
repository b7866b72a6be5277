import type { Command } from '../commands/grammar.js';
import { nicknameOn } from './entities.js';
import type { Snapshot } from './types.js';
import { own } from '../text/own.js';

/**
 * Round 12d: the two ends of a flow said the short way ("web to api", "api -> mongo") are read on the cluster the
 * message is about. They vouch for each other when both are workloads of one namespace there: a flow is between
 * neighbours, so the short words are no guess (a single short name for a Service's change, "make the web thing
 * internal", has nothing to vouch for it and is still asked about).
 */

const FLOWS = new Set(['allowFlow', 'canReach']);

/** The namespaces of the cluster that hold this end ("ns/name", "kind/name" or "name"), none for an address or the internet. */
function homesOf(end: string, items: ReadonlyArray<{ name: string; namespace: string }>, namespaces: readonly string[]): string[] {
  const parts = end.split('/');
  const name = parts[parts.length - 1];
  const ns = parts.length > 1 && namespaces.includes(parts[0]) ? parts[0] : undefined;
  return [...new Set(items.filter((x) => x.name === name && (!ns || x.namespace === ns)).map((x) => x.namespace))];
}

/** Both ends of a flow are workloads of one namespace of the cluster it is on (the one named, else the conversation's). */
export function flowEndsAgree(command: Command | undefined, snap: Snapshot): boolean {
  if (!command || !FLOWS.has(command.kind)) return false;
  const c = command as { from: string; to: string; namespace?: string; cluster?: string };
  const chosen = c.cluster ?? snap.defaultCluster;
  const inv = chosen ? own(snap.inventories, chosen) : undefined;
  if (!inv) return false;
  const from = homesOf(c.from, inv.items, inv.namespaces);
  const to = homesOf(c.to, inv.items, inv.namespaces);
  return from.some((ns) => to.includes(ns) && (!c.namespace || c.namespace === ns));
}

/**
 * An exact flow command whose ends are short names another cluster has ("allow web to api on 80", where only
 * aks-cilium has a `web`) means the conversation's cluster's own workloads with those words as a whole part
 * (ratings-web, ratings-api), when both ends then agree (see flowEndsAgree). Never with a cluster or a namespace
 * named: those say where to look.
 */
export function withNicknamesResolved(command: Command, snap: Snapshot): Command {
  if (!FLOWS.has(command.kind)) return command;
  const c = command as { from: string; to: string; namespace?: string; cluster?: string };
  const chosen = snap.defaultCluster;
  const inv = chosen ? own(snap.inventories, chosen) : undefined;
  if (!chosen || !inv || c.cluster || c.namespace) return command;
  const elsewhere = (v: string) => !inv.items.some((x) => x.name === v) && Object.values(snap.inventories).some((i) => i.items.some((x) => x.name === v));
  const resolve = (v: string) => (elsewhere(v) ? nicknameOn(v, snap, chosen) : undefined);
  const [from, to] = [resolve(c.from), resolve(c.to)];
  if (!from && !to) return command;
  const out = { ...command, from: from ?? c.from, to: to ?? c.to } as Command;
  return flowEndsAgree(out, snap) ? out : command;
}

/**
 * Round 12d: "payments-api … can reach its database, payments-db": a loose match ("database" → some database) one of
 * whose candidates the message names exactly is that name, never another cluster's or namespace's guess.
 */
export function looseMatchesNamed<E extends { type: string; value: string; quality: string; alternatives?: string[] }>(entities: E[]): E[] {
  const exact = new Set(entities.filter((e) => e.type === 'NAME' && e.quality === 'exact').map((e) => e.value));
  return entities.map((e) => {
    if (e.type !== 'NAME' || e.quality !== 'partial' || exact.has(e.value)) return e;
    const named = (e.alternatives ?? []).filter((a) => exact.has(a));
    return named.length === 1 ? { ...e, value: named[0], quality: 'exact', alternatives: [] } : e;
  });
}
