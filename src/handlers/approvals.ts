import { formatOn } from '../commands/grammar.js';
import { sinceInstant } from './since.js';
import type { HandlerMap } from './types.js';
import { utcMinute } from '../text/time.js';

/** Teams deep link to a message (chat or channel), so `approvals` can point at each card. */
function messageLink(conversationId: string, messageId: string | undefined): string | undefined {
  if (!messageId || !/^\d+$/.test(messageId)) return undefined;
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(conversationId.split(';')[0])}/${messageId}`;
}

export const approvalsHandlers: HandlerMap<'audit' | 'approvals'> = {
  async audit(cmd, { turn, s }) {
    const cluster = cmd.cluster ? (await s.clusters.resolve(turn, cmd.cluster, (c) => formatOn(cmd, c))).name : undefined;
    const from = cmd.since ? sinceInstant(cmd.since, new Date()) : undefined;
    // "since" reads further back than the count, then keeps the entries from that moment on
    const entries = (await s.store.readAudit({ limit: from ? 100 : cmd.limit, cluster })).filter((e) => !from || e.at >= from.toISOString()).slice(0, cmd.limit);
    const scope = `${cluster ? ` · ${cluster}` : ''}${cmd.since ? ` · since ${cmd.since}` : ''}`;
    await turn.reply({ card: s.cards.audit(entries, `Audit log${scope} · latest ${entries.length}`) });
  },

  async approvals(_cmd, { turn, s }) {
    const plans = await s.engine.pendingPlans();
    await turn.reply({
      card: s.cards.approvals(
        plans.map((p) => {
          const url = messageLink(p.conversation.conversation.id, p.cardActivityId);
          return {
            planId: p.id,
            title: p.title,
            cluster: p.target.cluster ?? p.target.subscriptionId ?? '',
            requester: p.requester.name ?? p.requester.id,
            expires: utcMinute(p.expiresAt),
            linkText: url ? 'Open the request' : 'The card is in the conversation where it was asked',
            url,
          };
        }),
      ),
    });
  },
};
