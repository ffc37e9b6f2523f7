import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, buildTestApp, type Agent, type TestApp } from '../support/app.js';
import { PASSWORD } from '../support/world.js';
import { act, planWaitingOnManager, planSignedOff, type PlanRef } from '../notifications/helpers.js';

// A session lasts SESSION_HOURS from sign-in. Someone who opened a form before
// it ended and sends it after must not lose what they typed: the sign-in page
// carries it, and after signing in they check it and send it.

const HOURS = 12;

/** The value of a hidden input on a page, decoded as the browser would. */
const hidden = (page: string, name: string) => {
  const raw = new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1];
  return raw === undefined ? undefined : raw.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x60;/g, '`').replace(/&amp;/g, '&');
};
const versionIn = (page: string) => Number(hidden(page, 'version'));

describe('a form sent after the session ended', () => {
  let t: TestApp;
  beforeAll(async () => { t = await buildTestApp('sqlite', { SESSION_HOURS: String(HOURS) }); });
  afterAll(() => t.cleanup());

  const agreement = {
    opportunityNotes: 'The right project for our unit <script>alert(1)</script>',
    peopleNotes: 'Ward sister covers "two days" a week',
    midTermPlan: 'Masters by research',
    longTermPlan: 'Doctorate',
  };
  const typesOf = async (planId: string) => (await t.services.db.kysely.selectFrom('plan_events').select('type')
    .where('plan_id', '=', planId).orderBy('seq').execute()).map((e) => e.type);

  /** The manager opens the agreement form, and their session ends before they send it. */
  async function formOutlivesSession(title: string): Promise<{ plan: PlanRef; manager: Agent; version: number }> {
    t.clock.set('2026-12-01T09:00:00.000Z');
    const plan = await planWaitingOnManager(t.services, t.world, title);
    const manager = await t.signIn(t.world.manager);
    const version = versionIn(await (await manager.get(`/plans/${plan.id}/events/AGREE_IN_PRINCIPLE`)).text());
    t.clock.advance((HOURS + 1) * 3_600_000);
    return { plan, manager, version };
  }

  /** The sign-in page as a browser would post it, with its visitor cookie and every hidden field. */
  async function signInFrom(page: Response, password = PASSWORD, email = t.world.manager.email) {
    const visitor = /plans_visitor_csrf=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')?.[1];
    const html = await page.text();
    const form = new URLSearchParams({ email, password });
    for (const name of ['_csrf', 'next', 'carriedTo', 'carried']) {
      const value = hidden(html, name);
      if (value !== undefined) form.append(name, value);
    }
    return t.app.request(`${BASE}/sign-in`, {
      method: 'POST', body: form,
      headers: { cookie: `plans_visitor_csrf=${visitor}`, 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /** On the page after signing in, press "Send your answers" with that response's new session. */
  async function sendChecked(signedIn: Response, check: string) {
    const session = /plans_session=([^;]+)/.exec(signedIn.headers.get('set-cookie') ?? '')![1]!;
    const [html, to] = /<form action="(\/plans\/[^"]+)" method="post"[^]*?<\/form>/.exec(check)!;
    const form = new URLSearchParams();
    for (const [input, name] of html.matchAll(/<input type="hidden" name="([^"]+)" value="[^"]*">/g)) form.append(name!, hidden(input, name!)!);
    return t.app.request(`${BASE}${to!}`, {
      method: 'POST', body: form, headers: { cookie: `plans_session=${session}`, 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  it('keeps the answers through signing in again, shows them, and sends them only when asked', async () => {
    const { plan, manager, version } = await formOutlivesSession('Agreed after a night away');
    const sent = await manager.post(`/plans/${plan.id}/events/AGREE_IN_PRINCIPLE`, { ...agreement, version: String(version) });
    expect(sent.status).toBe(401);
    const signInPage = await sent.clone().text();
    expect(signInPage).toContain('You have been signed out, so your answers have not been sent yet.');
    expect(signInPage).not.toContain('<script>alert(1)</script>');
    expect(await typesOf(plan.id)).not.toContain('AGREE_IN_PRINCIPLE');

    const signedIn = await signInFrom(sent);
    expect(signedIn.status).toBe(200);
    const check = await signedIn.clone().text();
    expect(check).toContain('<h1>Send your answers</h1>');
    expect(check).toContain('The right project for our unit &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(check).toContain('Ward sister covers &quot;two days&quot; a week');
    expect(check).toContain(`action="/plans/${plan.id}/events/AGREE_IN_PRINCIPLE"`);
    // Nothing is sent until they press the button.
    expect(await typesOf(plan.id)).not.toContain('AGREE_IN_PRINCIPLE');

    const res = await sendChecked(signedIn, check);
    expect(res.status).toBe(303);
    expect((await typesOf(plan.id)).at(-1)).toBe('AGREE_IN_PRINCIPLE');
    const events = await t.services.db.kysely.selectFrom('plan_events').select('payload')
      .where('plan_id', '=', plan.id).where('type', '=', 'AGREE_IN_PRINCIPLE').execute();
    expect(JSON.parse(events[0]!.payload)).toMatchObject(agreement);
  });

  it('keeps them through a wrong password too', async () => {
    const { plan, manager, version } = await formOutlivesSession('A mistyped password');
    const sent = await manager.post(`/plans/${plan.id}/events/AGREE_IN_PRINCIPLE`, { ...agreement, version: String(version) });
    const wrong = await signInFrom(sent, 'not-the-password');
    expect(wrong.status).toBe(401);
    const again = await wrong.clone().text();
    expect(again).toContain('Enter a correct email address and password');
    expect(JSON.parse(hidden(again, 'carried')!)).toContainEqual({ name: 'midTermPlan', value: 'Masters by research' });
  });

  it('sends them to the usual conflict handling when the plan moved on meanwhile', async () => {
    const { plan, manager, version } = await formOutlivesSession('Changed while signed out');
    const sent = await manager.post(`/plans/${plan.id}/events/AGREE_IN_PRINCIPLE`, { ...agreement, version: String(version) });
    const clinician = await t.signIn(t.world.clinician);
    expect((await clinician.post(`/plans/${plan.id}/events/COMMENT`, { text: 'Any news?', version: String(version) })).status).toBe(303);
    const signedIn = await signInFrom(sent);
    const res = await sendChecked(signedIn, await signedIn.text());
    expect(res.status).toBe(409);
    const page = await res.text();
    expect(page).toContain('Someone else changed this plan while you were working on it');
    expect(page).toContain('Masters by research');
    expect(await typesOf(plan.id)).not.toContain('AGREE_IN_PRINCIPLE');
  });

  it('shows a carried choice, date or list as the form showed it', async () => {
    t.clock.set('2026-12-01T09:00:00.000Z');
    const plan = await planWaitingOnManager(t.services, t.world, 'Terms carried');
    await act(t.services, plan, t.world.manager, 'AGREE_IN_PRINCIPLE');
    const clinician = await t.signIn(t.world.clinician);
    t.clock.advance((HOURS + 1) * 3_600_000);
    const sent = await clinician.post(`/plans/${plan.id}/terms`, {
      'startDate-day': '1', 'startDate-month': '10', 'startDate-year': '2027',
      backfillArrangement: 'recruit-fixed-term', teamContribution: ['journal-club', 'audit'], backfillDetail: 'Band 6, two days a week',
    });
    expect(sent.status).toBe(401);
    const page = await (await signInFrom(sent, PASSWORD, t.world.clinician.email)).text();
    const rows = [...page.matchAll(/<dt class="nhsuk-summary-list__key">\s*([^<]*?)\s*<\/dt>\s*<dd class="nhsuk-summary-list__value">([^]*?)<\/dd>/g)]
      .map(([, key, value]) => [key, value!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()]);
    expect(rows).toEqual([
      ['Start date', '1/10/2027'],
      ['Backfill', 'Recruit to a fixed-term post'],
      ['What the clinician offers the team', 'Run a journal club Support clinical audit'],
      ['How the backfill will work', 'Band 6, two days a week'],
    ]);
  });

  it('does not carry anything it should not: other paths, another site, a document authorisation', async () => {
    const { plan, manager, version } = await formOutlivesSession('Not carried');
    // A tampered carriedTo is ignored: signing in goes where `next` says.
    const sent = await manager.post(`/plans/${plan.id}/events/AGREE_IN_PRINCIPLE`, { ...agreement, version: String(version) });
    const page = await sent.text();
    const tampered = page.replace(/name="carriedTo" value="[^"]*"/, 'name="carriedTo" value="//evil.example/plans"');
    const res = await signInFrom(new Response(tampered, { headers: sent.headers }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');

    // From another site: refused as before, nothing carried.
    const cross = await t.app.request(`${BASE}/plans/${plan.id}/events/AGREE_IN_PRINCIPLE`, {
      method: 'POST', body: new URLSearchParams({ ...agreement, version: String(version) }),
      headers: { cookie: `plans_session=${manager.cookie}`, 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    });
    expect(cross.status).toBe(403);
    expect(await cross.text()).not.toContain('carried');

    // Authorising a document means reading it again: the page says the form expired.
    const signed = await planSignedOff(t.services, t.world);
    const doc = await t.services.db.kysely.selectFrom('documents').select(['id', 'sha256']).where('plan_id', '=', signed.id).executeTakeFirstOrThrow();
    const authorise = await manager.post(`/plans/${signed.id}/documents/${doc.id}/authorisations`, { confirm: 'yes', sha256: doc.sha256 });
    expect(authorise.status).toBe(403);
    expect(await authorise.text()).toContain('Your form could not be sent');
  });
});
