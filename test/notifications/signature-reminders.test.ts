import { NotAllowedError } from '../../src/plans/errors.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { reissue } from '../support/sign.js';
import { runReminders } from '../../src/notifications/scheduler.js';
import { composeEmail } from '../../src/notifications/email.js';
import { verifyPlans } from '../../src/plans/verify.js';
import type { User } from '../../src/accounts/accounts.repository.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { act, outbox, planSignedOff, signatureReminderEvents, type PlanRef } from './helpers.js';

// Documents left unsigned: each signatory is reminded when their signature is
// due (5 working days after the document was issued), and R&D is told 5
// working days after that (the administrators, when the signatory is an R&D
// lead). The clock is the test's; the scheduler's pass is run by hand.

// Signed off on Friday 18 December 2026: five working days on, skipping Christmas Day and the
// Boxing Day holiday (Monday 28th), is Tuesday 29 December; five more, skipping New Year's Day, is 6 January.
const ISSUED = '2026-12-18T09:00:00.000Z';
const DUE = '2026-12-29T09:00:00.000Z';
const ESCALATION = '2027-01-06T09:00:00.000Z';
const minuteBefore = (iso: string) => new Date(Date.parse(iso) - 60_000).toISOString();

describe.each(databaseKinds)('reminders and escalation for signatures on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => { t = await buildTestApp(kind); });
  afterAll(() => t.cleanup());

  const agreementOf = (planId: string) => t.services.db.kysely.selectFrom('documents').select(['id', 'number', 'sha256'])
    .where('plan_id', '=', planId).where('kind', '=', 'training-agreement').orderBy('number', 'desc').executeTakeFirstOrThrow();
  const sentFor = async (planId: string) => (await runReminders(t.services)).sent.filter((s) => s.planId === planId);
  const timersOf = (planId: string) => t.services.db.kysely.selectFrom('signature_timers').select(['document_id', 'user_id', 'kind', 'fire_at'])
    .where('plan_id', '=', planId).orderBy('user_id').execute();
  const signedOffOn = async (at: string): Promise<PlanRef> => {
    t.clock.set(at);
    return planSignedOff(t.services, t.world);
  };
  /** The signatory reads the document and confirms the statement on its page. */
  async function authoriseOnPage(user: User, planId: string) {
    const doc = await agreementOf(planId);
    const res = await (await t.signIn(user)).post(`/plans/${planId}/documents/${doc.id}/authorisations`, { confirm: 'yes', sha256: doc.sha256 });
    expect(res.status).toBe(303);
  }

  it('reminds each signatory once when their signature is due, in working days, then tells R&D once, five working days later', async () => {
    const plan = await signedOffOn(ISSUED);
    const doc = await agreementOf(plan.id);
    const { clinician, manager, rdLead, admin } = t.world;
    const each = (kind: string) => [clinician, manager, rdLead].map((u) => ({ planId: plan.id, kind, documentId: doc.id, userId: u.id }));
    const sortByUser = (sent: Array<{ userId?: string }>) => [...sent].sort((a, b) => a.userId!.localeCompare(b.userId!));

    t.clock.set(minuteBefore(DUE));
    expect(await sentFor(plan.id)).toEqual([]);
    t.clock.set(DUE);
    expect(sortByUser(await sentFor(plan.id))).toEqual(sortByUser(each('reminder')));
    expect(await sentFor(plan.id)).toEqual([]);

    const reminders = await outbox(t.services, plan.id, 'reminder');
    expect(reminders.map((r) => r.user_id).sort()).toEqual([clinician.id, manager.id, rdLead.id].sort());
    const toManager = reminders.find((r) => r.user_id === manager.id)!;
    expect(toManager.subject).toBe('Reminder: please authorise the training agreement for “Early mobilisation after hip fracture”');
    expect(toManager.body).toContain('Version 1 of the training agreement for the plan “Early mobilisation after hip fracture” still waits for you to read and authorise it.');
    expect(toManager.asked).toBe('read and authorise the training agreement');
    expect(composeEmail(toManager, 'https://plans.example').text).toContain('it was due by Tuesday 29 December 2026');
    expect(toManager.path).toBe(`/plans/${plan.id}/documents/${doc.id}`);

    t.clock.set(minuteBefore(ESCALATION));
    expect(await sentFor(plan.id)).toEqual([]);
    t.clock.set(ESCALATION);
    expect(sortByUser(await sentFor(plan.id))).toEqual(sortByUser(each('escalation')));
    t.clock.set('2027-03-01T09:00:00.000Z');
    expect(await sentFor(plan.id)).toEqual([]);

    // The clinician's and the manager's overdue signatures go to R&D; the R&D lead's own to the administrators.
    const escalations = await outbox(t.services, plan.id, 'escalation');
    expect(escalations.map((r) => [r.user_id, r.subject.split(' has not')[0]]).sort()).toEqual([
      [rdLead.id, 'Escalation: Alex Morgan (clinician)'], [rdLead.id, 'Escalation: Sam Patel (manager)'], [admin.id, 'Escalation: Priya Shah (R&D lead)'],
    ].sort());
    const aboutManager = escalations.find((r) => r.subject.includes('Sam Patel'))!;
    expect(aboutManager.body).toContain('has not authorised version 1 of the training agreement for the plan “Early mobilisation after hip fracture” since it was issued on 18 December 2026. It was due on 29 December 2026.');
    expect(aboutManager.body).toContain('A reminder was sent to them on 29 December 2026');
    expect(await signatureReminderEvents(t.services, plan.id)).toHaveLength(6);
    expect(await timersOf(plan.id)).toEqual([]);
    expect((await verifyPlans(t.services.db)).broken).toEqual([]);
  });

  it('shows each reminder and escalation in the plan’s history, the person’s notifications and the mailbox', async () => {
    const plan = await signedOffOn(ISSUED);
    t.clock.set(DUE);
    await runReminders(t.services);
    t.clock.set(ESCALATION);
    await runReminders(t.services);

    const manager = await t.signIn(t.world.manager);
    const history = await (await manager.get(`/plans/${plan.id}/history`)).text();
    expect(history).toContain('Reminder sent to you to authorise version 1 of the training agreement');
    expect(history).toContain('Escalated to R&amp;D: Alex Morgan (clinician) has not authorised version 1 of the training agreement');
    expect(history).toContain('Escalated to the trust&#x27;s administrators: Priya Shah (R&amp;D lead) has not authorised version 1 of the training agreement');
    const notifications = await (await manager.get('/notifications')).text();
    expect(notifications).toContain('Reminder: please authorise the training agreement for “Early mobilisation after hip fracture”');
    // The escalation about R&D's own signature went to the trust's administrators: it is in theirs.
    const mailbox = await (await (await t.signIn(t.world.admin)).get('/dev/mailbox')).text();
    expect(mailbox).toContain('Escalation: Priya Shah (R&amp;D lead) has not authorised the training agreement');
    // A signatory's email links to the document they are asked to read; a hand-over's to the plan.
    expect(mailbox).toMatch(/Open the document: http:\/\/[^<\s]+\/plans\/[^/]+\/documents\/[0-9a-f-]+/);
    expect(mailbox).toMatch(/Open the plan: http:\/\/[^<\s]+\/plans\/[0-9a-f-]+\s*</);
  });

  it('stops for whoever authorises: before the due date nobody reminds them, after the reminder nobody escalates', async () => {
    const plan = await signedOffOn(ISSUED);
    const doc = await agreementOf(plan.id);
    expect((await timersOf(plan.id)).map((r) => [r.kind, r.fire_at])).toEqual([['reminder', DUE], ['reminder', DUE], ['reminder', DUE]]);
    t.clock.set('2026-12-21T09:00:00.000Z');
    await authoriseOnPage(t.world.manager, plan.id);
    expect((await timersOf(plan.id)).map((r) => r.user_id).sort()).toEqual([t.world.clinician.id, t.world.rdLead.id].sort());
    t.clock.set(DUE);
    expect((await sentFor(plan.id)).map((s) => s.userId).sort()).toEqual([t.world.clinician.id, t.world.rdLead.id].sort());
    t.clock.set('2026-12-30T09:00:00.000Z');
    await authoriseOnPage(t.world.clinician, plan.id);
    expect((await timersOf(plan.id)).map((r) => [r.user_id, r.kind, r.fire_at])).toEqual([[t.world.rdLead.id, 'escalation', ESCALATION]]);
    t.clock.set(ESCALATION);
    expect(await sentFor(plan.id)).toEqual([{ planId: plan.id, kind: 'escalation', documentId: doc.id, userId: t.world.rdLead.id }]);
    expect((await outbox(t.services, plan.id, 'escalation')).map((r) => r.user_id)).toEqual([t.world.admin.id]);
    expect((await signatureReminderEvents(t.services, plan.id)).map((e) => [e.kind, e.userId]).filter(([, u]) => u === t.world.manager.id)).toEqual([]);
  });

  it('drops a timer for someone who has already authorised, the first time it comes, without reminding them', async () => {
    const plan = await signedOffOn(ISSUED);
    const doc = await agreementOf(plan.id);
    t.clock.set('2026-12-21T09:00:00.000Z');
    await authoriseOnPage(t.world.manager, plan.id);
    // A timer that disagrees with its plan (restored by hand, say): the manager has authorised.
    await t.services.db.kysely.insertInto('signature_timers')
      .values({ document_id: doc.id, user_id: t.world.manager.id, plan_id: plan.id, kind: 'reminder', fire_at: DUE }).execute();
    t.clock.set(DUE);
    const warn = vi.spyOn(t.services.logger, 'warn').mockImplementation(() => {});
    try {
      expect((await sentFor(plan.id)).map((s) => s.userId).sort()).toEqual([t.world.clinician.id, t.world.rdLead.id].sort());
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
    expect((await timersOf(plan.id)).map((r) => r.user_id)).not.toContain(t.world.manager.id);
    expect((await outbox(t.services, plan.id, 'reminder')).map((r) => r.user_id)).not.toContain(t.world.manager.id);
  });

  it('reminds about the current version only: a newer version replaces the older one’s timers with its own', async () => {
    const plan = await signedOffOn(ISSUED);
    const first = await agreementOf(plan.id);
    // Arranging the meeting names the supervisor for certain, which the agreement shows: version 2, issued on Monday 4 January.
    t.clock.set('2027-01-04T09:00:00.000Z');
    await act(t.services, plan, t.world.clinician, 'SCHEDULE_MEETING', {
      supervisorName: 'Prof Ann Reid', supervisorOrganisation: 'Eastfield University', supervisorEmail: 'ann.reid@eastfield.ac.uk',
      startsAt: '2027-02-01T10:00:00+00:00', durationMinutes: 45, location: 'Room 4',
    });
    t.clock.set('2027-01-04T10:00:00.000Z');
    await reissue(t.services, plan.id, t.world, 'training-agreement');
    const second = await agreementOf(plan.id);
    expect(second.number).toBe(2);
    // Five working days from Monday 4 January.
    expect((await timersOf(plan.id)).map((r) => [r.document_id, r.kind, r.fire_at])).toEqual([1, 2, 3].map(() => [second.id, 'reminder', '2027-01-11T10:00:00.000Z']));
    // 29 December was the first version's due date; it has passed, and nothing is sent about it.
    expect(await sentFor(plan.id)).toEqual([]);
    t.clock.set('2027-01-11T10:00:00.000Z');
    const sent = await sentFor(plan.id);
    expect(sent.map((s) => [s.kind, s.documentId])).toEqual([['reminder', second.id], ['reminder', second.id], ['reminder', second.id]]);
    expect((await signatureReminderEvents(t.services, plan.id)).every((e) => e.documentId !== first.id)).toBe(true);
    const history = await (await (await t.signIn(t.world.clinician)).get(`/plans/${plan.id}/history`)).text();
    expect(history).toContain('Reminder sent to you to authorise version 2 of the training agreement');
  });

  it('sends nothing once the plan is finished', async () => {
    const plan = await signedOffOn(ISSUED);
    t.clock.set('2026-12-21T09:00:00.000Z');
    await act(t.services, plan, t.world.clinician, 'WITHDRAW');
    expect(await timersOf(plan.id)).toEqual([]);
    t.clock.set(ESCALATION);
    expect(await sentFor(plan.id)).toEqual([]);
    expect(await signatureReminderEvents(t.services, plan.id)).toEqual([]);
  });

  it('asks nobody to authorise anything once the plan is finished, and issues nothing more', async () => {
    const plan = await signedOffOn(ISSUED);
    t.clock.set('2026-12-21T09:00:00.000Z');
    await act(t.services, plan, t.world.clinician, 'WITHDRAW');
    const asked = (await outbox(t.services, plan.id, 'document-authorisation')).length;
    await expect(reissue(t.services, plan.id, t.world, 'training-agreement', 'Sam Patel\'s name was corrected.')).rejects.toBeInstanceOf(NotAllowedError);
    expect(await timersOf(plan.id)).toEqual([]);
    expect(await outbox(t.services, plan.id, 'document-authorisation')).toHaveLength(asked);
    t.clock.set('2027-02-01T09:00:00.000Z');
    expect(await sentFor(plan.id)).toEqual([]);
  });
});
