import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserEventType } from '../../src/domain/events.js';
import { buildTestApp, type Agent, type TestApp } from '../support/app.js';
import { agendaSteps, examples } from '../support/examples.js';
import { actorOf } from '../support/world.js';

// The supervisor's account, confirmed (issue 16.4): when the email typed to
// arrange the meeting is a supervisor's account, the person arranging sees
// whose account it is before anything is sent, with any name they typed
// differently beside the account's; the plan then uses the account's name.

type Who = 'clinician' | 'manager' | 'rdLead';

const toMeeting: Array<[Who, UserEventType]> = [
  ['clinician', 'UPDATE_IDEA'], ['clinician', 'SUBMIT_FOR_AGREEMENT'], ['manager', 'AGREE_IN_PRINCIPLE'],
  ...agendaSteps.map(([who, type]) => [who, type] as [Who, UserEventType]),
  ['clinician', 'PROPOSE_TERMS'], ['manager', 'ACCEPT_TERMS'], ['rdLead', 'SIGN_OFF'],
];

const meeting = { 'startsAt-day': '15', 'startsAt-month': '1', 'startsAt-year': '2027', startsAtTime: '10:00', durationMinutes: '60', location: 'Research office' };

describe("the supervisor's account, confirmed", () => {
  let t: TestApp;
  let clinician: Agent;

  beforeAll(async () => {
    t = await buildTestApp();
    clinician = await t.signIn(t.world.clinician);
  });
  afterAll(() => t.cleanup());

  const load = (id: string) => t.services.plans.load(id, actorOf(t.world.clinician));

  async function planAtMeeting(): Promise<string> {
    const { id } = await t.services.plans.create(actorOf(t.world.clinician), { title: 'Early mobilisation', managerId: t.world.manager.id });
    for (const [index, [who, type]] of toMeeting.entries()) {
      const payload = index >= 3 && index < 3 + agendaSteps.length ? agendaSteps[index - 3]![2] : examples[type](1);
      await t.services.plans.send(id, actorOf(t.world[who]), { type, version: (await load(id)).row.version, payload });
    }
    return id;
  }

  const arrange = async (id: string, fields: Record<string, string>) => {
    const version = String((await load(id)).row.version);
    return clinician.post(`/plans/${id}/events/SCHEDULE_MEETING`, { version, ...meeting, ...fields });
  };

  it('shows whose account the email is, with the name typed beside it, and sends nothing until confirmed', async () => {
    const id = await planAtMeeting();
    const before = (await load(id)).row.version;
    const res = await arrange(id, { supervisorName: 'Jo Evans', supervisorOrganisation: 'Northshire Uni', supervisorEmail: 'JO.EVANS@northshire.ac.uk' });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Dr Jo Evans, University of Northshire, has an account in this service: the plan will use their name');
    expect(page).toContain('You typed the name “Jo Evans”. The plan will show “Dr Jo Evans”, the name on their account.');
    expect(page).toContain('You typed “Northshire Uni”. The plan will show “University of Northshire”, the organisation on their account.');
    expect(page).toContain(`name="confirmedAccount" value="${t.world.supervisor.id}"`);
    expect(page).toContain('Confirm and arrange the meeting');
    expect(page).toMatch(/name="location" type="text"\s*value="Research office"/);
    expect((await load(id)).row.version).toBe(before);

    const confirmed = await arrange(id, {
      supervisorName: 'Jo Evans', supervisorOrganisation: 'Northshire Uni', supervisorEmail: 'JO.EVANS@northshire.ac.uk', confirmedAccount: t.world.supervisor.id,
    });
    expect(confirmed.status).toBe(303);
    const { snapshot } = await load(id);
    expect(snapshot.context.meeting).toMatchObject({ supervisorName: 'Dr Jo Evans', supervisorOrganisation: 'University of Northshire', supervisorUserId: t.world.supervisor.id });
  });

  it('asks again when the email is changed to another account after confirming', async () => {
    const id = await planAtMeeting();
    const res = await arrange(id, {
      supervisorName: 'Dr Jo Evans', supervisorOrganisation: 'University of Northshire', supervisorEmail: t.world.supervisor.email, confirmedAccount: 'someone-else',
    });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Check this is the right supervisor');
    // The same name as the account's: nothing to set beside it.
    expect(page).not.toContain('You typed the name');
  });

  it('sends straight away when the email is no account, keeping the name typed', async () => {
    const id = await planAtMeeting();
    const res = await arrange(id, { supervisorName: 'Prof Sam Hill', supervisorOrganisation: 'Elsewhere University', supervisorEmail: 'sam.hill@elsewhere.ac.uk' });
    expect(res.status).toBe(303);
    expect((await load(id)).snapshot.context.meeting).toMatchObject({ supervisorName: 'Prof Sam Hill', supervisorUserId: null });
  });

  it('does not ask again when a meeting with the same supervisor is rearranged', async () => {
    const id = await planAtMeeting();
    const fields = { supervisorName: 'Dr Jo Evans', supervisorOrganisation: 'University of Northshire', supervisorEmail: t.world.supervisor.email };
    expect((await arrange(id, { ...fields, confirmedAccount: t.world.supervisor.id })).status).toBe(303);
    expect((await arrange(id, { ...fields, location: 'Seminar room 3' })).status).toBe(303);
  });

  it('shows mistakes first (422), without asking about the account', async () => {
    const id = await planAtMeeting();
    const res = await arrange(id, { supervisorName: 'Jo Evans', supervisorOrganisation: 'Uni', supervisorEmail: t.world.supervisor.email, durationMinutes: '' });
    expect(res.status).toBe(422);
    expect(await res.text()).not.toContain('Check this is the right supervisor');
  });
});
