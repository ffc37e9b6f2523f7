// A scheduler in its own process, for races between real processes on one
// database. Runs one pass at an agreed moment and prints what it did as JSON.
// `killInside: n` kills the process (SIGKILL) inside the transaction of its
// n-th reminder, before it commits; `killAfter: n` kills it after n timers.
import { loadConfig } from '../../src/config.js';
import { connect } from '../../src/db/connect.js';
import { runReminders } from '../../src/notifications/scheduler.js';
import { createServices } from '../../src/services.js';

const { url, now, startAt, killInside, killAfter } = JSON.parse(process.argv[2]!) as {
  url: string; now: string; startAt: number; killInside?: number; killAfter?: number;
};
const db = connect(url);
const services = createServices(db, loadConfig({ DATABASE_URL: url, DEMO_SEED: 'off' }), () => new Date(now));
let transitions = 0;
services.plans.extensions.onTransition!.push(async () => {
  transitions += 1;
  if (transitions === killInside) process.kill(process.pid, 'SIGKILL');
});
await db.kysely.selectFrom('plan_timers').select('plan_id').limit(1).execute(); // connect before the start line
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
let done = 0;
const result = await runReminders(services, {
  afterEach: () => {
    done += 1;
    if (done === killAfter) process.kill(process.pid, 'SIGKILL');
  },
});
console.log(JSON.stringify({ sent: result.sent.length, skipped: result.skipped }));
await db.destroy();
