import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/** `npm run test:fuzz`: seeded fuzzing of chat messages and activities over HTTP (FUZZ_SEED, FUZZ_MESSAGES, FUZZ_ACTIVITIES). */
export default defineConfig({ ...base, test: { ...base.test, include: ['test/fuzz/**/*.fuzz.ts'], testTimeout: 30 * 60_000 } });
