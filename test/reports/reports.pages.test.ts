import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.js';
import { seedKnownPlans } from './known-plans.js';

// The /reports page: the same figures as the API, each chart an image with a
// title and description and its table beside it, for R&D and administrators only.

const range = 'from-day=1&from-month=1&from-year=2026&to-day=31&to-month=3&to-year=2026';
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

/** The cells of the table whose caption is `caption`, row by row, as text. */
function table(html: string, caption: string): string[][] {
  const start = html.indexOf(`${caption}\n  </caption>`);
  const body = html.slice(start, html.indexOf('</table>', start));
  return [...body.matchAll(/<tr class="nhsuk-table__row">([\s\S]*?)<\/tr>/g)]
    .map(([, row]) => [...row!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map(([, cell]) => text(cell!).trim()));
}

describe('the reports page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp('sqlite');
    await seedKnownPlans(t);
  }, 120_000);
  afterAll(() => t.cleanup());

  it('shows an R&D lead the figures for the dates chosen, each chart beside its table', async () => {
    const rd = await t.signIn(t.world.rdLead);
    const res = await rd.get(`/reports?${range}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const words = text(html);
    expect(words).toContain('Plans created from 1 January 2026 to 31 March 2026');
    expect(words).toContain('Plans counted 5 plans');
    expect(words).toContain('Success rate 50% (1 of 2 outcomes)');
    expect(words).toContain('Agreed backfill cost a year £60,000');
    expect(table(html, 'Where plans are now')).toEqual([
      ['Step', 'Plans'], ['Research idea', '0'], ['Manager agreement', '0'], ['Backfill plan and time split', '0'], ['R&D sign-off', '1'],
      ['Supervisor meeting', '0'], ['Funding application', '0'], ['Not awarded', '1'], ['Awarded', '1'], ['Award completed', '0'],
      ['Declined', '1'], ['Withdrawn', '1'],
    ]);
    expect(table(html, 'How long plans spend at each step')).toContainEqual(['Supervisor meeting', '7.5 days']);
    expect(table(html, 'How long plans spend at each step')).toContainEqual(['Award completed', 'no stays']);
    expect(table(html, 'Plans by profession')).toContainEqual(['Nurse', '3']);
    expect(table(html, 'Plans by profession')).toContainEqual(['Dentist', '0']);
    expect(table(html, 'Plans by scheme or funder')).toEqual([['Scheme or funder', 'Plans'], ['NIHR DCAF', '3'], ['ICA Masters', '1'], ['Not given', '1']]);
    expect(table(html, 'Funding applications and their outcomes')).toEqual([
      ['Applications', 'Number'], ['Submitted', '2'], ['Awarded', '1'], ['Not awarded', '1'], ['Success rate', '50% (1 of 2 outcomes)'],
    ]);
  });

  it('draws every chart as an image a screen reader can name and describe, told apart by pattern as well as colour', async () => {
    const rd = await t.signIn(t.world.rdLead);
    const html = await (await rd.get(`/reports?${range}`)).text();
    const charts = [...html.matchAll(/<svg class="app-bar-chart"[\s\S]*?<\/svg>/g)].map(([svg]) => svg);
    expect(charts).toHaveLength(6);
    for (const svg of charts) {
      const id = /aria-labelledby="([^"]+)-title" aria-describedby="\1-desc"/.exec(svg)?.[1];
      expect(id).toBeTruthy();
      expect(svg).toContain('role="img"');
      expect(svg).toMatch(new RegExp(`<title id="${id}-title">[^<]+</title>`));
      expect(svg).toMatch(new RegExp(`<desc id="${id}-desc">[^<]+</desc>`));
    }
    const steps = charts[0]!;
    expect(steps).toContain('url(#chart-steps-good)');
    expect(steps).toContain('url(#chart-steps-ended)');
    expect(steps).toContain('<pattern id="chart-steps-good"');
    expect(steps).toContain('Awarded or completed');
    expect(text(steps)).toContain('R&D sign-off 1');
  });

  it('keeps what was typed and says what is wrong when the dates cannot be used', async () => {
    const rd = await t.signIn(t.world.rdLead);
    const late = await rd.get('/reports?from-day=1&from-month=4&from-year=2026&to-day=31&to-month=3&to-year=2026');
    expect(late.status).toBe(422);
    const html = await late.text();
    expect(html).toContain('There is a problem');
    expect(html).toContain('<a href="#from">The start date must be the same as or before the end date</a>');
    expect(html).toMatch(/name="from-month" type="text" value="4"/);
    expect(html).not.toContain('Where plans are now');
    const unreal = await rd.get('/reports?to-day=31&to-month=2&to-year=2026');
    expect(unreal.status).toBe(422);
    expect(await unreal.text()).toContain('The end date must be a real date, for example 1 4 2026');
  });

  it('also reads the dates from a link, and with none shows every plan', async () => {
    const admin = await t.signIn(t.world.admin);
    const linked = text(await (await admin.get('/reports?from=2026-01-01&to=2026-03-31')).text());
    expect(linked).toContain('Plans counted 5 plans');
    const all = text(await (await admin.get('/reports')).text());
    expect(all).toContain('All plans');
    expect(all).toContain('Plans counted 7 plans');
  });

  it("is linked from the dashboard of R&D leads and administrators, and of nobody else", async () => {
    for (const person of [t.world.rdLead, t.world.admin]) {
      expect(await (await (await t.signIn(person)).get('/')).text()).toContain('<a href="/reports">See your trust\'s reports</a>');
    }
    expect(await (await (await t.signIn(t.world.manager)).get('/')).text()).not.toContain('href="/reports"');
  });

  it('is not there for clinicians, managers and supervisors', async () => {
    for (const person of [t.world.clinician, t.world.manager, t.world.supervisor]) {
      const agent = await t.signIn(person);
      expect((await agent.get('/reports')).status).toBe(404);
      expect((await agent.get('/reports/plans.csv')).status).toBe(404);
    }
    const visitor = await t.app.request('http://localhost/reports');
    expect(visitor.status).toBe(303);
  });
});
