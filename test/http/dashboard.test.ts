import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.js';
import { idea } from '../support/examples.js';
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
