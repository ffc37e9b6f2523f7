import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreeAgenda } from '../support/agenda.js';
import { signEverything } from '../support/sign.js';
import { buildTestApp, BASE, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { idea } from '../support/examples.js';
import { act, planWaitingOnManager, startPlan, type PlanRef } from './helpers.js';

// What people see: their own notifications on a page and over the API, newest
// first; viewing changes nothing, the button marks them read; the header counts what is unread.

type Listed = { id: string; planId: string; kind: string; subject: string; createdAt: string; readAt: string | null };

describe.each(databaseKinds)('notifications in the app on %s', (kind) => {
  let t: TestApp;
  let plan: PlanRef;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    t.clock.set('2026-12-01T09:00:00.000Z');
    plan = await planWaitingOnManager(t.services, t.world, 'Falls after hip fracture');
    t.clock.set('2026-12-01T10:00:00.000Z');
    await act(t.services, plan, t.world.manager, 'REQUEST_CHANGES');
    t.clock.set('2026-12-01T11:00:00.000Z');
    await act(t.services, plan, t.world.clinician, 'SUBMIT_FOR_AGREEMENT', {});
  });
  afterAll(() => t.cleanup());

  const list = async (agent: Awaited<ReturnType<TestApp['signIn']>>) =>
    ((await (await agent.api('GET', '/api/v1/notifications')).json()) as { notifications: Listed[] }).notifications;

  it('tells each person what was handed to them, and nobody of their own action', async () => {
    const manager = await list(await t.signIn(t.world.manager));
    // The idea sent again replaces the first request, which the manager answered: one entry, not two.
    expect(manager.map((n) => [n.kind, n.createdAt])).toEqual([['handover', '2026-12-01T11:00:00.000Z']]);
    expect(manager.every((n) => n.planId === plan.id && n.readAt === null)).toBe(true);
    expect(manager[0]!.subject).toBe('Action needed on “Falls after hip fracture”: agree in principle, ask for changes or decline');
    const clinician = await list(await t.signIn(t.world.clinician));
    expect(clinician.map((n) => n.kind)).toEqual(['changes-requested']);
    expect(clinician[0]!.subject).toBe('Changes asked for on “Falls after hip fracture”');
  });

  it('shows nobody another person’s notifications', async () => {
    for (const user of [t.world.otherManager, t.world.otherClinician, t.world.outsiderRdLead, t.world.supervisor]) {
      const agent = await t.signIn(user);
      expect(await list(agent), user.email).toEqual([]);
      expect(await (await agent.get('/notifications')).text()).toContain('You have no notifications yet');
    }
  });

  it('needs a session for the API', async () => {
    const res = await t.app.request(`${BASE}/api/v1/notifications`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('counts unread in the header; the page lists what waits first, then news; the button marks them read', async () => {
    t.clock.set('2026-12-02T08:00:00.000Z'); // sessions last 12 hours by the same clock: sign in after moving it
    const manager = await t.signIn(t.world.manager);
    await act(t.services, plan, t.world.clinician, 'COMMENT', { text: 'I have sent it again.' });
    expect(await (await manager.get('/')).text()).toContain('Notifications (2 unread)');
    const page = await (await manager.get('/notifications')).text();
    expect(page).toContain('You have 2 new.');
    expect((await list(manager)).map((n) => n.readAt)).toEqual([null, null]);
    const upTo = /name="upTo" value="(\d+)"/.exec(page)![1]!;
    const marked = await manager.post('/notifications/read', { upTo });
    expect(marked.status).toBe(303);
    const after = await (await manager.get(marked.headers.get('location')!)).text();
    expect(after).toContain('Your notifications are marked as read');
    // What waits for the reader comes first, then news.
    const waiting = page.indexOf('1 December 2026 11:00');
    const news = page.indexOf('2 December 2026 08:00');
    expect(waiting).toBeGreaterThan(page.indexOf('>Waiting for you</h2>'));
    expect(news).toBeGreaterThan(page.indexOf('>News</h2>'));
    expect(news).toBeGreaterThan(waiting);
    expect(page).toContain(`href="/plans/${plan.id}"`);
    expect(after).toContain('Notifications (0 unread)');
    expect((await list(manager)).map((n) => n.readAt)).toEqual(['2026-12-02T08:00:00.000Z', '2026-12-02T08:00:00.000Z']);
    // The clinician's own notification is untouched by the manager reading theirs.
    expect((await list(await t.signIn(t.world.clinician))).map((n) => n.readAt)).toEqual([null]);
  });

  it('keeps a notification that arrives later unread', async () => {
    t.clock.set('2026-12-02T09:00:00.000Z');
    const manager = await t.signIn(t.world.manager);
    await act(t.services, plan, t.world.clinician, 'COMMENT', { text: 'Thanks' });
    await act(t.services, plan, t.world.manager, 'REQUEST_CHANGES', { comment: 'One more thing.' });
    await act(t.services, plan, t.world.clinician, 'SUBMIT_FOR_AGREEMENT', {});
    // The new request replaces the one read; the comment read stays read.
    expect((await list(manager)).map((n) => [n.kind, n.readAt === null])).toEqual([['handover', true], ['comment', true], ['comment', false]]);
    expect(await (await manager.get('/')).text()).toContain('Notifications (2 unread)');
  });

  it('lists the API in the OpenAPI document', async () => {
    const doc = (await (await t.app.request(`${BASE}/api/openapi.json`)).json()) as { paths: Record<string, unknown>; components: { schemas: Record<string, { properties: object }> } };
    expect(doc.paths['/api/v1/notifications']).toBeDefined();
    expect(Object.keys(doc.components.schemas.NotificationList!.properties)).toEqual(['notifications']);
  });

  it('opens the development mailbox, while no SMTP server is set, showing each person only the messages sent to them', async () => {
    const signedOut = await t.app.request(`${BASE}/dev/mailbox`);
    expect(signedOut.status).toBe(303);
    const mailbox = async (user: typeof t.world.manager) => (await (await t.signIn(user)).get('/dev/mailbox')).text();
    const manager = await mailbox(t.world.manager);
    expect(manager).toContain('Development mailbox');
    expect(manager).toContain('Sam Patel &lt;sam.patel@northshire.nhs.uk&gt;');
    expect(manager).not.toContain('alex.morgan@northshire.nhs.uk');
    expect(manager).toContain(`http://localhost:3000/plans/${plan.id}`);
    // Each email can be seen as the HTML it is sent as, by whoever may see it in the mailbox only.
    const htmlHref = /href="(\/dev\/mailbox\/[^"/]+\/html)"/.exec(manager)![1]!;
    const html = await (await t.signIn(t.world.manager)).get(htmlHref);
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('<p>Dear Sam Patel,</p>');
    expect((await (await t.signIn(t.world.otherClinician)).get(htmlHref)).status).toBe(404);
    const clinician = await mailbox(t.world.clinician);
    expect(clinician).toContain('Alex Morgan &lt;alex.morgan@northshire.nhs.uk&gt;');
    expect(clinician).not.toContain('sam.patel@northshire.nhs.uk');
    for (const outsider of [t.world.otherClinician, t.world.rdLead, t.world.outsiderAdmin]) {
      const page = await mailbox(outsider);
      expect(page, outsider.email).toContain('No emails yet.');
      expect(page, outsider.email).not.toContain('Falls after hip fracture');
    }
    // An administrator sees their own trust's mail, to keep an eye on what it sends.
    const admin = await mailbox(t.world.admin);
    expect(admin).toContain('Sam Patel &lt;sam.patel@northshire.nhs.uk&gt;');
    expect(admin).toContain('Alex Morgan &lt;alex.morgan@northshire.nhs.uk&gt;');

    const withSmtp = await buildTestApp(kind, { SMTP_URL: 'smtp://127.0.0.1:1' });
    try {
      expect((await (await withSmtp.signIn(withSmtp.world.admin)).get('/dev/mailbox')).status).toBe(404);
    } finally {
      await withSmtp.cleanup();
    }
  });
});

describe.each(databaseKinds)('due dates and deadlines on the pages on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => { t = await buildTestApp(kind); });
  afterAll(() => t.cleanup());

  it('shows the manager when a plan is due, and when it is overdue', async () => {
    t.clock.set('2026-12-01T09:00:00.000Z');
    const plan = await planWaitingOnManager(t.services, t.world, 'Due date plan');
    const manager = await t.signIn(t.world.manager);
    let dashboard = await (await manager.get('/')).text();
    expect(dashboard).toContain('Due 15 December 2026');
    expect(dashboard).not.toContain('Overdue');
    expect(await (await manager.get(`/plans/${plan.id}`)).text()).toContain('Due by 15 December 2026.');

    t.clock.set('2026-12-16T09:00:00.000Z');
    const later = await t.signIn(t.world.manager);
    dashboard = await (await later.get('/')).text();
    expect(dashboard).toContain('Overdue');
    expect(dashboard).toContain('Was due 15 December 2026');
    const page = await (await later.get(`/plans/${plan.id}`)).text();
    expect(page).toContain('Overdue');
    expect(page).toContain('This was due on 15 December 2026.');
  });

  it('shows the time left to the funding call, and warns inside the window while sign-offs are outstanding', async () => {
    t.clock.set('2026-12-01T09:00:00.000Z');
    const plan = await startPlan(t.services, t.world, 'Deadline plan');
    await act(t.services, plan, t.world.clinician, 'UPDATE_IDEA', { ...idea, expectedDeadline: '2027-03-01' });
    await act(t.services, plan, t.world.clinician, 'SUBMIT_FOR_AGREEMENT', {});
    await act(t.services, plan, t.world.manager, 'AGREE_IN_PRINCIPLE');
    await agreeAgenda((who, type, payload) => act(t.services, plan, t.world[who], type, payload));
    await act(t.services, plan, t.world.clinician, 'PROPOSE_TERMS');
    await act(t.services, plan, t.world.manager, 'ACCEPT_TERMS', { termsVersion: 1 });
    await act(t.services, plan, t.world.rdLead, 'SIGN_OFF');
    await act(t.services, plan, t.world.clinician, 'SCHEDULE_MEETING');
    // The application waits for the documents' signatures: none is given yet.
    await act(t.services, plan, t.world.clinician, 'RECORD_MEETING');

    const clinician = await t.signIn(t.world.clinician);
    // 1 December to 1 March is 90 days: outside the 12-week window.
    let page = await (await clinician.get(`/plans/${plan.id}`)).text();
    expect(page).toContain('The funding call is expected to close on 1 March 2027: 12 weeks and 6 days left.');
    expect(page).not.toContain('The funding call deadline is close');

    t.clock.set('2027-02-01T09:00:00.000Z');
    page = await (await (await t.signIn(t.world.clinician)).get(`/plans/${plan.id}`)).text();
    expect(page).toContain('The funding call deadline is close');
    expect(page).toContain('(4 weeks left)');
    expect(page).toContain('authorisation of the letter of support');
  });

  it('counts down to the closing date expected in the idea until an application is recorded, whose own deadline then wins', async () => {
    t.clock.set('2026-12-01T09:00:00.000Z');
    const plan = await startPlan(t.services, t.world, 'Expected deadline plan');
    await act(t.services, plan, t.world.clinician, 'UPDATE_IDEA', { ...idea, expectedDeadline: '2027-03-26' });
    await act(t.services, plan, t.world.clinician, 'SUBMIT_FOR_AGREEMENT', {});
    const page = async () => (await (await t.signIn(t.world.manager)).get(`/plans/${plan.id}`)).text();

    // 1 December to 26 March is 115 days: outside the 12-week window.
    let shown = await page();
    expect(shown).toContain('The funding call is expected to close on 26 March 2027: 16 weeks and 3 days left.');
    expect(shown).not.toContain('The funding call deadline is close');
    // The idea's answers are on its step's own page.
    const answers = await (await (await t.signIn(t.world.manager)).get(`/plans/${plan.id}/steps/idea`)).text();
    expect(answers).toMatch(/Expected closing date of the funding call\s*<\/dt>\s*<dd class="nhsuk-summary-list__value">\s*<p>26 March 2027<\/p>/);

    t.clock.set('2027-03-29T09:00:00.000Z');
    expect(await page()).toContain('The funding call was expected to close on 26 March 2027, 3 days ago. When the application is recorded, its call deadline replaces this date.');
    t.clock.set('2027-01-04T09:00:00.000Z');
    shown = await page();
    expect(shown).toContain('The funding call deadline is close');
    expect(shown).toContain('The funding call is expected to close on 26 March 2027 (11 weeks and 4 days left). Still outstanding: R&amp;D sign-off.');

    for (const [who, type] of [['manager', 'AGREE_IN_PRINCIPLE'], ['clinician', 'PROPOSE_TERMS'], ['rdLead', 'SIGN_OFF'], ['clinician', 'SCHEDULE_MEETING'],
      ['clinician', 'RECORD_MEETING']] as const) {
      if (type === 'SIGN_OFF') await act(t.services, plan, t.world.manager, 'ACCEPT_TERMS', { termsVersion: 1 });
      await act(t.services, plan, t.world[who], type);
      if (type === 'AGREE_IN_PRINCIPLE') await agreeAgenda((person, event, payload) => act(t.services, plan, t.world[person], event, payload));
    }
    // The application form starts from the expected date; the clinician records the call's actual one.
    const form = await (await (await t.signIn(t.world.clinician)).get(`/plans/${plan.id}/events/SUBMIT_APPLICATION`)).text();
    expect(form).toMatch(/name="callDeadline-day" type="text"\s*value="26"/);
    await signEverything(t.services, plan.id, t.world);
    await act(t.services, plan, t.world.clinician, 'SUBMIT_APPLICATION');
    // The application's call deadline, 1 March 2027, is the one that counts now; every sign-off is in, so no warning.
    shown = await page();
    expect(shown).toContain('The funding call closes on 1 March 2027: 8 weeks left.');
    expect(shown).not.toContain('close on 26 March 2027');

    // Once the date has passed, the page says what that means rather than counting on.
    t.clock.set('2027-03-05T09:00:00.000Z');
    expect(await page()).toContain('The funding call closed on 1 March 2027, 4 days ago. The outcome can be recorded once the funder has decided.');
  });
});
