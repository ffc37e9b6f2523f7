import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.js';
import { act, planWaitingOnRd, type PlanRef } from '../notifications/helpers.js';

// "You cannot do this now" on a plan says why, where the plan is, who has it
// and what they are asked to do, what the reader can do instead, and the way
// back. The 404 and 500 pages are plain and never show technical detail.

/** The page's text without tags, with its white space folded, as a reader scans it. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');

describe('the refusal page', () => {
  let t: TestApp;
  let plan: PlanRef;
  beforeAll(async () => {
    t = await buildTestApp('sqlite');
    // A route that fails as a programming error would: added before the first request builds the router.
    t.app.get('/test-only/boom', () => { throw new Error('secret detail at /srv/app/src/db.ts:42'); });
    plan = await planWaitingOnRd(t.services, t.world);
  }, 60_000);
  afterAll(() => t.cleanup());

  it('tells the clinician who may sign off, that R&D has the plan and what R&D is asked to do, and links back', async () => {
    const clinician = await t.signIn(t.world.clinician);
    const res = await clinician.get(`/plans/${plan.id}/events/SIGN_OFF`);
    expect(res.status).toBe(403);
    const page = textOf(await res.text());
    expect(page).toContain('You cannot do this now');
    expect(page).toContain('At this step, only an R&D lead of the trust can do this.');
    expect(page).toMatch(/Step R&D sign-off Waiting for Your trust's R&D office, since \d+ \w+ 2026/);
    expect(page).toMatch(/What they are asked to do Decline, sign off or return for changes/);
    expect(page).toContain('Nothing on this plan is waiting for you now.');
    expect(await (await clinician.get(`/plans/${plan.id}/events/SIGN_OFF`)).text()).toContain(`href="/plans/${plan.id}"`);
    expect(page).not.toContain('Not allowed');
  });

  it('names what the R&D lead can do instead, with links to do it', async () => {
    const rdLead = await t.signIn(t.world.rdLead);
    const res = await rdLead.get(`/plans/${plan.id}/events/ACCEPT_TERMS`);
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(textOf(html)).toContain('At this step, you can:');
    expect(html).toContain(`href="/plans/${plan.id}/events/SIGN_OFF"`);
    expect(textOf(html)).toMatch(/Waiting for You, since/);
  });

  it("gives the machine's own reason when it has one: the agenda is fixed once the plan went to R&D", async () => {
    const manager = await t.signIn(t.world.manager);
    const res = await manager.get(`/plans/${plan.id}/agenda/propose`);
    expect(res.status).toBe(403);
    expect(textOf(await res.text())).toContain('The points of the agenda can change only while the terms are being agreed');
  });

  it('offers the clinician of a declined plan the way to reopen it', async () => {
    const other = await planWaitingOnRd(t.services, t.world);
    await act(t.services, other, t.world.rdLead, 'DECLINE', { reason: 'No budget this year.' });
    const clinician = await t.signIn(t.world.clinician);
    const res = await clinician.get(`/plans/${other.id}/terms`);
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(textOf(html)).toContain('The plan is not at the step where this can be done.');
    expect(textOf(html)).toMatch(/Where it is Declined .*At this step, you can: Reopen the plan/);
    expect(html).toContain(`href="/plans/${other.id}/events/REOPEN"`);
  });

  it('answers a page that does not exist with a plain 404 and the ways on', async () => {
    const clinician = await t.signIn(t.world.clinician);
    const res = await clinician.get('/no-such-page');
    expect(res.status).toBe(404);
    const page = textOf(await res.text());
    expect(page).toContain('Page not found');
    expect(page).toContain('If you pasted the web address, check you copied all of it.');
    expect(page).toContain('Get help with this service');
  });

  it('answers a failure with a plain 500 that shows none of its detail', async () => {
    const res = await t.app.request('http://localhost/test-only/boom');
    expect(res.status).toBe(500);
    const page = textOf(await res.text());
    expect(page).toContain('Sorry, there is a problem with the service');
    expect(page).toContain("contact your trust's R&D office");
    expect(page).not.toMatch(/secret detail|db\.ts|Error:/);
  });
});
