import { formatOn } from '../commands/grammar.js';
import { listPricings } from '../azure/defender.js';
import { OP } from '../approvals/names.js';
import type { CardAction, HandlerMap } from './types.js';
import { defenderModel, type SubscriptionPlans } from '../cards/defender.js';
import { clustersIn, defenderCall, resolveScope } from '../operations/images/scope.js';
import { type SetContainersPlanArgs } from '../operations/images/setContainersPlan.js';
import { queryFromPageData } from '../operations/images/vulnerabilities.js';
import { vulnerabilitiesCard } from './vulnerabilities.js';

/** A card shows this many subscriptions at most; the rest are named by count. */
const MAX_SUBSCRIPTIONS = 6;

export const imagesHandlers: HandlerMap<'defenderStatus' | 'defenderSet' | 'vulnerabilities'> = {
  async defenderStatus(cmd, { turn, s }) {
    // Without "on"/"in" every subscription is shown: plans are per subscription, not per cluster
    let subs: string[];
    if (cmd.subscription || cmd.cluster) {
      const scope = await resolveScope(s, turn, { cluster: cmd.cluster, subscription: cmd.subscription }, (c) => formatOn(cmd, c));
      subs = [scope.subscriptionId];
    } else subs = s.azure.subscriptionIds;
    if (subs.length === 0) {
      await turn.reply({ card: s.cards.userError('I have no Azure subscription to look at.', 'Set AZURE_SUBSCRIPTION_IDS.') });
      return;
    }
    const shown = subs.slice(0, MAX_SUBSCRIPTIONS);
    const results: SubscriptionPlans[] = await Promise.all(
      shown.map(async (subscriptionId): Promise<SubscriptionPlans> => {
        const [clusters, name] = await Promise.all([clustersIn(s.clusters, subscriptionId), s.subscriptions.nameOf(subscriptionId)]);
        try {
          return { subscriptionId, name, clusters, ok: true, plans: await defenderCall(subscriptionId, 'read', () => listPricings(s.azure, subscriptionId)) };
        } catch (error) {
          return { subscriptionId, name, clusters, ok: false, error };
        }
      }),
    );
    // One subscription that cannot be read is an error, not a status
    const only = results.length === 1 ? results[0] : undefined;
    if (only && !only.ok) throw only.error;
    await turn.reply({ card: s.cards.defender(defenderModel(results, subs.length - shown.length)) });
  },

  async defenderSet(cmd, { turn, s, propose }) {
    const { subscriptionId } = await resolveScope(s, turn, { cluster: cmd.cluster, subscription: cmd.subscription }, (c) => formatOn(cmd, c));
    const subscriptionName = await s.subscriptions.nameOf(subscriptionId);
    const args: SetContainersPlanArgs = { subscriptionId, subscriptionName, tier: cmd.enabled ? 'Standard' : 'Free' };
    await propose(OP.setContainersPlan, args);
  },

  async vulnerabilities(cmd, { turn, s }) {
    // "vulnerabilities in Production": a word that names a subscription is the subscription, not an image filter
    const named = cmd.target && !cmd.subscription && !cmd.cluster ? await s.subscriptions.find(cmd.target) : undefined;
    const card = await vulnerabilitiesCard(s, turn, {
      filters: { target: named ? undefined : cmd.target, minSeverity: cmd.minSeverity, fixable: cmd.fixable, running: cmd.running },
      page: cmd.page,
      cluster: cmd.cluster,
      subscription: named ? named.id : cmd.subscription,
    });
    await turn.reply({ card });
  },
};

/** Paging buttons of the vulnerabilities card: the data holds the page and filters; every click re-reads Azure. */
export const showVulnerabilityPage: CardAction = async (data, { turn, s }) => {
  const q = queryFromPageData(data);
  if (!q) return { text: 'That button is from a card I can no longer read. Say "vulnerabilities" for a fresh one.' };
  return { card: await vulnerabilitiesCard(s, turn, q) };
};
