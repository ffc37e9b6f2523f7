import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { connect } from './db/connect.js';
import { migrate } from './db/migrate.js';
import { startBackground } from './notifications/background.js';
import { createServices } from './services.js';
import { demoAccounts, seedDemo } from './seed.js';

// Boot: configuration, database and migrations, the demo seed, then listen.

const config = loadConfig();
const db = connect(config.DATABASE_URL);
await migrate(db);

if (config.DEMO_SEED === 'on') {
  const seeded = await seedDemo(db);
  if (seeded) {
    console.log('\nDemo accounts (this password is shown only once):');
    for (const a of demoAccounts) console.log(`  ${a.role.padEnd(10)} ${a.email}`);
    console.log(`  password   ${seeded.password}\n`);
  }
}

const services = createServices(db, config);
const app = createApp(services);
const background = startBackground(services);

const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
  console.log(`Clinical academic plans is running at ${config.APP_URL} (port ${info.port}, database ${db.location})`);
});

async function shutdown(signal: string) {
  console.log(`${signal}: stopping`);
  server.close();
  await background.stop();
  await db.destroy();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
