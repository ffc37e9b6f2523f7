import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createServices } from '../src/services.js';
import { databaseKinds, openTestDb, type TestDb } from '../test/support/databases.js';
import { idea } from '../test/support/examples.js';
import { startSmtp, type TestSmtp } from '../test/notifications/smtp-server.js';
import { actorOf, createWorld } from '../test/support/world.js';
import { startServer, type ServerProcess } from './support/server.js';

// Two server instances on one database, each running the reminder scheduler
// and the email sender: every reminder is sent once and every email arrives
// once, however the two interleave.

const PLANS = 15;
const periods = { DUE_PERIOD_UNIT: 'minutes', DUE_DAYS_AGREEMENT: '1', ESCALATION_WORKING_DAYS: '300' };

async function until(what: string, check: () => Promise<boolean>, seconds = 60) {
  const end = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.each(databaseKinds)('two instances with schedulers and senders (%s)', (kind) => {
  let t: TestDb;
  let smtp: TestSmtp;
  let servers: ServerProcess[] = [];

  beforeAll(async () => {
    t = await openTestDb(kind);
    smtp = await startSmtp();
    const world = await createWorld(t.db);
    // The plans were sent to their manager ten minutes ago: with one-minute periods, reminders are due.
    const then = () => new Date(Date.now() - 10 * 60_000);
    const services = createServices(t.db, loadConfig({ DATABASE_URL: t.url, DEMO_SEED: 'off', ...periods }), then);
    const clinician = actorOf(world.clinician);
    for (let i = 0; i < PLANS; i++) {
      const { id } = await services.plans.create(clinician, { title: `Waiting plan ${i}`, managerId: world.manager.id });
      await services.plans.send(id, clinician, { type: 'UPDATE_IDEA', version: 1, payload: idea });
      await services.plans.send(id, clinician, { type: 'SUBMIT_FOR_AGREEMENT', version: 2, payload: {} });
    }
    const env = { ...periods, REMINDER_INTERVAL_SECONDS: '1', MAIL_POLL_SECONDS: '1', SMTP_URL: smtp.url, APP_URL: 'http://plans.test' };
    servers = await Promise.all([startServer(t.url, env), startServer(t.url, env)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    await smtp?.stop();
    await t.cleanup();
  });

  it(`${PLANS} due plans: one reminder each and every email delivered once`, async () => {
    const db = t.db.kysely;
    const reminders = () => db.selectFrom('plan_events').select('plan_id').where('type', '=', 'SEND_REMINDER').execute();
    await until('a reminder for every plan', async () => (await reminders()).length >= PLANS);
    const outbox = () => db.selectFrom('notifications').select(['id', 'delivery', 'email', 'subject']).execute();
    await until('every email delivered', async () => (await outbox()).every((n) => n.delivery === 'sent')).catch(async (error) => {
      const rows = await db.selectFrom('notifications').select(['delivery', 'attempts', 'last_error', 'next_attempt_at']).execute();
      console.error(JSON.stringify(rows.slice(0, 5)), servers.map((s) => s.output().slice(-1500)).join('\n---\n'));
      throw error;
    });
    // Give both instances time to act twice if they were going to.
    await new Promise((resolve) => setTimeout(resolve, 4000));

    const sent = await reminders();
    expect(sent).toHaveLength(PLANS);
    expect(new Set(sent.map((e) => e.plan_id)).size).toBe(PLANS);
    const rows = await outbox();
    expect(rows.filter((n) => n.subject.toLowerCase().includes('remind')).length).toBeGreaterThanOrEqual(PLANS);
    expect(smtp.received).toHaveLength(rows.length);
    const received = smtp.received.map((m) => m.text.match(/^Subject: (.*)$/m)?.[1] ?? '').sort();
    expect(new Set(smtp.received.map((m) => m.raw)).size).toBe(rows.length);
    console.log(`[reliability] two instances (${kind}): ${sent.length} reminders for ${PLANS} due plans, ${rows.length} notifications, ${smtp.received.length} emails received, no duplicates (${received.length} subjects)`);
  }, 180_000);
});
