import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBackground } from '../../src/notifications/background.js';
import { notificationsExtension } from '../../src/notifications/notifications.extension.js';
import { deliverPending, smtpMailer } from '../../src/notifications/sender.js';
import { PlanService } from '../../src/plans/plan.service.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { act, outbox, planWaitingOnManager, planWaitingOnRd } from './helpers.js';
import { startSilentServer, startSmtp, type TestSmtp } from './smtp-server.js';

// Email through a real SMTP server started here. Delivery runs in the
// background pass (deliverPending), never in a request, and retries with
// back-off until the server takes the message.

const APP_URL = 'https://plans.example.nhs.uk';

describe.each(databaseKinds)('email delivery on %s', (kind) => {
  let smtp: TestSmtp;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await buildTestApp(kind, { SMTP_URL: smtp.url, APP_URL, MAIL_RETRY_SECONDS: '30' });
  });
  afterAll(async () => {
    await t.cleanup();
    await smtp.stop();
  });
  afterEach(() => { smtp.received.length = 0; smtp.refuseNext = 0; });

  const deliver = (worker = 'worker-a') => deliverPending(t.services, smtpMailer(t.services.config), worker);
  const row = async (id: string) => t.services.db.kysely.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('sends the manager an email naming the plan, what is asked, and the link to it', async () => {
    t.clock.set('2026-12-01T09:00:00.000Z');
    const plan = await planWaitingOnManager(t.services, t.world, 'Falls after hip fracture');
    const [queued] = await outbox(t.services, plan.id);
    expect(queued).toMatchObject({ user_id: t.world.manager.id, kind: 'handover', delivery: 'pending' });

    expect(await deliver()).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail!.to).toEqual([t.world.manager.email]);
    expect(mail!.text).toContain(`${APP_URL}/plans/${plan.id}`);
    expect(mail!.text).toContain('Falls after hip fracture');
    expect(mail!.text).toContain('agree in principle, ask for changes or decline');
    // Plain text and HTML, side by side; the HTML has no remote images.
    expect(mail!.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(mail!.raw).toMatch(/Content-Type: text\/plain/i);
    expect(mail!.raw).toMatch(/Content-Type: text\/html/i);
    expect(mail!.text).toContain('Please do this by Tuesday 15 December 2026.');
    expect(mail!.text).not.toMatch(/<img/i);
    expect(await row(queued!.id)).toMatchObject({ delivery: 'sent', attempts: 1, claimed_by: null, last_error: null });
    // Delivered once: a second pass sends nothing.
    expect(await deliver()).toEqual({ delivered: 0, retrying: 0, failed: 0 });
  });

  it('retries a refused message with exponential back-off until the server takes it, once', async () => {
    t.clock.set('2026-12-02T09:00:00.000Z');
    const plan = await planWaitingOnManager(t.services, t.world);
    const [queued] = await outbox(t.services, plan.id);
    smtp.refuseNext = 2;

    expect(await deliver()).toMatchObject({ retrying: 1 });
    expect(await row(queued!.id)).toMatchObject({
      delivery: 'pending', attempts: 1, next_attempt_at: '2026-12-02T09:00:30.000Z', last_error: expect.stringContaining('451'),
    });
    expect(await deliver()).toMatchObject({ delivered: 0, retrying: 0 }); // not due yet
    t.clock.advance(30_000);
    expect(await deliver()).toMatchObject({ retrying: 1 });
    expect(await row(queued!.id)).toMatchObject({ attempts: 2, next_attempt_at: '2026-12-02T09:01:30.000Z' }); // 60 s: doubled
    t.clock.advance(59_000);
    expect(await deliver()).toMatchObject({ delivered: 0 });
    t.clock.advance(1_000);
    expect(await deliver()).toMatchObject({ delivered: 1 });
    expect(smtp.received.map((m) => m.to)).toEqual([[t.world.manager.email]]);
    expect(await row(queued!.id)).toMatchObject({ delivery: 'sent', attempts: 3, last_error: null });
  });

  it('loses nothing while the server is down: every message is delivered once it is back', async () => {
    t.clock.set('2026-12-03T09:00:00.000Z');
    await smtp.stop();
    const plans = [await planWaitingOnManager(t.services, t.world), await planWaitingOnManager(t.services, t.world)];
    expect(await deliver()).toMatchObject({ delivered: 0, retrying: 2 });
    await smtp.start();
    t.clock.advance(30_000);
    // Two senders at once: each message is claimed by one of them only.
    const [a, b] = await Promise.all([deliver('worker-a'), deliver('worker-b')]);
    expect(a.delivered + b.delivered).toBe(2);
    expect(smtp.received).toHaveLength(2);
    for (const plan of plans) expect((await outbox(t.services, plan.id)).map((r) => r.delivery)).toEqual(['sent']);
  });

  it('gives up after MAIL_MAX_ATTEMPTS and keeps the message as failed', async () => {
    const few = await buildTestApp(kind, { SMTP_URL: smtp.url, MAIL_MAX_ATTEMPTS: '2', MAIL_RETRY_SECONDS: '1' });
    try {
      const plan = await planWaitingOnManager(few.services, few.world);
      smtp.refuseNext = 5;
      const mailer = smtpMailer(few.services.config);
      expect(await deliverPending(few.services, mailer, 'w')).toMatchObject({ retrying: 1 });
      few.clock.advance(1_000);
      expect(await deliverPending(few.services, mailer, 'w')).toMatchObject({ failed: 1 });
      expect((await outbox(few.services, plan.id)).map((r) => [r.delivery, r.attempts])).toEqual([['failed', 2]]);
    } finally {
      await few.cleanup();
    }
  });

  it('sends the supervisor the meeting invitation with its .ics', async () => {
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n';
    const plans = new PlanService(t.services.db, t.clock, notificationsExtension({ config: t.services.config, meetingCalendar: () => ics }));
    t.clock.set('2026-12-04T09:00:00.000Z');
    const plan = await planWaitingOnRd({ plans }, t.world);
    await act({ plans }, plan, t.world.rdLead, 'SIGN_OFF');
    await act({ plans }, plan, t.world.clinician, 'SCHEDULE_MEETING');
    const invitations = await outbox(t.services, plan.id, 'meeting-scheduled');
    expect(invitations.map((r) => r.user_id).sort()).toEqual([t.world.manager.id, t.world.supervisor.id].sort());
    expect(invitations.every((r) => r.calendar === ics)).toBe(true);
    await deliver();
    const mail = smtp.received.find((m) => m.to.includes(t.world.supervisor.email))!;
    expect(mail.text).toContain('meeting.ics');
    expect(mail.text).toMatch(/Content-Type: text\/calendar/i);
    expect(mail.text).toContain(`${APP_URL}/plans/${plan.id}`);
  });

  it('never makes a request wait for SMTP, even when the server hangs', async () => {
    const silent = await startSilentServer();
    const slow = await buildTestApp(kind, { SMTP_URL: silent.url, MAIL_POLL_SECONDS: '0.05', REMINDER_INTERVAL_SECONDS: '0' });
    const background = startBackground(slow.services);
    try {
      const plan = await planWaitingOnManager(slow.services, slow.world);
      const [first] = await outbox(slow.services, plan.id);
      // Wait until the background sender has taken the message and is stuck talking to the silent server
      // (it claims the row first and connects after, so wait for both).
      const stuck = async () => !!(await outbox(slow.services, plan.id))[0]!.claimed_by && silent.sockets.size > 0;
      for (let i = 0; i < 100 && !(await stuck()); i++) await new Promise((r) => setTimeout(r, 20));
      expect((await outbox(slow.services, plan.id))[0]!.claimed_by).not.toBeNull();
      expect(silent.sockets.size).toBeGreaterThan(0);

      const manager = await slow.signIn(slow.world.manager);
      const started = Date.now();
      const res = await manager.api('POST', `/api/v1/plans/${plan.id}/events`, { type: 'REQUEST_CHANGES', version: plan.version, comment: 'Say more about the ward.' });
      expect(res.status).toBe(200);
      // Waiting on the silent server would take its 20-second greeting timeout; a busy machine takes well under 10.
      expect(Date.now() - started).toBeLessThan(10_000);
      expect((await outbox(slow.services, plan.id, 'changes-requested')).map((r) => r.delivery)).toEqual(['pending']);
      expect((await outbox(slow.services, plan.id))[0]!.id).toBe(first!.id);
    } finally {
      await silent.close(); // the stuck send fails, the pass ends, and the loop can stop
      await background.stop();
      await slow.cleanup();
    }
  });
});
