import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAuditKeys } from '../../src/audit/audit-keys.js';
import { anchorHistory } from '../../src/audit/anchor.js';
import { connect, type Db } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { PlanService } from '../../src/plans/plan.service.js';
import { verifyPlans } from '../../src/plans/verify.js';
import { TEST_AUDIT_KEY } from '../support/audit-key.js';
import { databaseKinds, openTestDb, type TestDb } from '../support/databases.js';
import { actorOf, createWorld } from '../support/world.js';
import { rewriteLastEvent } from './tamper.js';

// A database made by version 1.0 has no signatures. The first start with an
// audit key signs its events once and records that moment: from then on the
// history before it is vouched for, and any later change to it is caught.

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'v1.0', 'app.db');
const keys = parseAuditKeys(TEST_AUDIT_KEY);

describe('anchoring the history of a 1.0 database', () => {
  let dir: string;
  let db: Db;
  const said: string[] = [];
  const notes = { info: (_: object, m: string) => { said.push(m); }, warn: (_: object, m: string) => { said.push(m); } };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plans-anchor-'));
    fs.copyFileSync(FIXTURE, path.join(dir, 'app.db'));
    db = connect(`sqlite:${path.join(dir, 'app.db')}`);
    await migrate(db);
  });
  afterAll(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('before anchoring, says the signatures are not checked yet, rather than that 141 events are forged', async () => {
    const report = await verifyPlans(db, { keys });
    expect(report).toMatchObject({ broken: [], problems: [], signatures: { anchor: null, checked: false } });
  });

  it('signs every event once, says so, and verifies; a second start signs nothing', async () => {
    const at = new Date('2026-12-05T12:00:00.000Z');
    expect(await anchorHistory(db, keys, at, notes)).toEqual({ anchored: true, events: 141 });
    expect(said.at(-1)).toBe('Audit trail anchored: signed 141 events written before signing began; history before 2026-12-05T12:00:00.000Z is vouched for from this moment');
    const report = await verifyPlans(db, { keys });
    expect(report).toMatchObject({ plans: 17, events: 141, documents: 22, broken: [], problems: [] });
    expect(report.signatures?.anchor).toMatchObject({ anchored_at: at.toISOString(), events: 141, key_id: keys.signing.id });
    expect(await anchorHistory(db, keys, new Date(), notes)).toEqual({ anchored: false, events: 0 });
  });

  it('after anchoring, a legacy plan rewritten with its SHA-256 chain recomputed is caught', async () => {
    const withdrawn = await db.kysely.selectFrom('plan_events').select(['plan_id', 'payload']).where('type', '=', 'WITHDRAW').executeTakeFirstOrThrow();
    const { reason } = JSON.parse(withdrawn.payload) as { reason: string };
    await rewriteLastEvent(db, withdrawn.plan_id, reason, 'Withdrawn at the manager\'s request');
    const broken = (await verifyPlans(db, { keys })).broken;
    expect(broken.map((b) => b.planId)).toEqual([withdrawn.plan_id]);
    expect(broken[0]!.problems).toEqual([expect.stringMatching(/^event \d+ \(WITHDRAW\) has been rewritten: its signature does not match its hash$/)]);
  });

  it('an altered or removed anchor record is reported', async () => {
    await db.kysely.updateTable('audit_anchors').set({ events: 0 }).execute();
    expect((await verifyPlans(db, { keys })).problems).toEqual(['the audit anchor has been altered: its signature does not match']);
    await db.kysely.deleteFrom('audit_anchors').execute();
    expect((await verifyPlans(db, { keys })).problems).toEqual(['the audit anchor has been removed, though events are signed']);
  });
});

// Several instances share a PostgreSQL database (README "Several instances"), and after an upgrade each
// anchors at start. (Two instances on one SQLite file in one process would wait on each other's lock.)
describe.each(databaseKinds.filter((kind) => kind === 'postgres'))('two instances starting together on unsigned history (%s)', (kind) => {
  let t: TestDb;
  let second: Db;
  let events = 0;
  const quiet = { info: () => {}, warn: () => {} };

  beforeAll(async () => {
    t = await openTestDb(kind);
    second = connect(t.url);
    const world = await createWorld(t.db);
    // A plan service without the audit extension writes events as 1.0 did: with their hash chain, unsigned.
    const unsigned = new PlanService(t.db);
    for (let i = 0; i < 40; i++) await unsigned.create(actorOf(world.clinician), { title: `Plan ${i}`, managerId: world.manager.id });
    events = 40;
    // Both connected before they start, as two running instances are: neither gets a head start.
    await second.kysely.selectFrom('plans').select('id').limit(1).execute();
  });
  afterAll(async () => {
    await second.destroy();
    await t.cleanup();
  });

  it('both start: each event is signed once, one anchor stands, and the history verifies', async () => {
    // Both read the same unsigned events before either writes: the second must not fail on the first's signatures.
    const at = new Date('2026-12-05T12:00:00.000Z');
    const results = await Promise.all([anchorHistory(t.db, keys, at, quiet), anchorHistory(second, keys, at, quiet)]);
    expect(results.every((r) => r.anchored)).toBe(true);
    const signatures = await t.db.kysely.selectFrom('audit_signatures').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(signatures.n)).toBe(events);
    expect(await t.db.kysely.selectFrom('audit_anchors').selectAll().execute()).toHaveLength(1);
    expect(await verifyPlans(t.db, { keys })).toMatchObject({ plans: 40, events, broken: [], problems: [] });
  });
});
