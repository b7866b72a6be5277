import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The sandbox workspace package is TypeScript source in development ("source" export condition)
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The emulators, Azurite and bot servers are real processes/sockets: keep files parallel but bounded (2 cores).
    maxWorkers: 2,
  },
});
