import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import { findDocument } from '../../src/documents/documents.repository.js';
import { authorise, mayAuthorise } from '../../src/documents/documents.service.js';
import { documentsAwaiting } from '../../src/documents/plan-documents.js';
import { reissue } from '../support/sign.js';
import { ConflictError, NotAllowedError, PlanNotFoundError } from '../../src/plans/errors.js';
import { verifyPlans } from '../../src/plans/verify.js';
import { statementOf, type DocumentContent } from '../../src/documents/content.js';
import type { User } from '../../src/accounts/accounts.repository.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { PROCESS_TEST_TIMEOUT, runTs } from '../support/processes.js';
import { actorOf } from '../support/world.js';
import { meetingRecorded, signedOff } from './journey.js';

// Electronic authorisation: only the named signatories, once each, of the
// current version with the hash they were shown; and a document changed
// behind the service's back fails verification.

/** Someone with direct access to the database rewrites a document, first removing the trigger that refuses it. */
async function tamper(db: Db, statement: ReturnType<typeof sql>) {
  if (db.dialect === 'sqlite') {
    await sql`drop trigger documents_no_update`.execute(db.kysely);
    await statement.execute(db.kysely);
    await sql`create trigger documents_no_update before update on documents begin select raise(abort, 'issued documents cannot be changed or deleted'); end`.execute(db.kysely);
  } else {
    await sql`alter table documents disable trigger documents_no_update`.execute(db.kysely);
    await statement.execute(db.kysely);
    await sql`alter table documents enable trigger documents_no_update`.execute(db.kysely);
  }
}

describe.each(databaseKinds)('authorising documents (%s)', (kind) => {
  let app: TestApp;
  beforeAll(async () => { app = await buildTestApp(kind); });
  afterAll(() => app.cleanup());

  const agreementOf = async (planId: string) => app.services.db.kysely.selectFrom('documents').selectAll()
    .where('plan_id', '=', planId).where('kind', '=', 'training-agreement').orderBy('number', 'desc').executeTakeFirstOrThrow();
  const signaturesOf = (documentId: string) => app.services.db.kysely.selectFrom('document_signatures').selectAll()
    .where('document_id', '=', documentId).orderBy('position').execute();
  /** Arranging the meeting names the supervisor for certain, which the agreement shows: a change worth a new version. */
  const arrangeMeeting = (plan: Awaited<ReturnType<typeof signedOff>>) => plan.send(app.world.clinician, 'SCHEDULE_MEETING', {
    supervisorName: 'Dr Jo Evans', supervisorOrganisation: 'University of Northshire', supervisorEmail: 'jo.evans@northshire.ac.uk',
    startsAt: '2027-01-15T10:00:00+00:00', durationMinutes: 60, location: 'Research office',
  });
  const sign = (user: User, planId: string, documentId: string, sha256: string) => authorise(app.services, planId, actorOf(user), documentId, sha256);

  it('each named signatory authorises once, recording the time, the statement and the hash they saw', async () => {
    const plan = await signedOff(app.services.plans, app.world);
    const doc = await agreementOf(plan.id);
    app.clock.set('2026-12-02T10:30:00.000Z');
    for (const user of [app.world.clinician, app.world.manager, app.world.rdLead]) await sign(user, plan.id, doc.id, doc.sha256);
    const signatures = await signaturesOf(doc.id);
    // Each stores the statement written for them into the document: their own commitments, not one text for all.
    const content = JSON.parse(doc.content) as DocumentContent;
    expect(signatures.map((s) => [s.role, s.authorised_at, s.statement, s.sha256_seen])).toEqual(['clinician', 'manager', 'rdLead'].map((role) => [
      role, '2026-12-02T10:30:00.000Z', statementOf(content.signatories.find((p) => p.role === role)!.commitments!), doc.sha256,
    ]));
    const [clinician, manager, rdLead] = signatures.map((s) => s.statement);
    expect(clinician).toContain('I will spend 60% of my working week on research and training, from 1 October 2027 for 36 months, until 30 September 2030.');
    expect(manager).toContain('I will release Alex Morgan from clinical work for 60% of their working week');
    expect(manager).toContain('at an estimated cost of £28,000 a year and £84,000 over the 36 months');
    expect(rdLead).toContain('has the capacity and capability to host this research');
    expect(new Set(signatures.map((s) => s.statement)).size).toBe(3);
    const again = await sign(app.world.manager, plan.id, doc.id, doc.sha256).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConflictError);
    expect((again as Error).message).toBe('You have already authorised this document.');
    const { snapshot } = await app.services.plans.load(plan.id, actorOf(app.world.clinician));
    expect(snapshot.context.authorisations.map((a) => [a.by.role, a.documentId, a.sha256])).toEqual(
      ['clinician', 'manager', 'rdLead'].map((role) => [role, doc.id, doc.sha256]));
  });

  it('a participant who is not a signatory is refused (403); someone who cannot see the plan gets 404', async () => {
    const plan = await signedOff(app.services.plans, app.world);
    const doc = await agreementOf(plan.id);
    await expect(sign(app.world.admin, plan.id, doc.id, doc.sha256)).rejects.toBeInstanceOf(NotAllowedError);
    await expect(sign(app.world.outsiderRdLead, plan.id, doc.id, doc.sha256)).rejects.toBeInstanceOf(PlanNotFoundError);
    await expect(sign(app.world.otherClinician, plan.id, doc.id, doc.sha256)).rejects.toBeInstanceOf(PlanNotFoundError);
    expect((await signaturesOf(doc.id)).every((s) => s.authorised_at === null)).toBe(true);
  });

  it('a hash other than the issued one is refused as out of date', async () => {
    const plan = await signedOff(app.services.plans, app.world);
    const doc = await agreementOf(plan.id);
    const error = await sign(app.world.clinician, plan.id, doc.id, 'f'.repeat(64)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toContain('not the current version');
  });

  it('a superseded version is refused; the new version is authorised afresh', async () => {
    const plan = await signedOff(app.services.plans, app.world);
    const first = await agreementOf(plan.id);
    await sign(app.world.clinician, plan.id, first.id, first.sha256);
    await arrangeMeeting(plan);
    await reissue(app.services, plan.id, app.world, 'training-agreement');
    const second = await agreementOf(plan.id);
    const error = await sign(app.world.manager, plan.id, first.id, first.sha256).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toBe('A newer version of this document has been issued: read and authorise that one.');
    await sign(app.world.clinician, plan.id, second.id, second.sha256);
    await sign(app.world.manager, plan.id, second.id, second.sha256);
    expect((await signaturesOf(second.id)).map((s) => s.authorised_at !== null)).toEqual([true, true, false]);
    expect((await signaturesOf(first.id)).map((s) => s.authorised_at !== null)).toEqual([true, false, false]);
  });

  it('an authorisation is sent again at the new version when another change lands first', async () => {
    const plan = await signedOff(app.services.plans, app.world);
    const doc = await agreementOf(plan.id);
    await plan.send(app.world.manager, 'COMMENT', { text: 'Happy with this.' });
    await sign(app.world.rdLead, plan.id, doc.id, doc.sha256);
    expect((await signaturesOf(doc.id))[2]!.authorised_at).not.toBeNull();
  });

  it('"Waiting for you", read from the columns alone, gives the machine\'s answer for every person and document', async () => {
    const partly = await signedOff(app.services.plans, app.world);
    const partlyDoc = await agreementOf(partly.id);
    await sign(app.world.manager, partly.id, partlyDoc.id, partlyDoc.sha256);
    const recorded = await meetingRecorded(app.services.plans, app.world);
    const superseded = await signedOff(app.services.plans, app.world);
    await arrangeMeeting(superseded);
    await reissue(app.services, superseded.id, app.world, 'training-agreement');
    const withdrawn = await signedOff(app.services.plans, app.world);
    await withdrawn.send(app.world.clinician, 'WITHDRAW', { reason: 'Not this year.' });
    const planIds = [partly.id, recorded.id, superseded.id, withdrawn.id];
    const documents = await app.services.db.kysely.selectFrom('documents').select(['id', 'plan_id']).where('plan_id', 'in', planIds).execute();
    const { world } = app;
    for (const user of [world.clinician, world.manager, world.rdLead, world.supervisor, world.admin, world.otherManager]) {
      const expected: string[] = [];
      for (const doc of documents) {
        const loaded = await app.services.plans.load(doc.plan_id, actorOf(user)).catch(() => null);
        const found = await findDocument(app.services.db.kysely, doc.plan_id, doc.id);
        if (loaded && found && mayAuthorise(loaded.snapshot, found, actorOf(user), app.clock().toISOString())) expected.push(doc.id);
      }
      const listed = (await documentsAwaiting(app.services.db.kysely, actorOf(user))).filter((d) => planIds.includes(d.planId));
      expect(listed.map((d) => d.href.split('/').at(-1)).sort(), user.email).toEqual(expected.sort());
    }
  });

  it('stored HTML changed behind the service\'s back fails verify, in the service and from the command line', async () => {
    const plan = await signedOff(app.services.plans, app.world, { title: 'Plan with a forged agreement' });
    const doc = await agreementOf(plan.id);
    expect((await verifyPlans(app.services.db)).broken).toEqual([]);
    const clean = await runTs('src/cli.ts', ['verify'], { DATABASE_URL: app.t.url });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/verified \d+ plans?, \d+ audit events and [1-9]\d* issued documents?: all hold/);

    await tamper(app.services.db, sql`update documents set html = ${doc.html.replace('60% academic', '80% academic')} where id = ${doc.id}`);
    const broken = (await verifyPlans(app.services.db)).broken.find((b) => b.planId === plan.id);
    expect(broken?.problems).toContain('the training agreement (version 1) has been altered: its stored HTML does not match its SHA-256');
    const { code, stderr } = await runTs('src/cli.ts', ['verify'], { DATABASE_URL: app.t.url });
    expect(code).not.toBe(0);
    expect(stderr).toContain(plan.id);
    expect(stderr).toContain('Plan with a forged agreement');
    expect(stderr).toContain('training agreement (version 1) has been altered');
  }, PROCESS_TEST_TIMEOUT);

  it('a forger who also rewrites the stored hash is caught by the fingerprint the signatory confirmed', async () => {
    const plan = await signedOff(app.services.plans, app.world, { title: 'Plan with a forged hash' });
    const doc = await agreementOf(plan.id);
    await sign(app.world.clinician, plan.id, doc.id, doc.sha256);
    const { sha256: hash } = await import('../../src/plans/hash.js');
    const forged = doc.html.replace('£28,000', '£8,000');
    await tamper(app.services.db, sql`update documents set html = ${forged}, sha256 = ${hash(forged)} where id = ${doc.id}`);
    const broken = (await verifyPlans(app.services.db)).broken.find((b) => b.planId === plan.id);
    expect(broken?.problems).toContain('the training agreement (version 1): a signatory authorised a fingerprint other than the one stored for it');
  });
});
