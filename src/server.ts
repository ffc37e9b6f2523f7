import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { anchorHistory } from './audit/anchor.js';
import { loadAuditKeys } from './audit/load-audit-keys.js';
import { connectionOptions, loadConfig } from './config.js';
import { connect } from './db/connect.js';
import { migrate } from './db/migrate.js';
import { startBackground } from './notifications/background.js';
import { createLogger, errorFields } from './operations/logger.js';
import { handleShutdown, type Shutdown } from './operations/shutdown.js';
import { createServices } from './services.js';
import { demoAccounts, seedDemo } from './seed.js';

// Boot: configuration (a bad setting, or no audit key in production, stops
// here with a message), database and migrations, the audit anchor, the demo
// seed, then listen; and stop gracefully on SIGTERM.

let config;
try {
  config = loadConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const logger = createLogger(config);
let keys;
try {
  keys = loadAuditKeys(config, logger);
} catch (error) {
  logger.fatal({}, (error as Error).message);
  process.exit(2);
}
const db = connect(config.DATABASE_URL, { ...connectionOptions(config), onPoolError: (error) => logger.warn(errorFields(error), 'PostgreSQL connection lost; the pool replaces it') });
const applied = await migrate(db);
if (applied.length) logger.info({ migrations: applied }, `Ran ${applied.length} database migrations`);
await anchorHistory(db, keys, new Date(), logger);

if (config.DEMO_SEED === 'on') {
  const seeded = await seedDemo(db);
  if (seeded) {
    // For the person at the terminal, once: plain lines, not log records (a log keeps no password).
    console.log('\nDemo accounts (this password is shown only once):');
    for (const a of demoAccounts) console.log(`  ${a.role.padEnd(10)} ${a.email}`);
    console.log(`  password   ${seeded.password}\n`);
  }
}

const services = createServices(db, config, () => new Date(), { logger, keys });
let shutdown: Shutdown | null = null;
const app = createApp(services, { draining: () => shutdown?.draining() ?? false });
const background = startBackground(services);

const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
  logger.info({ port: info.port, metrics: config.METRICS }, `Clinical academic plans is running at ${config.APP_URL} (port ${info.port}, database ${db.location})`);
}) as Server;

shutdown = handleShutdown({
  server, logger, timeoutMs: config.SHUTDOWN_TIMEOUT_SECONDS * 1000,
  async stopWork() {
    await background.stop();
    await db.destroy();
  },
});
