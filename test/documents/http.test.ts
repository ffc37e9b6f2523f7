import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/plans/hash.js';
import { buildTestApp, type Agent, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { meetingRecorded, signedOff } from './journey.js';

// The document pages, downloads and API as people and integrators use them.

describe.each(databaseKinds)('documents over HTTP (%s)', (kind) => {
  let app: TestApp;
  let clinician: Agent;
  let manager: Agent;
  let admin: Agent;
  let outsiders: Agent[];

  beforeAll(async () => {
    app = await buildTestApp(kind);
    [clinician, manager, admin] = await Promise.all([app.signIn(app.world.clinician), app.signIn(app.world.manager), app.signIn(app.world.admin)]);
    outsiders = await Promise.all([app.signIn(app.world.outsiderRdLead), app.signIn(app.world.otherClinician), app.signIn(app.world.otherManager)]);
  });
  afterAll(() => app.cleanup());

  const agreementOf = (planId: string) => app.services.db.kysely.selectFrom('documents').selectAll()
    .where('plan_id', '=', planId).where('kind', '=', 'training-agreement').orderBy('number', 'desc').executeTakeFirstOrThrow();
  const authorisePath = (planId: string, documentId: string) => `/plans/${planId}/documents/${documentId}/authorisations`;

  it('participants read the document page, the list and both downloads; the HTML download is the hashed file', async () => {
    const plan = await meetingRecorded(app.services.plans, app.world);
    const doc = await agreementOf(plan.id);
    const page = await admin.get(`/plans/${plan.id}/documents/${doc.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    // A short reference at the top; the fingerprint and identifiers kept for the technical details at the end.
    expect(html).toContain('<title>Clinical academic training agreement (TA-2026-');
    expect(html.indexOf('Reference')).toBeLessThan(html.indexOf('The document as issued'));
    expect(html.indexOf(doc.sha256)).toBeGreaterThan(html.indexOf('Technical details'));
    expect(html).toContain('60% academic, 40% clinical');
    expect(html).toContain('Not yet authorised');
    expect(html).not.toContain('Authorise this document'); // an administrator is not a signatory
    const list = await (await clinician.get(`/plans/${plan.id}/documents`)).text();
    for (const title of ['Clinical academic training agreement', 'Supervisor meeting record', 'Letter of support for the funding application']) expect(list).toContain(title);
    const download = await clinician.get(`/plans/${plan.id}/documents/${doc.id}.html`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="training-agreement-v1.html"');
    expect(sha256(await download.text())).toBe(doc.sha256);
    const pdf = await clinician.get(`/plans/${plan.id}/documents/${doc.id}.pdf`);
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
  });

  it('someone who may not see the plan gets 404 from every document page, download and API call', async () => {
    const plan = await signedOff(app.services.plans, app.world);
    const doc = await agreementOf(plan.id);
    for (const agent of outsiders) {
      for (const path of [`/plans/${plan.id}/documents`, `/plans/${plan.id}/documents/${doc.id}`, `/plans/${plan.id}/documents/${doc.id}.html`,
        `/plans/${plan.id}/documents/${doc.id}.pdf`, `/plans/${plan.id}/documents/latest/training-agreement`]) {
        expect((await agent.get(path)).status, `${agent.user.email} ${path}`).toBe(404);
      }
      expect((await agent.post(authorisePath(plan.id, doc.id), { confirm: 'yes', sha256: doc.sha256 })).status).toBe(404);
      expect((await agent.api('GET', `/api/v1/plans/${plan.id}/documents`)).status).toBe(404);
      expect((await agent.api('GET', `/api/v1/plans/${plan.id}/documents/${doc.id}`)).status).toBe(404);
      expect((await agent.api('POST', `/api/v1/plans/${plan.id}/documents/${doc.id}/authorisations`, { sha256: doc.sha256 })).status).toBe(404);
    }
    expect((await clinician.get(`/plans/${plan.id}/documents/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it('the form needs the statement ticked (422), records the authorisation, and says plainly when it is done already (409)', async () => {
    const plan = await signedOff(app.services.plans, app.world);
    const doc = await agreementOf(plan.id);
    const form = await (await manager.get(`/plans/${plan.id}/documents/${doc.id}`)).text();
    expect(form).toContain('Authorise this document');
    // The manager reads their own commitments, with the plan's dates and money, before the tick box.
    const statement = form.slice(form.indexOf('id="authorise"'), form.indexOf('name="confirm"'));
    expect(statement).toContain('As Alex Morgan&#x27;s line manager at Northshire NHS Foundation Trust, I commit to the following.');
    expect(statement).toContain('from 1 October 2027 for 36 months, until 30 September 2030');
    expect(statement).toContain('£28,000 a year and £84,000 over the 36 months');
    expect(statement).not.toContain('As the clinician applying');
    const unticked = await manager.post(authorisePath(plan.id, doc.id), { sha256: doc.sha256 });
    expect(unticked.status).toBe(422);
    const error = await unticked.text();
    expect(error).toContain('There is a problem');
    expect(error).toContain('Tick the box to confirm the statement before you authorise');
    const done = await manager.post(authorisePath(plan.id, doc.id), { confirm: 'yes', sha256: doc.sha256 });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/plans/${plan.id}/documents/${doc.id}?done=authorised`);
    const after = await (await manager.get(done.headers.get('location')!)).text();
    expect(after).toContain('You have authorised the training agreement');
    expect(after).toMatch(/Next: <a [^>]*href="\/plans\/[^"]+\/documents\/[^"]+">authorise the |No other document is waiting for your signature\./);
    expect(after).toContain('Sam Patel confirmed</dt>');
    expect(after).toContain('“As Alex Morgan&#x27;s line manager');
    const again = await manager.post(authorisePath(plan.id, doc.id), { confirm: 'yes', sha256: doc.sha256 });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('You have already authorised this document.');
    const history = await (await clinician.get(`/plans/${plan.id}/history`)).text();
    expect(history).toContain('Sam Patel (manager) authorised the training agreement (version 1)');
    expect((await admin.post(authorisePath(plan.id, doc.id), { confirm: 'yes', sha256: doc.sha256 })).status).toBe(403);
  });

  it('a superseded version is refused plainly, and points to the current one', async () => {
    const plan = await signedOff(app.services.plans, app.world);
    const first = await agreementOf(plan.id);
    await plan.send(app.world.clinician, 'SCHEDULE_MEETING', {
      supervisorName: 'Dr Jo Evans', supervisorOrganisation: 'University of Northshire', supervisorEmail: 'jo.evans@northshire.ac.uk',
      startsAt: '2027-01-15T10:00:00+00:00', durationMinutes: 60, location: 'Research office',
    });
    // Only R&D or an administrator issues a new version, with a reason the plan's history keeps.
    const form = { kind: 'training-agreement', reason: 'The supervisor is now confirmed.', version: String(plan.version) };
    expect((await clinician.post(`/plans/${plan.id}/events/REISSUE_DOCUMENT`, form)).status).toBe(403);
    const rd = await app.signIn(app.world.rdLead);
    const reissued = await rd.post(`/plans/${plan.id}/events/REISSUE_DOCUMENT`, form);
    expect(reissued.status).toBe(303);
    const second = await agreementOf(plan.id);
    expect(second.number).toBe(2);
    const history = await (await rd.get(`/plans/${plan.id}/history`)).text();
    expect(history).toContain('The supervisor is now confirmed.');
    const old = await (await manager.get(`/plans/${plan.id}/documents/${first.id}`)).text();
    expect(old).toContain('This version has been replaced');
    expect(old).toContain(`/plans/${plan.id}/documents/${second.id}`);
    const refused = await manager.post(authorisePath(plan.id, first.id), { confirm: 'yes', sha256: first.sha256 });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('A newer version of this document has been issued: read and authorise that one.');
    const api = await manager.api('POST', `/api/v1/plans/${plan.id}/documents/${first.id}/authorisations`, { sha256: first.sha256 });
    expect(api.status).toBe(409);
  });

  it('the API lists documents as DESIGN section 6 says and authorises with 201, 409 and 403', async () => {
    const plan = await signedOff(app.services.plans, app.world);
    const doc = await agreementOf(plan.id);
    const list = await clinician.api('GET', `/api/v1/plans/${plan.id}/documents`);
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({
      documents: [{
        id: doc.id, kind: 'training-agreement', version: 1, planVersion: doc.plan_version, sha256: doc.sha256, current: true, issuedAt: doc.issued_at,
        signatories: [
          { role: 'clinician', userId: app.world.clinician.id, authorisedAt: null }, { role: 'manager', userId: app.world.manager.id, authorisedAt: null },
          { role: 'rdLead', userId: app.world.rdLead.id, authorisedAt: null },
        ],
      }],
    });
    const path = `/api/v1/plans/${plan.id}/documents/${doc.id}/authorisations`;
    expect((await clinician.api('POST', path, { sha256: 'a'.repeat(64) })).status).toBe(409);
    const ok = await clinician.api('POST', path, { sha256: doc.sha256 });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ documentId: doc.id, role: 'clinician', userId: app.world.clinician.id, authorisedAt: '2026-12-01T09:00:00.000Z' });
    expect((await clinician.api('POST', path, { sha256: doc.sha256 })).status).toBe(409);
    expect((await admin.api('POST', path, { sha256: doc.sha256 })).status).toBe(403);
    expect((await clinician.api('POST', path, { sha256: 'not-a-hash' })).status).toBe(422);
    const after = await (await clinician.api('GET', `/api/v1/plans/${plan.id}/documents`)).json() as { documents: Array<{ signatories: Array<{ authorisedAt: string | null }> }> };
    expect(after.documents[0]!.signatories.map((s) => s.authorisedAt)).toEqual(['2026-12-01T09:00:00.000Z', null, null]);
  });

  it('"Waiting for you" and the plan page list a document until its signatory has authorised it', async () => {
    const plan = await signedOff(app.services.plans, app.world, { title: 'Plan awaiting signatures' });
    const doc = await agreementOf(plan.id);
    const rdLead = await app.signIn(app.world.rdLead);
    const waiting = await (await rdLead.get('/')).text();
    expect(waiting).toContain(`href="/plans/${plan.id}/documents/${doc.id}"`);
    expect(waiting).toContain('Authorise the training agreement, version 1');
    const planPage = await (await rdLead.get(`/plans/${plan.id}`)).text();
    expect(planPage).toContain('Waiting for you to authorise');
    expect((await rdLead.post(authorisePath(plan.id, doc.id), { confirm: 'yes', sha256: doc.sha256 })).status).toBe(303);
    expect(await (await rdLead.get('/')).text()).not.toContain(`href="/plans/${plan.id}/documents/${doc.id}"`);
    expect(await (await rdLead.get(`/plans/${plan.id}`)).text()).not.toContain('Waiting for you to authorise');
  });

  it('publishes the document routes in the OpenAPI document', async () => {
    const spec = await (await app.app.request('http://localhost/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining([
      '/api/v1/plans/{id}/documents', '/api/v1/plans/{id}/documents/{documentId}', '/api/v1/plans/{id}/documents/{documentId}/authorisations',
    ]));
  });
});
