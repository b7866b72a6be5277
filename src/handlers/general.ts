import type { HandlerMap } from './types.js';
import { statusModel } from '../cards/status.js';
import { scanWithHistory } from './scanWithHistory.js';

export const generalHandlers: HandlerMap<'help' | 'clusters' | 'useCluster' | 'status'> = {
  async help(cmd, { turn, s }) {
    await turn.reply({ card: s.cards.help(cmd.topic) });
  },

  async clusters(_cmd, { turn, s }) {
    const [list, names] = await Promise.all([s.clusters.list(), s.subscriptions.all()]);
    const nameOf = (id: string) => names.find((n) => n.id.toLowerCase() === id.toLowerCase())?.name ?? id;
    const current = (await s.clusters.conversationDefault(turn.conversation.conversation.id)) ?? s.config.azure.defaultCluster;
    await turn.reply({
      card: s.cards.clusters(
        list.map((c) => ({
          name: c.name,
          subscription: nameOf(c.subscriptionId),
          resourceGroup: c.resourceGroup,
          location: c.location,
          apiServer: c.isPrivate ? 'private' : 'public',
          isDefault: c.name.toLowerCase() === current?.toLowerCase(),
        })),
      ),
    });
  },

  async useCluster(cmd, { turn, s }) {
    const cluster = await s.clusters.resolve(turn, cmd.cluster, (c) => `use cluster ${c}`);
    await s.clusters.setConversationDefault(turn.conversation.conversation.id, cluster.name);
    await turn.reply({ card: s.cards.facts(`Using ${cluster.name} here`, 'Commands in this conversation now go to this cluster unless they say `on <cluster>`.', [
      { title: 'Subscription', value: await s.subscriptions.label(cluster.subscriptionId) },
      { title: 'Resource group', value: cluster.resourceGroup },
    ], 'good') });
  },

  async status(cmd, { turn, s }) {
    const cluster = await s.clusters.resolve(turn, cmd.cluster, (c) => `status on ${c}`);
    const [{ posture, history }, subscription] = await Promise.all([scanWithHistory(s, cluster), s.subscriptions.nameOf(cluster.subscriptionId)]);
    await turn.reply({ card: s.cards.status(statusModel(posture, history, undefined, subscription)) });
  },
};
