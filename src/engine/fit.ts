import type { CardFit, DiffRow, PlanDraft, StoredPlan } from '../approvals/types.js';
import { planCard } from '../cards/plan.js';
import { cardSizeBytes } from '../cards/render.js';

/** Room left for what the card gains later (approvals, read-back facts, refresh ids) under the 28 KB message limit. */
export const PLAN_CARD_BUDGET_BYTES = 22 * 1024;
const LONG_NAME = 'x'.repeat(40);
const DEFAULT_FIT: CardFit = { rowsNoun: 'row(s)', pinnedRows: 0, detailsMore: 'the rest is not shown' };

/** The card's size for a plan like this one with a long requester name and ten viewers; infinite when it cannot render. */
function cardBytes(draft: PlanDraft): number {
  const at = new Date(0).toISOString();
  const stand: StoredPlan = {
    ...draft,
    id: 'x'.repeat(22),
    operation: 'networkPolicy.restore',
    args: {},
    requester: { id: `29:${LONG_NAME}`, name: LONG_NAME },
    conversation: { serviceUrl: '', channelId: 'msteams', conversation: { id: '' }, bot: { id: '' } },
    createdAt: at,
    expiresAt: at,
    state: 'pending',
    approvals: [],
    selfApprovalAllowed: false,
    approvalsNeeded: 1,
    fourEyes: true,
  };
  try {
    return cardSizeBytes(planCard(stand, { viewerCanDecide: true, refreshUserIds: Array.from({ length: 10 }, () => `29:${LONG_NAME}`) }));
  } catch {
    return Number.POSITIVE_INFINITY; // over the hard limit
  }
}

/** A big plan must still fit one card: shorten its details first, then its rows (keeping the pinned last ones), saying so. */
export function fitPlanCard<D extends PlanDraft>(draft: D): D {
  const fit = draft.fit ?? DEFAULT_FIT;
  const rows = draft.diff.slice(0, draft.diff.length - fit.pinnedRows);
  const pinned = draft.diff.slice(draft.diff.length - fit.pinnedRows);
  let d = draft;
  let shown = rows.length;
  for (let i = 0; i < 40 && cardBytes(d) > PLAN_CARD_BUDGET_BYTES; i++) {
    const lines = d.details?.split('\n') ?? [];
    if (lines.length > 10) {
      const keep = lines.slice(0, Math.floor(lines.length * 0.7));
      d = { ...d, details: [...keep, `# … ${lines.length - keep.length} more line(s): ${fit.detailsMore}`].join('\n') };
      continue;
    }
    if (shown <= 6) break;
    shown = Math.floor(shown * 0.75);
    const more: DiffRow = { label: `… ${rows.length - shown} more ${fit.rowsNoun}`, before: '', after: 'not shown: the card has no room' };
    d = { ...d, diff: [...rows.slice(0, shown), more, ...pinned] };
  }
  return d;
}
