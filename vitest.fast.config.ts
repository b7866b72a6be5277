import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * `npm run test:fast`: the specs that start no server, emulator, browser or child process (grammar, cards, lifecycle,
 * policy, cluster resolution, the engine on SQLite, pure network-policy and image logic, the layers). Under 20 s.
 */
export const FAST_TESTS = [
  'test/architecture/**/*.test.ts',
  'test/approvals/**/*.test.ts',
  'test/azure/credentialErrors.test.ts',
  'test/bot/**/*.test.ts',
  'test/capture/**/*.test.ts',
  'test/cards/cards.test.ts',
  'test/cards/charts.test.ts',
  'test/cards/trend.test.ts',
  'test/cards/fitRows.test.ts',
  'test/clusters/**/*.test.ts',
  'test/commands/**/*.test.ts',
  'test/config.test.ts',
  'test/digest/card.test.ts',
  'test/digest/diff.test.ts',
  'test/digest/schedules.test.ts',
  'test/engine/**/*.test.ts',
  'test/exposure/**/*.test.ts',
  'test/health/**/*.test.ts',
  'test/kube/route.test.ts',
  'test/infra/**/*.test.ts',
  'test/manifest/**/*.test.ts',
  'test/text/**/*.test.ts',
  'test/operations/images.test.ts',
  'test/operations/lockoutGuard.test.ts',
  'test/operations/networkPolicy.engines.test.ts',
  'test/operations/networkPolicy.evaluator.test.ts',
  'test/operations/networkPolicy.flows.test.ts',
  'test/operations/networkPolicy.reach.test.ts',
  'test/posture/history.test.ts',
  'test/sandbox/backstory.test.ts',
];

// No server to isolate from: files share a worker's module cache, which is most of the time saved
export default defineConfig({ ...base, test: { ...base.test, include: FAST_TESTS, isolate: false } });
