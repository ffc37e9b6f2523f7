import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/accounts/accounts.service.js';
import { csvCell, csvRow } from '../../src/reports/csv.js';
import { buildTestApp, BASE, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { idea } from '../support/examples.js';
import { actorOf, PASSWORD } from '../support/world.js';

// The CSV export, read back with a real CSV parser: one row a plan the caller
// may list, the text as typed, and nothing a spreadsheet would run.

const HEADER = [
  'id', 'title', 'state', 'status', 'awaitingRole', 'dueAt', 'clinician', 'manager', 'profession', 'opportunityLevel', 'scheme',
  'agreedBackfillCostPerYear', 'applicationsSubmitted', 'applicationsAwarded', 'applicationsNotAwarded', 'createdAt', 'updatedAt', 'version',
];

const rowsOf = (csv: string) => parse(csv, { columns: true, bom: false, relax_column_count: false }) as Array<Record<string, string>>;

describe('cells a spreadsheet would run as formulas', () => {
  it("are prefixed with ' when text starts with =, +, -, @, a tab or a carriage return, and only then", () => {
    for (const risky of ['=1+1', '+44 20 7946 0000', '-2', '@SUM(A1)', '\tindented', '\rreturn']) expect(csvCell(risky).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('Plan = good')).toBe('Plan = good');
    expect(csvCell(-2)).toBe('-2');
    expect(csvRow(['a,b', 'say "hi"', 'two\nlines', null, 3])).toBe('"a,b","say ""hi""","two\nlines",,3\r\n');
    expect(csvCell('\rreturn')).toBe('"\'\rreturn"');
  });
});

describe.each(databaseKinds)('the CSV of plans, on %s', (kind) => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildTestApp(kind);
    const clinician = actorOf(t.world.clinician);
    const titles = ['=HYPERLINK("http://evil.example","Click")', '+44 crisis line', '-5 days waiting', '@SUM(A1:A9)', 'Falls, "frailty" and home'];
    for (const title of titles) {
      t.clock.advance(60_000);
      ids[title] = (await t.services.plans.create(clinician, { title, managerId: t.world.manager.id })).id;
    }
    await t.services.plans.send(ids[titles[4]!]!, clinician, { type: 'UPDATE_IDEA', version: 1, payload: { ...idea, scheme: '=cmd|\' /C calc\'!A0' } });
    await t.services.plans.send(ids[titles[4]!]!, clinician, { type: 'SUBMIT_FOR_AGREEMENT', version: 2, payload: {} });
    const lukasz = await createUser(t.t.db, { name: 'Łukasz Dvořák', email: 'lukasz@northshire.nhs.uk', role: 'clinician', organisation: t.world.trust.id, password: PASSWORD });
    t.clock.advance(60_000);
    ids.lukasz = (await t.services.plans.create(actorOf(lukasz), { title: 'Συνεχής φροντίδα – continuity', managerId: t.world.otherManager.id })).id;
    await t.services.plans.send(ids.lukasz, actorOf(lukasz), { type: 'UPDATE_IDEA', version: 1, payload: idea });
    await t.services.plans.send(ids.lukasz, actorOf(lukasz), { type: 'SUBMIT_FOR_AGREEMENT', version: 2, payload: {} });
  }, 60_000);
  afterAll(() => t.cleanup());

  const csvOf = async (user: typeof t.world.clinician) => {
    const agent = await t.signIn(user);
    return t.app.request(`${BASE}/api/v1/plans`, { headers: { cookie: `plans_session=${agent.cookie}`, accept: 'text/csv' } });
  };

  it('reads back as typed, with every cell a spreadsheet would run made harmless', async () => {
    const res = await csvOf(t.world.clinician);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    const csv = await res.text();
    expect(csv.split('\r\n')[0]).toBe(HEADER.join(','));
    const rows = rowsOf(csv);
    // Oldest first; only the clinician's own.
    expect(rows.map((r) => r.id)).toEqual(Object.values(ids).slice(0, 5));
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId[ids['=HYPERLINK("http://evil.example","Click")']!]!.title).toBe('\'=HYPERLINK("http://evil.example","Click")');
    expect(byId[ids['+44 crisis line']!]!.title).toBe("'+44 crisis line");
    expect(byId[ids['-5 days waiting']!]!.title).toBe("'-5 days waiting");
    expect(byId[ids['@SUM(A1:A9)']!]!.title).toBe("'@SUM(A1:A9)");
    expect(byId[ids['Falls, "frailty" and home']!]).toMatchObject({
      title: 'Falls, "frailty" and home', state: 'managerAgreement', awaitingRole: 'manager', clinician: 'Alex Morgan', manager: 'Sam Patel',
      profession: 'allied-health-professional', opportunityLevel: 'doctoral', scheme: "'=cmd|' /C calc'!A0", applicationsSubmitted: '0', version: '3',
    });
    const agent = await t.signIn(t.world.clinician);
    const json = await t.app.request(`${BASE}/api/v1/plans`, { headers: { cookie: `plans_session=${agent.cookie}`, accept: 'application/json, text/csv;q=0.5' } });
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toContain('application/json');
  });

  it("gives an R&D lead at /reports/plans.csv the plans of the trust they may list, and another trust's nothing", async () => {
    const rd = await t.signIn(t.world.rdLead);
    const res = await rd.get('/reports/plans.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="plans-2026-12-01.csv"');
    const rows = rowsOf(await res.text());
    const listed = await (await rd.api('GET', '/api/v1/plans?perPage=200')).json();
    expect(rows.map((r) => r.id).sort()).toEqual(listed.plans.map((p: { id: string }) => p.id).sort());
    expect(rows.find((r) => r.id === ids.lukasz)).toMatchObject({ title: 'Συνεχής φροντίδα – continuity', clinician: 'Łukasz Dvořák', manager: 'Kim Ford' });
    const theirs = await csvOf(t.world.outsiderRdLead);
    expect(await theirs.text()).toBe(`${HEADER.join(',')}\r\n`);
  });

  it('is sent as it is read, a batch at a time, not built whole first', async () => {
    const robin = actorOf(t.world.otherClinician);
    for (let i = 0; i < 1_100; i++) await t.services.plans.create(robin, { title: `Bulk plan ${i}`, managerId: t.world.manager.id });
    const res = await csvOf(t.world.otherClinician);
    const reader = res.body!.getReader();
    const chunks: number[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value.length);
    // The header, then 500 rows, 500 rows and the rest.
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    const all = rowsOf(await (await csvOf(t.world.otherClinician)).text());
    expect(all).toHaveLength(1_100);
    expect(new Set(all.map((r) => r.id)).size).toBe(1_100);
  }, 60_000);
});
