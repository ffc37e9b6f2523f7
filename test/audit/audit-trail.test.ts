import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAuditKeyText, parseAuditKey, parseAuditKeys } from '../../src/audit/audit-keys.js';
import { anchorHistory } from '../../src/audit/anchor.js';
import { verifyPlans, type VerifyOptions } from '../../src/plans/verify.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { TEST_AUDIT_KEY } from '../support/audit-key.js';
import { databaseKinds } from '../support/databases.js';
import { PROCESS_TEST_TIMEOUT, runTs } from '../support/processes.js';
import { startPlan } from '../documents/journey.js';
import { idea } from '../support/examples.js';
import { rewriteLastEvent, tamper } from './tamper.js';

// The audit trail is anchored outside the database: every event's hash is
// signed with the audit key, which the database never holds. Someone who can
// write the database can recompute every SHA-256 and pass the old checks;
// the signatures still name the plan whose history they rewrote.

const keys = parseAuditKeys(TEST_AUDIT_KEY);
const quiet = { info: () => undefined, warn: () => undefined };

describe.each(databaseKinds)('the signed audit trail (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    await anchorHistory(t.services.db, keys, new Date(), quiet);
  });
  afterAll(() => t.cleanup());

  /** A plan with an idea sent to the manager, who then comments: four events. */
  async function commentedPlan(title: string) {
    const plan = await startPlan(t.services.plans, t.world, title);
    await plan.send(t.world.clinician, 'UPDATE_IDEA', idea);
    await plan.send(t.world.clinician, 'SUBMIT_FOR_AGREEMENT', {});
    await plan.send(t.world.manager, 'COMMENT', { text: 'I support this, with the ward rota changes we discussed.' });
    return plan;
  }
  const brokenOf = async (planId: string, options: VerifyOptions = { keys }) => (await verifyPlans(t.services.db, options)).broken.find((b) => b.planId === planId);

  it('signs each event as it is written, with the key named by its id', async () => {
    const plan = await commentedPlan('Signed as written');
    const signatures = await t.services.db.kysely.selectFrom('audit_signatures').selectAll().where('plan_id', '=', plan.id).orderBy('seq').execute();
    expect(signatures.map((s) => [s.seq, s.key_id])).toEqual([1, 2, 3, 4].map((seq) => [seq, keys.signing.id]));
    expect(await brokenOf(plan.id)).toBeUndefined();
  });

  it('catches the last event and the stored plan rewritten with the SHA-256 chain recomputed, in the service and from the command line', async () => {
    const plan = await commentedPlan('Rewritten comment');
    await rewriteLastEvent(t.services.db, plan.id, 'I support this', 'I never supported this');
    // The hash chain, the replay and the stored snapshot all agree: without the signatures this would pass.
    expect(await brokenOf(plan.id, {})).toBeUndefined();
    expect((await brokenOf(plan.id))?.problems).toEqual(['event 4 (COMMENT) has been rewritten: its signature does not match its hash']);

    const cli = await runTs('src/cli.ts', ['verify'], { DATABASE_URL: t.t.url });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`BROKEN plan ${plan.id} ("Rewritten comment")`);
    expect(cli.stderr).toContain('event 4 (COMMENT) has been rewritten');
  }, PROCESS_TEST_TIMEOUT);

  it('catches an event whose signature was removed, or slipped in without one', async () => {
    const plan = await commentedPlan('Unsigned event');
    await rewriteLastEvent(t.services.db, plan.id, 'I support this', 'No objection');
    await t.services.db.kysely.deleteFrom('audit_signatures').where('plan_id', '=', plan.id).where('seq', '=', 4).execute();
    expect((await brokenOf(plan.id))?.problems).toEqual(['event 4 (COMMENT) is not signed: it was not written by this service']);
  });

  it('catches history cut short: the last event gone, its signature left behind', async () => {
    const plan = await commentedPlan('Cut short');
    await tamper(t.services.db, sql`delete from plan_events where plan_id = ${plan.id} and seq = 4`);
    const row = await t.services.db.kysely.selectFrom('plan_events').select('state_after').where('plan_id', '=', plan.id).where('seq', '=', 3).executeTakeFirstOrThrow();
    expect(row.state_after).toBe('managerAgreement');
    expect((await brokenOf(plan.id))?.problems).toContain('event 4 was signed but is no longer there: the history has been cut short');
  });

  it('does not trust a key it was not given, and after rotation still verifies the old key with its public half', async () => {
    const plan = await commentedPlan('Rotated keys');
    const stranger = parseAuditKeys(newAuditKeyText());
    expect((await brokenOf(plan.id, { keys: stranger }))?.problems[0]).toBe(`event 1 (PLAN_CREATED) is signed by key ${keys.signing.id}, which is not among the trusted keys (AUDIT_KEY)`);
    // Rotated: a new key signs; the old one is kept as its public half only, which cannot sign.
    const next = newAuditKeyText();
    const rotated = parseAuditKeys(`${next}\n${keys.signing.publicText}`);
    expect(rotated.signing.id).toBe(parseAuditKey(next).id);
    expect(rotated.trusted.get(keys.signing.id)?.privateKey).toBeNull();
    expect(await brokenOf(plan.id, { keys: rotated })).toBeUndefined();
  });

  it('keeps the anchor: a second start signs nothing, so an unsigned event stays unsigned', async () => {
    expect(await anchorHistory(t.services.db, keys, new Date(), quiet)).toEqual({ anchored: false, events: 0 });
    const report = await verifyPlans(t.services.db, { keys });
    expect(report.signatures?.anchor).toMatchObject({ key_id: keys.signing.id, events: 0 });
    expect(report.problems).toEqual([]);
  });
});
