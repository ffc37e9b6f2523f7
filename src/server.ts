import { serve } from '@hono/node-server';
import { createApp, ROOT } from './app.js';
import { loadConfig } from './config.js';
import { connect } from './db/connect.js';
import { migrate } from './db/migrate.js';
import { createViews } from './http/view.js';
import { PlanService } from './plans/plan.service.js';
import { demoAccounts, seedDemo } from './seed.js';
import path from 'node:path';

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

const clock = () => new Date();
const app = createApp({
  db, clock, config,
  plans: new PlanService(db, clock),
  views: createViews(path.join(ROOT, 'templates')),
});

const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
  console.log(`Clinical academic plans is running at ${config.APP_URL} (port ${info.port}, database ${db.location})`);
});

async function shutdown(signal: string) {
  console.log(`${signal}: stopping`);
  server.close();
  await db.destroy();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
