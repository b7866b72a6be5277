import type { AdaptiveCard } from '../chat/events.js';
import { CardTooLargeError } from './render.js';

/**
 * Renders the longest prefix of `rows` whose card fits in a message (28 KB): lists that grow with use (pending
 * approvals, the audit log) are cut, and the card says how many it shows, instead of failing.
 */
export function fitRows<T>(rows: T[], render: (shown: T[], total: number) => AdaptiveCard): AdaptiveCard {
  const attempt = (n: number): AdaptiveCard | undefined => {
    try {
      return render(rows.slice(0, n), rows.length);
    } catch (e) {
      if (e instanceof CardTooLargeError) return undefined;
      throw e;
    }
  };
  const all = attempt(rows.length);
  if (all) return all;
  let lo = 0;
  let hi = rows.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (attempt(mid)) lo = mid;
    else hi = mid - 1;
  }
  return render(rows.slice(0, lo), rows.length);
}
