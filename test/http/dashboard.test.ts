import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.js';
import { examples, idea, terms } from '../support/examples.js';
import { actorOf } from '../support/world.js';

describe('a busy manager’s dashboard', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp('sqlite');
    const clinician = actorOf(t.world.clinician);
    for (let i = 0; i < 12; i++) {
      t.clock.advance(60_000);
      const { id } = await t.services.plans.create(clinician, { title: `Waiting plan ${String(i).padStart(2, '0')}`, managerId: t.world.manager.id });
      await t.services.plans.send(id, clinician, { type: 'UPDATE_IDEA', version: 1, payload: idea });
      await t.services.plans.send(id, clinician, { type: 'SUBMIT_FOR_AGREEMENT', version: 2, payload: {} });
    }
  }, 60_000);
  afterAll(() => t.cleanup());

  it('shows the ten longest waits first, says how many there are, and links to all of them', async () => {
    const manager = await t.signIn(t.world.manager);
    const page = await (await manager.get('/')).text();
    const waitingSection = page.slice(page.indexOf('Waiting for you'), page.indexOf('Your plans</h2>'));
    expect(waitingSection).toContain('12 plans are waiting for you. These are the 10 that have waited longest.');
    expect(waitingSection).toContain('Waiting plan 00');
    expect(waitingSection).toContain('Waiting plan 09');
    expect(waitingSection).not.toContain('Waiting plan 10');
    const all = await (await manager.get('/?waiting=1')).text();
    expect(all).toContain('All plans waiting for you');
    for (const n of ['00', '05', '11']) expect(all).toContain(`Waiting plan ${n}`);
  });
});

describe('documents waiting for a signature', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp('sqlite', { SESSION_HOURS: '720' });
    const w = t.world;
    const as = (user: typeof w.clinician) => actorOf(user);
    const { id } = await t.services.plans.create(as(w.clinician), { title: 'Signed-off plan', managerId: w.manager.id });
    let version = 1;
    const send = async (user: typeof w.clinician, type: string, payload: object) => {
      await t.services.plans.send(id, as(user), { type, version: version++, payload });
    };
    await send(w.clinician, 'UPDATE_IDEA', idea);
    await send(w.clinician, 'SUBMIT_FOR_AGREEMENT', {});
    await send(w.manager, 'AGREE_IN_PRINCIPLE', examples.AGREE_IN_PRINCIPLE(1));
    await send(w.clinician, 'PROPOSE_TERMS', terms);
    await send(w.manager, 'ACCEPT_TERMS', { termsVersion: 1 });
    // Tuesday 1 December 2026: five working days later is Tuesday 8 December.
    t.clock.set('2026-12-01T10:00:00.000Z');
    await send(w.rdLead, 'SIGN_OFF', examples.SIGN_OFF(1));
  }, 60_000);
  afterAll(() => t.cleanup());

  it('shows each signatory the document with its due date, then as overdue', async () => {
    const manager = await t.signIn(t.world.manager);
    const page = await (await manager.get('/')).text();
    expect(page).toContain('Authorise the');
    expect(page).toContain('Due 8 December 2026');
    t.clock.set('2026-12-09T09:00:00.000Z');
    const later = await (await manager.get('/')).text();
    expect(later).toContain('Was due 8 December 2026');
    expect(later).toContain('Overdue');
  });
});
