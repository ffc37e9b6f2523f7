import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runReminders } from '../../src/notifications/scheduler.js';
import { ConflictError } from '../../src/plans/errors.js';
import { verifyPlans } from '../../src/plans/verify.js';
import { actorOf } from '../support/world.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { act, outbox, planWaitingOnManager, planWaitingOnRd, reminderEvents, startPlan } from './helpers.js';

// The clock is the test's: it is set before and after each due date, and the
// scheduler's pass (runReminders) is run by hand.

describe.each(databaseKinds)('reminders and escalation on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => { t = await buildTestApp(kind); });
  afterAll(() => t.cleanup());

  const dueAt = async (planId: string) =>
    (await t.services.db.kysely.selectFrom('plans').select('due_at').where('id', '=', planId).executeTakeFirstOrThrow()).due_at;

  it('gives a plan waiting on the manager a due date 10 working days on, on the plan row', async () => {
    t.clock.set('2026-12-01T09:00:00.000Z');
    const plan = await planWaitingOnManager(t.services, t.world);
    expect(await dueAt(plan.id)).toBe('2026-12-15T09:00:00.000Z');
  });

  it('reminds the manager once at the due date, then escalates to R&D once, 5 working days later', async () => {
    t.clock.set('2026-12-01T09:00:00.000Z');
    const plan = await planWaitingOnManager(t.services, t.world, 'Reminder timing');
    const tick = () => runReminders(t.services);

    t.clock.set('2026-12-15T08:59:00.000Z');
    expect((await tick()).sent.filter((s) => s.planId === plan.id)).toEqual([]);

    t.clock.set('2026-12-15T09:00:00.000Z');
    expect((await tick()).sent.filter((s) => s.planId === plan.id)).toEqual([{ planId: plan.id, kind: 'reminder' }]);
    expect((await tick()).sent.filter((s) => s.planId === plan.id)).toEqual([]);

    const reminders = await outbox(t.services, plan.id, 'reminder');
    expect(reminders.map((r) => r.user_id)).toEqual([t.world.manager.id]);
    expect(reminders[0]!.subject).toContain('Reminder timing');

    // 5 working days after 15 December is 22 December.
    t.clock.set('2026-12-22T08:59:00.000Z');
    expect((await tick()).sent.filter((s) => s.planId === plan.id)).toEqual([]);
    t.clock.set('2026-12-22T09:00:00.000Z');
    expect((await tick()).sent.filter((s) => s.planId === plan.id)).toEqual([{ planId: plan.id, kind: 'escalation' }]);

    t.clock.set('2027-02-01T09:00:00.000Z');
    expect((await tick()).sent.filter((s) => s.planId === plan.id)).toEqual([]);
    expect(await reminderEvents(t.services, plan.id)).toEqual([
      { kind: 'reminder', at: '2026-12-15T09:00:00.000Z' }, { kind: 'escalation', at: '2026-12-22T09:00:00.000Z' },
    ]);
    const escalations = await outbox(t.services, plan.id, 'escalation');
    expect(escalations.map((r) => r.user_id)).toEqual([t.world.rdLead.id]);
    expect(escalations[0]!.subject).toContain('Sam Patel (manager)');
  });

  it('records both in the history as the system, saying to whom they went', async () => {
    t.clock.set('2026-12-01T09:00:00.000Z');
    const plan = await planWaitingOnManager(t.services, t.world, 'History wording');
    t.clock.set('2026-12-15T09:00:00.000Z');
    await runReminders(t.services);
    t.clock.set('2026-12-22T09:00:00.000Z');
    await runReminders(t.services);
    const events = await t.services.db.kysely.selectFrom('plan_events').select(['actor_role', 'type'])
      .where('plan_id', '=', plan.id).where('type', '=', 'SEND_REMINDER').execute();
    expect(events.map((e) => e.actor_role)).toEqual(['system', 'system']);
    const page = await (await (await t.signIn(t.world.clinician)).get(`/plans/${plan.id}/history`)).text();
    expect(page).toContain('Reminder sent to Sam Patel (manager)');
    expect(page).toContain('Escalated to R&amp;D');
  });

  it('starts again when the plan moves on: the new wait has its own due date, reminder and escalation', async () => {
    t.clock.set('2026-12-01T09:00:00.000Z');
    const plan = await planWaitingOnManager(t.services, t.world, 'Moves on');
    t.clock.set('2026-12-15T09:00:00.000Z');
    await runReminders(t.services);
    t.clock.set('2026-12-16T10:00:00.000Z');
    await act(t.services, plan, t.world.manager, 'AGREE_IN_PRINCIPLE');
    await act(t.services, plan, t.world.clinician, 'PROPOSE_TERMS');
    // Terms wait on the manager from 16 December: 10 working days, skipping Christmas and New Year, is 4 January.
    expect(await dueAt(plan.id)).toBe('2027-01-04T10:00:00.000Z');
    t.clock.set('2026-12-22T09:00:00.000Z');
    expect((await runReminders(t.services)).sent.filter((s) => s.planId === plan.id)).toEqual([]);
    t.clock.set('2027-01-04T10:00:00.000Z');
    expect((await runReminders(t.services)).sent.filter((s) => s.planId === plan.id)).toEqual([{ planId: plan.id, kind: 'reminder' }]);
    expect((await reminderEvents(t.services, plan.id)).map((r) => r.kind)).toEqual(['reminder', 'reminder']);
  });

  it('escalates a wait on R&D to the trust’s administrators, after 15 working days and the reminder', async () => {
    t.clock.set('2027-03-01T09:00:00.000Z');
    const plan = await planWaitingOnRd(t.services, t.world);
    // 15 working days from Monday 1 March 2027.
    expect(await dueAt(plan.id)).toBe('2027-03-22T09:00:00.000Z');
    t.clock.set('2027-03-22T09:00:00.000Z');
    await runReminders(t.services);
    expect((await outbox(t.services, plan.id, 'reminder')).map((r) => r.user_id)).toEqual([t.world.rdLead.id]);
    // Five working days after Monday 22 March, skipping Good Friday and Easter Monday, is Wednesday 31 March:
    // 9am in summer time, 8am UTC.
    t.clock.set('2027-03-31T07:59:00.000Z');
    expect((await runReminders(t.services)).sent.filter((s) => s.planId === plan.id)).toEqual([]);
    t.clock.set('2027-03-31T08:00:00.000Z');
    expect((await runReminders(t.services)).sent.filter((s) => s.planId === plan.id)).toEqual([{ planId: plan.id, kind: 'escalation' }]);
    expect((await outbox(t.services, plan.id, 'escalation')).map((r) => r.user_id)).toEqual([t.world.admin.id]);
  });

  it('forgets the timer once the plan needs nobody: a withdrawn plan is never reminded', async () => {
    t.clock.set('2026-12-01T09:00:00.000Z');
    const plan = await planWaitingOnManager(t.services, t.world, 'Withdrawn');
    await act(t.services, plan, t.world.clinician, 'WITHDRAW');
    expect(await dueAt(plan.id)).toBeNull();
    t.clock.set('2027-06-01T09:00:00.000Z');
    expect((await runReminders(t.services)).sent.filter((s) => s.planId === plan.id)).toEqual([]);
    expect(await reminderEvents(t.services, plan.id)).toEqual([]);
  });

  describe('a reminder arriving while someone has a form open', () => {
    const agreement = { opportunityNotes: 'The right project for our unit', peopleNotes: 'Ward sister covers', midTermPlan: 'Masters', longTermPlan: 'Doctorate' };
    const versionIn = (page: string) => Number(/name="version" value="(\d+)"/.exec(page)![1]);
    const typesOf = async (planId: string) => (await t.services.db.kysely.selectFrom('plan_events').select('type')
      .where('plan_id', '=', planId).orderBy('seq').execute()).map((e) => e.type);
    const remindNow = async (planId: string) => {
      t.clock.set('2026-12-15T09:00:00.000Z');
      expect((await runReminders(t.services)).sent.filter((s) => s.planId === planId)).toEqual([{ planId, kind: 'reminder' }]);
    };

    it('takes the answer as given: a reminder changes nothing the person was deciding on', async () => {
      t.clock.set('2026-12-01T09:00:00.000Z');
      const plan = await planWaitingOnManager(t.services, t.world, 'Form open over a reminder');
      // The manager opens the form ten minutes before the plan falls due.
      t.clock.set('2026-12-15T08:50:00.000Z');
      const manager = await t.signIn(t.world.manager);
      const seen = versionIn(await (await manager.get(`/plans/${plan.id}/events/AGREE_IN_PRINCIPLE`)).text());
      await remindNow(plan.id);

      const res = await manager.post(`/plans/${plan.id}/events/AGREE_IN_PRINCIPLE`, { ...agreement, version: String(seen) });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/plans/${plan.id}?done=AGREE_IN_PRINCIPLE`);
      expect((await typesOf(plan.id)).slice(-2)).toEqual(['SEND_REMINDER', 'AGREE_IN_PRINCIPLE']);
      const { row } = await t.services.plans.load(plan.id, actorOf(t.world.manager));
      expect(row.version).toBe(seen + 2);
      // The audit chain and the replay still agree with the stored plan.
      expect((await verifyPlans(t.services.db)).broken).toEqual([]);
    });

    it('still refuses it when a person changed the plan as well as the reminder', async () => {
      t.clock.set('2026-12-01T09:00:00.000Z');
      const plan = await planWaitingOnManager(t.services, t.world, 'Reminder and a comment');
      const seen = plan.version;
      await remindNow(plan.id);
      await act(t.services, plan, t.world.clinician, 'COMMENT', { text: 'I have added the audit figures' });

      await expect(t.services.plans.send(plan.id, actorOf(t.world.manager), { type: 'AGREE_IN_PRINCIPLE', version: seen, payload: agreement }))
        .rejects.toBeInstanceOf(ConflictError);
      const manager = await t.signIn(t.world.manager);
      const res = await manager.post(`/plans/${plan.id}/events/AGREE_IN_PRINCIPLE`, { ...agreement, version: String(seen) });
      expect(res.status).toBe(409);
      expect(await res.text()).toContain('Someone else changed this plan while you were working on it');
      expect((await typesOf(plan.id)).slice(-2)).toEqual(['SEND_REMINDER', 'COMMENT']);
    });

    it('answers the API the same way, and the scheduler still needs the version it read', async () => {
      t.clock.set('2026-12-01T09:00:00.000Z');
      const plan = await planWaitingOnManager(t.services, t.world, 'API over a reminder');
      const seen = plan.version;
      await remindNow(plan.id);
      await expect(t.services.plans.sendSystem(plan.id, seen, { type: 'SEND_REMINDER', kind: 'escalation' }))
        .rejects.toBeInstanceOf(ConflictError);

      const manager = await t.signIn(t.world.manager);
      const res = await manager.api('POST', `/api/v1/plans/${plan.id}/events`, { type: 'AGREE_IN_PRINCIPLE', version: seen, ...agreement });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ version: seen + 2 });
    });
  });
});

describe.each(databaseKinds)('a due date for the clinician’s own first step on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => { t = await buildTestApp(kind, { DUE_DAYS_IDEA: '5' }); });
  afterAll(() => t.cleanup());

  it('starts with the plan: a draft nobody has touched since is still reminded', async () => {
    t.clock.set('2026-12-01T09:00:00.000Z');
    const plan = await startPlan(t.services, t.world, 'Untouched draft');
    const row = await t.services.db.kysely.selectFrom('plans').select('due_at').where('id', '=', plan.id).executeTakeFirstOrThrow();
    // Five working days from Tuesday 1 December.
    expect(row.due_at).toBe('2026-12-08T09:00:00.000Z');
    t.clock.set('2026-12-08T09:00:00.000Z');
    expect((await runReminders(t.services)).sent.filter((s) => s.planId === plan.id)).toEqual([{ planId: plan.id, kind: 'reminder' }]);
    expect((await outbox(t.services, plan.id, 'reminder')).map((r) => r.user_id)).toEqual([t.world.clinician.id]);
  });
});

describe.each(databaseKinds)('a timer the plan no longer takes, on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => { t = await buildTestApp(kind); });
  afterAll(() => t.cleanup());

  it('is dropped on the first pass that finds it, so it never holds up the reminders behind it', async () => {
    t.clock.set('2026-12-01T09:00:00.000Z');
    const reminded = await planWaitingOnManager(t.services, t.world, 'Already reminded');
    t.clock.set('2026-12-02T09:00:00.000Z');
    const next = await planWaitingOnManager(t.services, t.world, 'Next in line');
    t.clock.set('2026-12-15T09:00:00.000Z');
    expect((await runReminders(t.services)).sent).toEqual([{ planId: reminded.id, kind: 'reminder' }]);
    // A timer that disagrees with its plan (restored by hand, say): a reminder this wait has already had.
    await t.services.db.kysely.updateTable('plan_timers').set({ kind: 'reminder', fire_at: '2026-12-15T09:00:00.000Z' })
      .where('plan_id', '=', reminded.id).execute();

    t.clock.set('2026-12-16T09:00:00.000Z');
    const warn = vi.spyOn(t.services.logger, 'warn').mockImplementation(() => {});
    try {
      // One timer a pass: the oldest, the one the plan refuses, comes first.
      expect(await runReminders(t.services, { limit: 1 })).toEqual({ sent: [], skipped: 1 });
      expect(warn.mock.calls).toEqual([[expect.objectContaining({ planId: reminded.id, kind: 'reminder' }), 'Dropped a timer the plan no longer takes']]);
    } finally {
      warn.mockRestore();
    }
    expect(await t.services.db.kysely.selectFrom('plan_timers').select('kind').where('plan_id', '=', reminded.id).execute()).toEqual([]);
    expect((await runReminders(t.services, { limit: 1 })).sent).toEqual([{ planId: next.id, kind: 'reminder' }]);
    expect(await reminderEvents(t.services, reminded.id)).toEqual([{ kind: 'reminder', at: '2026-12-15T09:00:00.000Z' }]);
  });
});
