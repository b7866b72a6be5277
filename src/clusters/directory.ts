import type { Turn } from '../chat/turn.js';
import type { ClusterInfo } from '../domain.js';
import type { Store } from '../store/types.js';
import { pickCluster } from './resolve.js';

/** The clusters Palisade can see (from ARM), briefly cached, and each conversation's default. */
export class ClusterDirectory {
  private cache: { at: number; clusters: Promise<ClusterInfo[]> } | undefined;

  constructor(
    private readonly listClusters: () => Promise<ClusterInfo[]>,
    private readonly store: Store,
    private readonly configDefault: string | undefined,
    private readonly ttlMs = 15_000,
  ) {}

  list(): Promise<ClusterInfo[]> {
    if (!this.cache || Date.now() - this.cache.at > this.ttlMs) {
      const clusters = this.listClusters();
      this.cache = { at: Date.now(), clusters };
      clusters.catch(() => (this.cache = undefined)); // never cache a failure
    }
    return this.cache.clusters;
  }

  /** After a change that a listing shows (authorized ranges), the next read goes to ARM. */
  invalidate(): void {
    this.cache = undefined;
  }

  async conversationDefault(conversationId: string): Promise<string | undefined> {
    return (await this.store.get<{ cluster: string }>('prefs', `cluster:${conversationId}`))?.value.cluster;
  }

  async setConversationDefault(conversationId: string, cluster: string): Promise<void> {
    await this.store.put('prefs', `cluster:${conversationId}`, { cluster });
  }

  /** `on <cluster>` → conversation default → configured default → the only one → ask with a choice card. */
  async resolve(turn: Turn, explicit: string | undefined, commandText: (cluster: string) => string): Promise<ClusterInfo> {
    const clusters = await this.list();
    const convDefault = explicit ? undefined : await this.conversationDefault(turn.conversation.conversation.id);
    return pickCluster(clusters, explicit, convDefault, this.configDefault, commandText);
  }
}
