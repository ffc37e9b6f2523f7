import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { verifyPlans } from '../../src/plans/verify.js';

// Plans stored by version 1.0 keep replaying and verifying under today's code.
// The database was made by the 1.0 code itself (test/fixtures/v1.0/README.md).

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'v1.0', 'app.db');

describe('a database made by version 1.0', () => {
  let dir: string;
  let db: Db;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plans-v1-'));
    fs.copyFileSync(FIXTURE, path.join(dir, 'app.db'));
    db = connect(`sqlite:${path.join(dir, 'app.db')}`);
    await migrate(db);
  });
  afterAll(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('migrates, and every plan, audit event and issued document still verifies', async () => {
    const report = await verifyPlans(db);
    expect(report.broken).toEqual([]);
    expect(report).toMatchObject({ plans: 17, events: 141, documents: 22 });
  });
});
