export { SUBSCRIPTION_PRODUCTION, SUBSCRIPTION_WORKSHOP, seedWorld } from '@palisade/sandbox/seed/index.js';
import { emptySubscription } from './armHarness.js';

/** An empty subscription with a display name, for fleet-size tests. */
export function emptyFleetSubscription(id: string) {
  return { ...emptySubscription(id), displayName: `Fleet ${id.slice(0, 2)}` };
}
