import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';

// Notifications written before topics existed (the 1.0 database, made by the
// 1.0 code): after migrating, nobody's list starts with old "Action needed"
// still open for plans that no longer wait on them, and each person sees one
// entry a topic.

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'v1.0', 'app.db');

describe('notifications of a 1.0 database, migrated', () => {
  let dir: string;
  let db: Db;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plans-v1-notifications-'));
    fs.copyFileSync(FIXTURE, path.join(dir, 'app.db'));
    db = connect(`sqlite:${path.join(dir, 'app.db')}`);
    await migrate(db);
  });
  afterAll(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives requests a topic, marks done those the plan no longer asks, and lists one a topic', async () => {
    const rows = await db.kysely.selectFrom('notifications as n').innerJoin('plans as p', 'p.id', 'n.plan_id').innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['n.kind', 'n.topic', 'n.done_at', 'n.superseded_by', 'n.user_id', 'n.plan_id', 'u.role', 'p.awaiting_role', 'p.state'])
      .where('n.kind', 'in', ['handover', 'document-authorisation']).execute();
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) expect(row.topic, row.kind).toMatch(row.kind === 'handover' ? /^wait:/ : /^sign:/);
    // A request for a plan that no longer waits on the reader's role is done.
    const stale = rows.filter((r) => r.kind === 'handover' && r.awaiting_role !== r.role);
    expect(stale.length).toBeGreaterThan(0);
    expect(stale.filter((r) => r.done_at === null)).toEqual([]);
    // One listed entry per person, plan and topic.
    const listed = rows.filter((r) => r.superseded_by === null).map((r) => `${r.user_id} ${r.plan_id} ${r.topic}`);
    expect(new Set(listed).size).toBe(listed.length);
  });
});
