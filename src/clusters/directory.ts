import type { Turn } from '../chat/turn.js';
import type { ClusterInfo } from '../domain.js';
import type { Store } from '../store/types.js';
import { pickCluster } from './resolve.js';

/** Lists the clusters; may call `early` with them before their outbound IPs are resolved (those come empty). */
export type ClusterLister = (early?: (clusters: ClusterInfo[]) => void) => Promise<ClusterInfo[]>;

/** The clusters Palisade can see (from ARM), briefly cached, and each conversation's default. */
export class ClusterDirectory {
  private cache: { at: number; clusters: Promise<ClusterInfo[]>; early: Promise<ClusterInfo[]> } | undefined;

  constructor(
    private readonly listClusters: ClusterLister,
    private readonly store: Store,
    private readonly configDefault: string | undefined,
    private readonly ttlMs = 15_000,
  ) {}

  list(): Promise<ClusterInfo[]> {
    return this.listing().clusters;
  }

  /**
   * The same clusters as `list()`, as soon as the listing has them: control-plane settings complete, outbound IPs maybe
   * still unresolved (empty). For fleet scans, which start reading each cluster while those are looked up.
   */
  listEarly(): Promise<ClusterInfo[]> {
    return this.listing().early;
  }

  private listing(): { clusters: Promise<ClusterInfo[]>; early: Promise<ClusterInfo[]> } {
    if (!this.cache || Date.now() - this.cache.at > this.ttlMs) {
      let early!: (clusters: ClusterInfo[]) => void;
      const earlyList = new Promise<ClusterInfo[]>((resolve) => (early = resolve));
      const clusters = this.listClusters(early);
      clusters.then(early, () => undefined); // a lister that never calls `early` hands out the complete list
      const entry = { at: Date.now(), clusters, early: Promise.race([earlyList, clusters]) };
      this.cache = entry;
      entry.early.catch(() => undefined);
      clusters.catch(() => {
        if (this.cache === entry) this.cache = undefined; // never cache a failure
      });
    }
    return this.cache;
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
