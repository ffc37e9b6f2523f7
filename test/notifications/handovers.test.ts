import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/plans/errors.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { agreeAgenda } from '../support/agenda.js';
import { signEverything } from '../support/sign.js';
import { examples } from '../support/examples.js';
import { actorOf } from '../support/world.js';
import { act, countRows, outbox, planWaitingOnManager, planWaitingOnRd, type PlanRef } from './helpers.js';

// Who is told of each change: whoever the plan is handed to, the clinician
// when changes are asked for or the plan is declined, and everyone at the
// supervisor meeting. Written in the transaction of the change itself.

describe.each(databaseKinds)('who is told on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => { t = await buildTestApp(kind); });
  afterAll(() => t.cleanup());

  /** [kind, recipient name] of the notifications this step added. */
  async function toldBy(plan: PlanRef, step: () => Promise<unknown>) {
    const before = (await outbox(t.services, plan.id)).length;
    await step();
    return (await outbox(t.services, plan.id)).slice(before).map((r) => [r.kind, r.recipient_name]);
  }

  it('follows the plan from hand to hand through the whole process', async () => {
    const plan = await planWaitingOnManager(t.services, t.world);
    const w = t.world;
    expect(await toldBy(plan, () => act(t.services, plan, w.manager, 'AGREE_IN_PRINCIPLE'))).toEqual([['handover', 'Alex Morgan']]);
    await agreeAgenda((who, type, payload) => act(t.services, plan, w[who], type, payload));
    expect(await toldBy(plan, () => act(t.services, plan, w.clinician, 'PROPOSE_TERMS'))).toEqual([['handover', 'Sam Patel']]);
    expect(await toldBy(plan, () => act(t.services, plan, w.manager, 'PROPOSE_TERMS', { ...examples.PROPOSE_TERMS(1), academicPercent: 50 })))
      .toEqual([['handover', 'Alex Morgan']]);
    expect(await toldBy(plan, () => act(t.services, plan, w.clinician, 'ACCEPT_TERMS', { termsVersion: 2 }))).toEqual([['handover', 'Priya Shah']]);
    // R&D's return says "revise with your manager": the manager is told and asked too.
    expect(await toldBy(plan, () => act(t.services, plan, w.rdLead, 'RETURN_FOR_CHANGES')))
      .toEqual([['returned-for-changes', 'Alex Morgan'], ['returned-for-changes', 'Sam Patel']]);
    expect(await toldBy(plan, () => act(t.services, plan, w.clinician, 'PROPOSE_TERMS'))).toEqual([['handover', 'Sam Patel']]);
    expect(await toldBy(plan, () => act(t.services, plan, w.manager, 'ACCEPT_TERMS', { termsVersion: 3 }))).toEqual([['handover', 'Priya Shah']]);
    // Signing off issues the training agreement: each signatory is asked to authorise it.
    expect((await toldBy(plan, () => act(t.services, plan, w.rdLead, 'SIGN_OFF'))).sort()).toEqual([
      ['document-authorisation', 'Alex Morgan'], ['document-authorisation', 'Priya Shah'], ['document-authorisation', 'Sam Patel'],
      ['handover', 'Alex Morgan'],
    ]);
    expect((await toldBy(plan, () => act(t.services, plan, w.manager, 'SCHEDULE_MEETING'))).sort())
      .toEqual([['meeting-scheduled', 'Alex Morgan'], ['meeting-scheduled', 'Dr Jo Evans']]);
    // Recording the meeting issues its record (signed by the attendees), the letter of support (manager, R&D lead)
    // and the supervisor's letter for the university (supervisor).
    expect((await toldBy(plan, () => act(t.services, plan, w.supervisor, 'RECORD_MEETING'))).sort()).toEqual([
      ['document-authorisation', 'Alex Morgan'], ['document-authorisation', 'Dr Jo Evans'], ['document-authorisation', 'Dr Jo Evans'],
      ['document-authorisation', 'Priya Shah'], ['document-authorisation', 'Sam Patel'], ['document-authorisation', 'Sam Patel'], ['handover', 'Alex Morgan'],
    ]);
    await signEverything(t.services, plan.id, w);
    // A comment naming nobody, the application and its outcome are news for everyone else concerned.
    expect(await toldBy(plan, () => act(t.services, plan, w.clinician, 'COMMENT')))
      .toEqual([['comment', 'Sam Patel'], ['comment', 'Dr Jo Evans'], ['comment', 'Priya Shah']]);
    expect(await toldBy(plan, () => act(t.services, plan, w.clinician, 'SUBMIT_APPLICATION')))
      .toEqual([['application-submitted', 'Sam Patel'], ['application-submitted', 'Dr Jo Evans'], ['application-submitted', 'Priya Shah']]);
    expect(await toldBy(plan, () => act(t.services, plan, w.rdLead, 'RECORD_OUTCOME', { outcome: 'not-awarded', decidedOn: '2027-07-01' })))
      .toEqual([['outcome', 'Alex Morgan'], ['outcome', 'Sam Patel'], ['outcome', 'Dr Jo Evans']]);
  });

  it('tells the clinician why, when the manager asks for changes or declines', async () => {
    const plan = await planWaitingOnManager(t.services, t.world, 'Declined plan');
    await act(t.services, plan, t.world.manager, 'DECLINE', { reason: 'No cover this year.' });
    const [declined] = await outbox(t.services, plan.id, 'declined');
    expect(declined).toMatchObject({ user_id: t.world.clinician.id, subject: '“Declined plan” has been declined' });
    expect(declined!.body).toContain('No cover this year.');
    expect(declined!.body).toContain('Sam Patel (manager)');
  });

  it('emails a supervisor who has no account at the address given for the meeting', async () => {
    const plan = await planWaitingOnRd(t.services, t.world);
    await act(t.services, plan, t.world.rdLead, 'SIGN_OFF');
    await act(t.services, plan, t.world.clinician, 'SCHEDULE_MEETING', {
      ...examples.SCHEDULE_MEETING(1), supervisorName: 'Prof Ada Byrne', supervisorEmail: 'ada.byrne@elsewhere.ac.uk',
    });
    const invitations = await outbox(t.services, plan.id, 'meeting-scheduled');
    expect(invitations.map((r) => [r.user_id, r.email]).sort()).toEqual([
      [null, 'ada.byrne@elsewhere.ac.uk'], [t.world.manager.id, t.world.manager.email],
    ].sort());
    expect(invitations[0]!.subject).toContain('Supervisor meeting for');
    expect(invitations[0]!.body).toContain('Research office, Level 2, Northshire General');
  });

  it('attaches the meeting’s calendar invitation, and a new one when it is rearranged', async () => {
    const plan = await planWaitingOnRd(t.services, t.world);
    await act(t.services, plan, t.world.rdLead, 'SIGN_OFF');
    await act(t.services, plan, t.world.clinician, 'SCHEDULE_MEETING');
    await act(t.services, plan, t.world.clinician, 'SCHEDULE_MEETING', { ...examples.SCHEDULE_MEETING(1), startsAt: '2027-01-22T14:00:00+00:00' });
    const invitations = (await outbox(t.services, plan.id, 'meeting-scheduled')).filter((r) => r.user_id === t.world.supervisor.id);
    expect(invitations).toHaveLength(2);
    for (const [i, row] of invitations.entries()) {
      expect(row.calendar).toContain('BEGIN:VCALENDAR');
      expect(row.calendar).toContain('METHOD:REQUEST');
      expect(row.calendar).toContain(`SEQUENCE:${i}`);
    }
    expect(invitations[1]!.subject).toContain('(rearranged)');
  });

  it('writes nothing when the change itself fails', async () => {
    const plan = await planWaitingOnManager(t.services, t.world);
    const before = await countRows(t.services, 'notifications');
    await expect(t.services.plans.send(plan.id, actorOf(t.world.manager), { type: 'AGREE_IN_PRINCIPLE', version: plan.version - 1, payload: examples.AGREE_IN_PRINCIPLE(1) }))
      .rejects.toBeInstanceOf(ConflictError);
    expect(await countRows(t.services, 'notifications')).toBe(before);
  });
});
