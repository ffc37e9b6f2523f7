import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { factsOf } from '../../src/reports/report-facts.js';
import { restoreSnapshot } from '../../workflows/plan.status.js';
import { summaryOf } from '../support/report-summaries.js';

// The report summaries have two writers: the migration, which derives them
// once from the audit trail of plans stored before it, and the extension,
// which keeps them in each event's transaction. That both give the same rows
// on every path through the machine is checked where every path is driven
// once, in test/plans/plan.model.test.ts; here, a database made by 1.0.

describe('a database made by version 1.0 gets its summaries when migrated', () => {
  const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'v1.0', 'app.db');
  let dir: string;
  let db: Db;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plans-v1-reports-'));
    fs.copyFileSync(fixture, path.join(dir, 'app.db'));
    db = connect(`sqlite:${path.join(dir, 'app.db')}`);
    await migrate(db);
  });
  afterAll(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('one row a plan, with the facts its stored snapshot holds', async () => {
    const plans = await db.kysely.selectFrom('plans').select(['id', 'state', 'snapshot']).execute();
    expect(plans).toHaveLength(17);
    for (const plan of plans) {
      const { facts } = await summaryOf(db, plan.id);
      const { shared_at: sharedAt, ...rest } = facts;
      expect(rest, plan.state).toEqual(factsOf(restoreSnapshot(JSON.parse(plan.snapshot)).context, plan.state));
      expect(sharedAt === null, plan.state).toBe(plan.state === 'researchIdea.drafting');
    }
  });

  it('stays that follow each other without a gap, from creation to the step the plan is in now', async () => {
    const plans = await db.kysely.selectFrom('plans').select(['id', 'top_state', 'created_at']).execute();
    let counted = 0;
    for (const plan of plans) {
      const { stays, facts } = await summaryOf(db, plan.id);
      if (facts.shared_at === null) { expect(stays).toEqual([]); continue; }
      counted += 1;
      expect(stays[0]).toMatchObject({ seq: 1, step: 'researchIdea', entered_at: plan.created_at });
      for (let i = 1; i < stays.length; i++) expect(stays[i]!.entered_at).toBe(stays[i - 1]!.left_at);
      expect(stays.at(-1)).toMatchObject({ step: plan.top_state, left_at: null });
      expect(stays.filter((s) => s.left_at === null)).toHaveLength(1);
    }
    expect(counted).toBeGreaterThan(10);
  });
});
