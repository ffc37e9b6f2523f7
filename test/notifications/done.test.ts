import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/accounts/accounts.service.js';
import { runReminders } from '../../src/notifications/scheduler.js';
import { nameCover } from '../../src/plans/cover.service.js';
import { buildTestApp, type Agent, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { agendaSteps } from '../support/examples.js';
import { PASSWORD } from '../support/world.js';
import { act, outbox, planSignedOff, planWaitingOnManager, planWaitingOnRd } from './helpers.js';

// A notification that asked something is done once the plan no longer asks it
// of its reader: they did it, someone else did, the plan was withdrawn, or it
// was handed to someone else. A reminder replaces the request it follows up.
// A colleague covering gets a copy, done with the original.

interface Listed {
  id: string; planId: string; kind: string; subject: string; status: 'new' | 'read' | 'done'; actionNeeded: boolean;
  asked: string | null; dueAt: string | null; doneAt: string | null; readAt: string | null; link: string;
  coveringFor: { userId: string; name: string } | null;
}

describe.each(databaseKinds)('notifications done and replaced on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => { t = await buildTestApp(kind); });
  afterAll(() => t.cleanup());

  const list = async (agent: Agent, planId: string) =>
    ((await (await agent.api('GET', '/api/v1/notifications')).json()) as { notifications: Listed[] }).notifications.filter((n) => n.planId === planId);

  it('marks the request done when the reader acts, and counts it new no more', async () => {
    t.clock.set('2026-12-01T09:00:00.000Z');
    const plan = await planWaitingOnManager(t.services, t.world, 'Done when acted on');
    const manager = await t.signIn(t.world.manager);
    const [asked] = await list(manager, plan.id);
    expect(asked).toMatchObject({
      kind: 'handover', status: 'new', actionNeeded: true, asked: 'agree in principle, ask for changes or decline',
      dueAt: '2026-12-15T09:00:00.000Z', doneAt: null, link: `/plans/${plan.id}`,
    });
    expect(await (await manager.get('/notifications')).text()).toContain('By Tuesday 15 December 2026.');

    t.clock.set('2026-12-01T10:00:00.000Z');
    await act(t.services, plan, t.world.manager, 'AGREE_IN_PRINCIPLE');
    expect(await list(manager, plan.id)).toMatchObject([{ id: asked!.id, status: 'done', actionNeeded: false, doneAt: '2026-12-01T10:00:00.000Z' }]);
    const page = await (await manager.get('/notifications')).text();
    expect(page).toContain('>Done</h2>');
    expect(page).toContain('Done on 1 December 2026.');
    expect(page).not.toContain('>Waiting for you</h2>');
    expect(page).toContain('Notifications (0 unread)');
    // The clinician's new request is not touched by the manager's answer.
    expect(await list(await t.signIn(t.world.clinician), plan.id)).toMatchObject([{ status: 'new', actionNeeded: true }]);
  });

  it('marks it done when someone else does it', async () => {
    const dana = await createUser(t.services.db, {
      name: 'Dana Cole', email: 'dana.cole@northshire.nhs.uk', role: 'rdLead', organisation: t.world.trust.id, password: PASSWORD,
    });
    const plan = await planWaitingOnRd(t.services, t.world);
    const asked = (await outbox(t.services, plan.id, 'handover')).filter((r) => r.user_id === dana.id);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.done_at).toBeNull();
    await act(t.services, plan, t.world.rdLead, 'SIGN_OFF');
    const [row] = (await outbox(t.services, plan.id, 'handover')).filter((r) => r.user_id === dana.id);
    expect(row!.done_at).toBe(t.clock().toISOString());
    await t.services.db.kysely.updateTable('users').set({ deactivated_at: t.clock().toISOString() }).where('id', '=', dana.id).execute();
  });

  it('marks a request to authorise done once the signatory has authorised that document, and only theirs', async () => {
    const plan = await planSignedOff(t.services, t.world);
    const doc = await t.services.db.kysely.selectFrom('documents').select(['id', 'sha256']).where('plan_id', '=', plan.id).executeTakeFirstOrThrow();
    const res = await (await t.signIn(t.world.manager)).post(`/plans/${plan.id}/documents/${doc.id}/authorisations`, { confirm: 'yes', sha256: doc.sha256 });
    expect(res.status).toBe(303);
    const asks = await outbox(t.services, plan.id, 'document-authorisation');
    expect(asks.map((r) => [r.recipient_name, r.topic, r.done_at !== null]).sort()).toEqual([
      ['Alex Morgan', 'sign:training-agreement', false], ['Priya Shah', 'sign:training-agreement', false], ['Sam Patel', 'sign:training-agreement', true],
    ]);
  });

  it('asks the manager to answer the points proposed, and marks it done once none waits on them', async () => {
    const plan = await planWaitingOnManager(t.services, t.world, 'Points plan');
    await act(t.services, plan, t.world.manager, 'AGREE_IN_PRINCIPLE');
    const send = (who: 'clinician' | 'manager', type: Parameters<typeof act>[3], payload: object) => act(t.services, plan, t.world[who], type, payload);
    for (const [who, type, payload] of agendaSteps.filter(([who]) => who === 'clinician')) await send(who, type, payload);
    const asked = async () => (await outbox(t.services, plan.id, 'agenda')).filter((r) => r.user_id === t.world.manager.id && r.topic === 'points');
    expect(await asked()).toHaveLength(1);
    expect((await asked())[0]).toMatchObject({ done_at: null, asked: 'answer the points of the discussion waiting for you: agree, disagree, or propose again' });
    for (const [who, type, payload] of agendaSteps.filter(([who]) => who === 'manager')) await send(who, type, payload);
    expect((await asked()).map((r) => r.done_at !== null)).toEqual([true]);
  });

  it('marks it done when the plan is withdrawn, and tells the manager why', async () => {
    const plan = await planWaitingOnManager(t.services, t.world, 'Withdrawn plan');
    await act(t.services, plan, t.world.clinician, 'WITHDRAW', { reason: 'I have decided to wait a year.' });
    const rows = await outbox(t.services, plan.id);
    const toManager = rows.filter((r) => r.user_id === t.world.manager.id);
    expect(toManager.map((r) => [r.kind, r.done_at !== null])).toEqual([['handover', true], ['withdrawn', false]]);
    expect(toManager[1]!.body).toContain('I have decided to wait a year.');
    expect(toManager[1]!.asked).toBeNull();
  });

  it('hands the request to the new manager, tells the old one they no longer hold the plan, and tells the clinician', async () => {
    const plan = await planWaitingOnManager(t.services, t.world, 'Handed over plan');
    await act(t.services, plan, t.world.rdLead, 'REASSIGN', { role: 'manager', userId: t.world.otherManager.id, reason: 'Sam Patel has moved to another service.' });
    const rows = await outbox(t.services, plan.id);
    const of = (userId: string) => rows.filter((r) => r.user_id === userId).map((r) => ({ kind: r.kind, subject: r.subject, asked: r.asked, done: r.done_at !== null }));
    expect(of(t.world.manager.id)).toEqual([
      { kind: 'handover', subject: expect.stringContaining('Action needed'), asked: 'agree in principle, ask for changes or decline', done: true },
      { kind: 'reassigned', subject: 'You are no longer the line manager on “Handed over plan”', asked: null, done: false },
    ]);
    expect(of(t.world.otherManager.id)).toEqual([
      { kind: 'reassigned', subject: 'You are now the line manager on “Handed over plan”', asked: 'agree in principle, ask for changes or decline', done: false },
    ]);
    expect(of(t.world.clinician.id).at(-1)).toEqual({ kind: 'reassigned', subject: 'Your line manager on “Handed over plan” is now Kim Ford', asked: null, done: false });
  });

  it('replaces the request with its reminder in the list, keeping both emails', async () => {
    t.clock.set('2026-12-01T09:00:00.000Z');
    const plan = await planWaitingOnManager(t.services, t.world, 'Reminded plan');
    t.clock.set('2026-12-15T09:00:00.000Z');
    await runReminders(t.services);
    const sent = (await outbox(t.services, plan.id)).filter((r) => r.user_id === t.world.manager.id);
    expect(sent.map((r) => r.kind)).toEqual(['handover', 'reminder']);
    const listed = await list(await t.signIn(t.world.manager), plan.id);
    expect(listed.map((n) => [n.kind, n.status, n.asked])).toEqual([['reminder', 'new', 'agree in principle, ask for changes or decline']]);
    expect(await (await (await t.signIn(t.world.manager)).get('/notifications')).text()).toContain('This was due by Tuesday 15 December 2026.');
  });

  it('sends a colleague covering a copy of what is asked, done when the request is', async () => {
    t.clock.set('2026-12-02T09:00:00.000Z');
    await nameCover(t.services.db, t.world.manager, { delegateId: t.world.otherManager.id, from: '2026-12-01', to: '2026-12-18' }, t.clock());
    const plan = await planWaitingOnManager(t.services, t.world, 'Covered plan');
    const kim = await t.signIn(t.world.otherManager);
    const [copy] = await list(kim, plan.id);
    expect(copy).toMatchObject({
      kind: 'handover', status: 'new', actionNeeded: true, coveringFor: { userId: t.world.manager.id, name: 'Sam Patel' },
      subject: 'Covering for Sam Patel: Action needed on “Covered plan”: agree in principle, ask for changes or decline',
    });
    expect(await (await kim.get('/notifications')).text()).toContain('You are covering for Sam Patel: this was asked of them.');
    await act(t.services, plan, t.world.manager, 'AGREE_IN_PRINCIPLE');
    expect(await list(kim, plan.id)).toMatchObject([{ id: copy!.id, status: 'done' }]);
    await t.services.db.kysely.deleteFrom('covers').execute();
  });

  it('marks one notification read with its button, and refuses someone else’s', async () => {
    t.clock.set('2026-12-03T09:00:00.000Z');
    const plan = await planWaitingOnManager(t.services, t.world, 'Read one');
    const manager = await t.signIn(t.world.manager);
    const [item] = await list(manager, plan.id);
    const page = await (await manager.get('/notifications')).text();
    expect(page).toContain(`action="/notifications/${item!.id}/read"`);
    const res = await manager.post(`/notifications/${item!.id}/read`, {});
    expect(res.status).toBe(303);
    expect(await (await manager.get(res.headers.get('location')!)).text()).toContain('The notification is marked as read');
    expect(await list(manager, plan.id)).toMatchObject([{ status: 'read', readAt: '2026-12-03T09:00:00.000Z', actionNeeded: true }]);
    const clinician = await t.signIn(t.world.clinician);
    expect((await clinician.post(`/notifications/${item!.id}/read`, {})).status).toBe(404);
    expect((await clinician.api('POST', `/api/v1/notifications/${item!.id}/read`)).status).toBe(404);
    const api = await manager.api('POST', `/api/v1/notifications/${item!.id}/read`);
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ id: item!.id, status: 'read' });
  });
});
