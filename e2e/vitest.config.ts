import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { TEST_AUDIT_KEY } from '../test/support/audit-key.js';

// Only for `npm run test:e2e`: the browser tests under e2e/, a global setup that
// clears test-results/screens and prints the total of pages checked by axe.

export default defineConfig({
  test: {
    dir: fileURLToPath(new URL('.', import.meta.url)),
    include: ['**/*.e2e.test.ts'],
    globalSetup: [fileURLToPath(new URL('./support/global-setup.ts', import.meta.url))],
    env: { AUDIT_KEY: TEST_AUDIT_KEY },
    // Two files at a time: each is a server and a browser that mostly wait on each other, so two use the
    // two cores of a CI machine (vitest's default there is one) and halve the suite's time.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
