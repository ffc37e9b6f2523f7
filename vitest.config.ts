import { defineConfig } from 'vitest/config';
import { TEST_AUDIT_KEY } from './test/support/audit-key.js';

// `npm test` (--dir test) and `npm run test:reliability` (--dir reliability).
// The browser tests have their own configuration, e2e/vitest.config.ts.

export default defineConfig({
  test: {
    env: { AUDIT_KEY: TEST_AUDIT_KEY },
    // Generous, so that a test never fails for a busy machine (two test runs at once on two cores):
    // a test that hangs still fails, after a minute.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
