import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.js';
import { agreeAgenda } from '../support/agenda.js';
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
    await agreeAgenda((who, type, payload) => send(w[who], type, payload));
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

describe('a trust with more plans than the dashboard counts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp('sqlite');
    const clinician = actorOf(t.world.clinician);
    const { id } = await t.services.plans.create(clinician, { title: 'The newest plan', managerId: t.world.manager.id });
    // Sent to the manager: a private draft would be listed for its clinician alone.
    await t.services.plans.send(id, clinician, { type: 'UPDATE_IDEA', version: 1, payload: idea });
    await t.services.plans.send(id, clinician, { type: 'SUBMIT_FOR_AGREEMENT', version: 2, payload: {} });
    // 1,025 more plans, copied in SQL (the listing reads only the plan's columns), each changed a minute before the next.
    t.services.db.sqlite!.prepare(`
      with recursive n(i) as (select 1 union all select i + 1 from n where i < 1025)
      insert into plans (id, organisation_id, clinician_id, manager_id, supervisor_id, title, state, top_state, step, awaiting_role,
                         waiting_since, due_at, snapshot, version, created_at, updated_at)
      select 'copy-' || printf('%04d', n.i), organisation_id, clinician_id, manager_id, supervisor_id, 'Copied plan ' || printf('%04d', n.i),
             state, top_state, step, awaiting_role, waiting_since, due_at, snapshot, version, created_at,
             strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '-' || n.i || ' minutes')
      from plans, n where plans.id = ?`).run(id);
  });
  afterAll(() => t.cleanup());

  const showing = (page: string) => /Showing [^<]*/.exec(page)?.[0];
  // Handlebars escapes "=" in attributes.
  const links = (page: string) => [...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&#x3D;', '='));

  it('says it shows the first 25 of more than 1,000, without counting them all', async () => {
    const rd = await t.signIn(t.world.rdLead);
    const first = await (await rd.get('/')).text();
    expect(showing(first)).toBe('Showing 1 to 25 of more than 1,000 plans (page 1).');
    expect(first).toContain('The newest plan');
    expect(links(first)).toContain('/?page=2');
    expect(first).toMatch(/Next<span class="nhsuk-u-visually-hidden"> page<\/span>[^]*?<span class="nhsuk-pagination__page">Page 2<\/span>/);
  });

  it('counts exactly once the end is within reach, and offers a way back from past the end', async () => {
    const rd = await t.signIn(t.world.rdLead);
    const last = await (await rd.get('/?page=42')).text();
    expect(showing(last)).toBe('Showing 1,026 of 1,026 plans (page 42 of 42).');
    expect(last).toContain('Copied plan 1025');
    expect(links(last)).toContain('/?page=41');
    expect(links(last)).not.toContain('/?page=43');
    const beyond = await (await rd.get('/?page=50')).text();
    expect(beyond).toContain('There are no plans on this page.');
    expect(beyond.replaceAll('&#x3D;', '=')).toContain('<a href="/?page=1">Go to the first page</a>');
    const noneAtStep = await (await rd.get('/?step=signOff&page=3')).text();
    expect(noneAtStep).toContain('There are no plans to show at this step.');
  });
});
