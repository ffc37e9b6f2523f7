/**
 * The audit signing key of the test suites, published here on purpose: it
 * signs nothing outside tests. vitest.config.ts gives it to every test (and
 * so to every process a test starts) as AUDIT_KEY, so the server, the plan
 * service and `npm run cli -- verify` agree on it, and no test writes a
 * development key file.
 */
export const TEST_AUDIT_KEY = 'ed25519:oe4PMRI7hpvJw2JQVzGqkEtqAmoBaHK726L5Cvwz-q4';
