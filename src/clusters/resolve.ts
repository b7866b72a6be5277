import type { ClusterInfo } from '../domain.js';
import { UserError } from '../errors.js';
import { levenshtein } from '../text/distance.js';

/** A question the user must answer by picking one option (rendered as a choice card). */
export class NeedChoice extends UserError {
  constructor(message: string, readonly question: string, readonly options: Array<{ title: string; command: string }>) {
    super(message);
    this.name = 'NeedChoice';
  }
}

/**
 * Which cluster a command means: `on <cluster>`, else the conversation's `use cluster`, else the configured default,
 * else the only one; otherwise ask.
 */
export function pickCluster(
  clusters: ClusterInfo[],
  explicit: string | undefined,
  conversationDefault: string | undefined,
  configDefault: string | undefined,
  commandText: (cluster: string) => string,
): ClusterInfo {
  const byName = (n: string) => clusters.filter((c) => c.name.toLowerCase() === n.toLowerCase());
  const options = clusters.map((c) => ({ title: c.name, command: commandText(c.name) }));
  if (explicit) {
    const hits = byName(explicit);
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) throw new NeedChoice(`Several clusters are named ${explicit}.`, 'Which one?', options.filter((o) => o.title.toLowerCase() === explicit.toLowerCase()));
    const near = clusters.filter((c) => levenshtein(c.name.toLowerCase(), explicit.toLowerCase()) <= 2).map((c) => c.name);
    throw new NeedChoice(
      `I can't see a cluster named "${explicit}".${near.length ? ` Did you mean ${near.join(' or ')}?` : ''}`,
      clusters.length ? 'Clusters I can see:' : 'I cannot see any cluster: check AZURE_SUBSCRIPTION_IDS and my access.',
      options,
    );
  }
  for (const name of [conversationDefault, configDefault]) {
    if (!name) continue;
    const hits = byName(name);
    if (hits.length === 1) return hits[0];
  }
  if (clusters.length === 1) return clusters[0];
  if (clusters.length === 0) throw new UserError('I cannot see any AKS cluster.', 'Check AZURE_SUBSCRIPTION_IDS and that my identity can read the subscriptions.');
  throw new NeedChoice('Which cluster do you mean?', 'Pick one (or say `use cluster <name>` to set a default here):', options);
}
