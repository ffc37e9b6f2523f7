import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, buildTestApp, type TestApp } from '../support/app.js';
import { planWaitingOnManager } from '../notifications/helpers.js';

// The pages every NHS service needs: the start page for visitors at /, help,
// the accessibility statement, the privacy notice and cookies, each linked
// from the footer of every page, under a Beta phase banner.

const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
const footerLinks = ['/help', '/accessibility', '/privacy', '/cookies'];
const footerOf = (html: string) => html.slice(html.indexOf('<footer'));

describe('the service essentials', () => {
  let t: TestApp;
  let planId: string;
  const visit = (path: string) => t.app.request(`${BASE}${path}`);
  beforeAll(async () => {
    t = await buildTestApp('sqlite', {
      HELP_EMAIL: 'rd.office@northshire.nhs.uk', SERVICE_OWNER: 'Northshire NHS Foundation Trust', SESSION_HOURS: '720', SESSION_IDLE_MINUTES: '90',
    });
    planId = (await planWaitingOnManager(t.services, t.world)).id;
  }, 60_000);
  afterAll(() => t.cleanup());

  it('shows a visitor the start page at /: what the service is for, who uses it, the steps, what you need and a Sign in start button', async () => {
    const res = await visit('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    const page = textOf(html);
    expect(page).toContain('Plan research training alongside your clinical work');
    for (const who of ['If you want to apply', 'If you are a line manager', "If you work in your trust's R&D office", 'If you are an academic supervisor']) {
      expect(page).toContain(who);
    }
    expect(page).toContain('How it works');
    expect(page).toMatch(/allow at least \d+ weeks \(\d+ working days\)/);
    expect(page).toContain('Before you start');
    expect(html).toMatch(/<a class="nhsuk-button nhsuk-button--icon"[^>]*href="\/sign-in" role="button"/);
    expect(html).toContain('href="mailto:rd.office@northshire.nhs.uk"');
    expect(html).toContain('href="/process"');
  });

  it('still shows someone signed in their dashboard at /', async () => {
    const manager = await t.signIn(t.world.manager);
    const page = textOf(await (await manager.get('/')).text());
    expect(page).toContain('Waiting for you');
    expect(page).not.toContain('Before you start');
  });

  it.each([
    ['/help', 'Help with this service', ['rd.office@northshire.nhs.uk', 'Tell us what you think']],
    ['/accessibility', 'Accessibility statement for Clinical academic plans', ['WCAG 2.2', 'axe-core', '320', 'Enforcement procedure']],
    ['/privacy', 'Privacy notice', ['Northshire NHS Foundation Trust', 'failed to sign in', 'who did what, and when', 'public interest']],
    ['/cookies', 'Cookies', ['plans_session', 'plans_visitor_csrf', 'we do not ask you to accept them']],
  ])('serves %s to anyone, with its title', async (path, heading, phrases) => {
    const res = await visit(path);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<h1>${heading}</h1>`);
    for (const phrase of phrases) expect(textOf(html).toLowerCase()).toContain(phrase.toLowerCase());
  });

  it('states how long sign-ins and their records last from the settings, in the unit people would use', async () => {
    const privacy = textOf(await (await visit('/privacy')).text());
    expect(privacy).toContain('after 30 days, or after 90 minutes without using the service');
    expect(privacy).toContain('deleted within about 30 minutes');
    expect(textOf(await (await visit('/cookies')).text())).toContain('after 30 days, or after 90 minutes without using the service');
  });

  it('marks what the trust deploying the service must still fill in, rather than inventing it', async () => {
    // DPO_EMAIL is not set in this test: the privacy notice says so instead of naming an address.
    const page = textOf(await (await visit('/privacy')).text());
    expect(page).toContain('DPO_EMAIL');
  });

  it('links the four pages from the footer of every page, signed in or not, under a Beta banner with a feedback link', async () => {
    const clinician = await t.signIn(t.world.clinician);
    const pages = await Promise.all([
      visit('/'), visit('/sign-in'), visit('/help'), visit('/no-such-page'),
      clinician.get('/'), clinician.get(`/plans/${planId}`), clinician.get('/account/cover'), clinician.get(`/plans/${planId}/events/SIGN_OFF`),
    ]);
    for (const res of pages) {
      const html = await res.text();
      for (const href of footerLinks) expect(footerOf(html), `${res.url} ${href}`).toContain(`href="${href}"`);
      expect(html).toContain('nhsuk-tag nhsuk-tag--blue">Beta');
      expect(html).toContain('href="/help#feedback"');
    }
  });

  it('offers "Forgotten your password?" on the sign-in page', async () => {
    const html = await (await visit('/sign-in')).text();
    expect(html).toContain('<a href="/forgotten-password">Forgotten your password?</a>');
  });
});
