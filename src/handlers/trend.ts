import { trendModel } from '../cards/trend.js';
import { formatTrend, TREND_DEFAULT_DAYS, type TrendArea } from '../commands/specs/trend.js';
import { HISTORY_AREAS } from '../posture/history.js';
import { scanWithHistory } from './scanWithHistory.js';
import type { HandlerMap } from './types.js';

/** The history area each trend area word names. */
const AREA_INDEX: Record<TrendArea, number> = { controlPlane: 0, exposure: 1, networkPolicy: 2, images: 3 };

export const trendHandlers: HandlerMap<'trend'> = {
  async trend(cmd, { turn, s }) {
    const cluster = await s.clusters.resolve(turn, cmd.cluster, (name) => formatTrend({ ...cmd, cluster: name }));
    // A fresh scan makes today's point, so the line ends where `status` would
    const { posture, history } = await scanWithHistory(s, cluster);
    // Plans on the cluster, and subscription-wide ones (Defender plans) that move its Images score
    const [own, subscription] = await Promise.all([s.store.readAudit({ cluster: cluster.name }), s.store.readAudit({ cluster: cluster.subscriptionId })]);
    const area = cmd.area ? { index: AREA_INDEX[cmd.area], name: HISTORY_AREAS[AREA_INDEX[cmd.area]] } : undefined;
    const model = trendModel({
      cluster: cluster.name,
      history,
      days: cmd.days ?? TREND_DEFAULT_DAYS,
      area,
      audit: [...own, ...subscription],
      nowMs: Date.parse(posture.checkedAt),
    });
    await turn.reply({ card: s.cards.trend(model) });
  },
};
