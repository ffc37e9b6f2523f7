import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentFor } from '../../src/documents/issue.js';
import { listDocuments, type DocumentRow } from '../../src/documents/documents.repository.js';
import { renderDocument } from '../../src/documents/render.js';
import { sha256 } from '../../src/plans/hash.js';
import { findPlan } from '../../src/plans/plan.repository.js';
import { restoreSnapshot } from '../../workflows/plan.status.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { meetingRecorded, signedOff } from './journey.js';
import { reissue, signEverything } from '../support/sign.js';
import { examples, terms } from '../support/examples.js';

// Issuing: each document carries the plan's own values, escapes what people
// typed, renders the same bytes from the same plan version, and never changes
// once issued.

const EVIL = '<script>alert(1)</script>';

describe.each(databaseKinds)('issuing documents (%s)', (kind) => {
  let app: TestApp;
  beforeAll(async () => { app = await buildTestApp(kind); });
  afterAll(() => app.cleanup());

  const db = () => app.services.db.kysely;
  const documentsOf = (planId: string) => db().selectFrom('documents').selectAll().where('plan_id', '=', planId).orderBy('kind').orderBy('number').execute();
  const htmlOf = (docs: DocumentRow[], kind: string, number = 1) => docs.find((d) => d.kind === kind && d.number === number)!.html;

  it('signing off issues the training agreement with the agreed terms, formatted for England', async () => {
    const plan = await signedOff(app.services.plans, app.world);
    const [agreement, ...others] = await documentsOf(plan.id);
    expect(others).toEqual([]);
    expect(agreement).toMatchObject({ kind: 'training-agreement', number: 1, plan_version: plan.version, issued_at: '2026-12-01T09:00:00.000Z' });
    for (const text of [
      '1 October 2027', '36 months', '60% academic, 40% clinical', '60%', '40%', '£28,000', 'The NHS trust', 'Review at 12 months.',
      'Recruit a band 6 physiotherapist', 'The new post holder shadows me', '4 hours a week', 'run a journal club',
      // What the release means in dates and money, worked out from the terms.
      '30 September 2030', '£84,000', 'TA-2026-0001-v1',
      'A doctoral fellowship is the right next step after the MRes.', 'I know Dr Evans from the falls network; a good fit.',
      'Mentor one junior colleague; flexibility during thesis writing.', 'A permanent clinical academic post in the team is the aim.',
      'Alex Morgan', 'Sam Patel', 'Priya Shah', 'Northshire NHS Foundation Trust', 'To be authorised electronically',
    ]) expect(agreement!.html).toContain(text);
    expect(agreement!.sha256).toBe(sha256(agreement!.html));
    const signatures = await db().selectFrom('document_signatures').selectAll().where('document_id', '=', agreement!.id).orderBy('position').execute();
    expect(signatures.map((s) => [s.role, s.user_id, s.authorised_at])).toEqual([
      ['clinician', app.world.clinician.id, null], ['manager', app.world.manager.id, null], ['rdLead', app.world.rdLead.id, null],
    ]);
  });

  it('the training agreement prints each agreed point of the agenda, who agreed it and when, and whose proposal it was', async () => {
    const plan = await signedOff(app.services.plans, app.world);
    const [agreement] = await documentsOf(plan.id);
    const html = agreement!.html;
    expect(html).toContain('What we agreed, point by point');
    // The manager proposed the four points of their notes, which the clinician agreed; the clinician proposed the other five.
    const opportunity = html.slice(html.indexOf('<h2>Is this the right opportunity?</h2>'), html.indexOf('<h2>Who will support the research?</h2>'));
    expect(opportunity).toContain('A doctoral fellowship is the right next step after the MRes.');
    expect(opportunity).toContain('Agreed by Alex Morgan on 1 December 2026 (version 1, proposed by Sam Patel on 1 December 2026).');
    const support = html.slice(html.indexOf('<h2>Support while applying</h2>'), html.indexOf('<h2>Working with the supervisor</h2>'));
    expect(support).toContain('Four protected hours a week while writing the application.');
    expect(support).toContain('Agreed by Sam Patel on 1 December 2026 (version 1, proposed by Alex Morgan on 1 December 2026).');
    expect(html.match(/Agreed by (Alex Morgan|Sam Patel) on /g)).toHaveLength(9);
  });

  it('recording the meeting issues its record and both letters of support, each with the plan\'s values', async () => {
    const plan = await meetingRecorded(app.services.plans, app.world);
    const docs = await documentsOf(plan.id);
    expect(docs.map((d) => [d.kind, d.number])).toEqual([['letter-of-support', 1], ['meeting-record', 1], ['supervisor-letter', 1], ['training-agreement', 1]]);
    const record = htmlOf(docs, 'meeting-record');
    // Arranged for 15 January 2027 but held on 1 December 2026: the record states the day it was held.
    expect(record).not.toContain('15 January 2027');
    for (const text of [
      'the meeting held on 1 December 2026', 'Held on', 'Dr Jo Evans, University of Northshire',
      'Does supported mobilisation within 24 hours reduce 30-day readmission?', 'Uses the trust hip fracture audit data.',
      'Quarterly joint journal club between the ward and the university team.', '<li>Draft the application outline by March</li>',
      '<li>Book a meeting with the R&amp;D costing team</li>',
    ]) expect(record).toContain(text);
    const letter = htmlOf(docs, 'letter-of-support');
    for (const text of [
      'Northshire NHS Foundation Trust supports Alex Morgan', 'from 1 October 2027 for 36 months, until 30 September 2030', '60% of their working week',
      'The other 40% stays clinical', '£28,000 a year, £84,000 over the 36 months', 'Northshire NHS Foundation Trust will hold the budget.',
      '4 hours a week of protected working time', 'Review at 12 months.', 'NIHR Doctoral Clinical and Practitioner Academic Fellowship',
      'met Dr Jo Evans on 1 December 2026', 'We will recruit to a fixed-term post to cover the clinical work Alex Morgan releases.',
    ]) expect(letter).toContain(text);
    // The letter states the day the meeting was held, never the day it was arranged for, nor an option's label glued after a colon.
    expect(letter).not.toContain('15 January 2027');
    expect(letter).not.toContain('released: recruit');
    const university = htmlOf(docs, 'supervisor-letter');
    for (const text of [
      'University of Northshire', 'I am writing on behalf of University of Northshire to support Alex Morgan&#x27;s application',
      'met on 1 December 2026', 'Does supported mobilisation within 24 hours reduce 30-day readmission?',
      'Quarterly joint journal club between the ward and the university team.', 'Dr Jo Evans',
      'I will supervise Alex Morgan&#x27;s research from 1 October 2027 for 36 months, until 30 September 2030',
    ]) expect(university).toContain(text);
    expect(university).not.toContain('15 January 2027');
    const letterSigners = await db().selectFrom('document_signatures').select('role').where('document_id', '=', docs[0]!.id).orderBy('position').execute();
    expect(letterSigners.map((s) => s.role)).toEqual(['manager', 'rdLead']);
  });

  it('escapes whatever people typed', async () => {
    const plan = await meetingRecorded(app.services.plans, app.world, {
      signOff: { conditions: `Conditions ${EVIL}` }, record: { actions: [`Act ${EVIL}`], relationshipPlan: `Plan ${EVIL}` },
    });
    for (const doc of await documentsOf(plan.id)) {
      expect(doc.html).not.toContain(EVIL);
      expect(doc.html).not.toMatch(/<script/i);
      expect(doc.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('renders byte-identical HTML from the same plan version, so the hash is stable', async () => {
    const plan = await signedOff(app.services.plans, app.world);
    const [stored] = await documentsOf(plan.id);
    const row = await findPlan(db(), plan.id);
    expect(row!.version).toBe(stored!.plan_version);
    const { context } = restoreSnapshot(JSON.parse(row!.snapshot));
    const stamp = { number: stored!.number, planVersion: stored!.plan_version, issuedAt: stored!.issued_at };
    const again = renderDocument(await contentFor(db(), { planId: plan.id, kind: 'training-agreement', context }), stamp);
    expect(again).toBe(stored!.html);
    expect(sha256(again)).toBe(stored!.sha256);
  });

  it('a change the agreement shows issues version 2 on request and leaves version 1 exactly as it was', async () => {
    const plan = await signedOff(app.services.plans, app.world);
    const [first] = await documentsOf(plan.id);
    // Arranging the meeting names the supervisor for certain: the agreement no longer says "(proposed)".
    await plan.send(app.world.clinician, 'SCHEDULE_MEETING', {
      supervisorName: 'Prof Ann Reid', supervisorOrganisation: 'Eastfield University', supervisorEmail: 'ann.reid@eastfield.ac.uk',
      startsAt: '2027-02-01T10:00:00+00:00', durationMinutes: 45, location: 'Room 4',
    });
    const result = await reissue(app.services, plan.id, app.world, 'training-agreement', 'The supervisor is now known.');
    expect(result).toMatchObject({ number: 2, plan_version: plan.version + 1 });
    const docs = await documentsOf(plan.id);
    expect(docs.find((d) => d.number === 1)).toEqual(first);
    expect(htmlOf(docs, 'training-agreement', 2)).toContain('Prof Ann Reid, Eastfield University');
    expect(first!.html).toContain('Dr Jo Evans, University of Northshire (proposed)');
    expect((await listDocuments(db(), plan.id)).map((d) => [d.number, d.current])).toEqual([[2, true], [1, false]]);
  });

  it('new terms signed off again become version 2, and version 1 keeps its own terms and hash', async () => {
    // Not awarded, the clinician applies again with new terms: agreed, and signed off by R&D again.
    const plan = await meetingRecorded(app.services.plans, app.world);
    const [first] = (await documentsOf(plan.id)).filter((d) => d.kind === 'training-agreement');
    await signEverything(app.services, plan.id, app.world);
    await plan.send(app.world.clinician, 'SUBMIT_APPLICATION', examples.SUBMIT_APPLICATION(0));
    await plan.send(app.world.clinician, 'RECORD_OUTCOME', { outcome: 'not-awarded', decidedOn: '2026-12-01' });
    await plan.send(app.world.clinician, 'REAPPLY', { reviseTerms: true });
    await plan.send(app.world.manager, 'PROPOSE_TERMS', { ...terms, academicPercent: 50, estimatedBackfillCostPerYear: 31000 });
    await plan.send(app.world.clinician, 'ACCEPT_TERMS', { termsVersion: 2 });
    await plan.send(app.world.rdLead, 'SIGN_OFF', examples.SIGN_OFF(0));
    const docs = await documentsOf(plan.id);
    // The meeting has happened: the plan goes straight back to the application, with both letters issued again.
    expect(docs.filter((d) => d.number === 2).map((d) => d.kind).sort()).toEqual(['letter-of-support', 'supervisor-letter', 'training-agreement']);
    expect(docs.find((d) => d.kind === 'training-agreement' && d.number === 1)).toEqual(first);
    expect(first!.html).toContain('60% academic, 40% clinical');
    expect(htmlOf(docs, 'training-agreement', 2)).toContain('50% academic, 50% clinical');
    expect(htmlOf(docs, 'training-agreement', 2)).toContain('£31,000');
    expect(sha256(first!.html)).toBe(first!.sha256);
  });

  it('an issued document cannot be changed or deleted, and a given authorisation cannot be rewritten', async () => {
    const plan = await signedOff(app.services.plans, app.world);
    const [doc] = await documentsOf(plan.id);
    await expect(sql`update documents set html = 'forged' where id = ${doc!.id}`.execute(db())).rejects.toThrow(/cannot be changed/);
    await expect(sql`update documents set sha256 = ${'0'.repeat(64)} where id = ${doc!.id}`.execute(db())).rejects.toThrow(/cannot be changed/);
    await expect(sql`delete from documents where id = ${doc!.id}`.execute(db())).rejects.toThrow(/cannot be changed/);
    await expect(sql`delete from document_signatures where document_id = ${doc!.id}`.execute(db())).rejects.toThrow(/written once/);
    expect((await documentsOf(plan.id))[0]).toEqual(doc);
  });
});
