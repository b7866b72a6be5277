/** Plain types of the understanding step: what it knows about the clusters, and what it decided. */

export interface InventoryItem {
  name: string;
  namespace: string;
  /** Service (with its type), Deployment, StatefulSet, DaemonSet. */
  kind: string;
  type?: string;
  /** LoadBalancer Services: where they are reachable from ("restricted": public with source ranges). */
  state?: Array<'public' | 'internal' | 'restricted'>;
}

/** One cluster's names, as recently listed. */
export interface ClusterInventory {
  namespaces: string[];
  items: InventoryItem[];
}

/** Everything a message is read against; the module stays pure because the caller brings this in. */
export interface Snapshot {
  clusters: string[];
  inventories: Record<string, ClusterInventory>;
  /** The cluster a command without `on <cluster>` goes to (conversation or configured default, or the only one). */
  defaultCluster?: string;
  /** The Azure subscriptions Palisade manages (id and display name), when they could be read. */
  subscriptions?: Array<{ id: string; name: string }>;
  now: Date;
}

export interface Choice {
  title: string;
  command: string;
}

export type Understanding =
  | {
      kind: 'sure';
      command: string;
      intent: string;
      score: number;
      /** Words and values of the message the reading did not use ("Mars/Olympus_Mons", "70000"). */
      leftovers?: string[];
    }
  | { kind: 'ask'; question: string; detail?: string; options: Choice[]; intent?: string; score: number }
  | { kind: 'lost'; reply: string; suggestions: Choice[]; negated?: boolean; score: number };
