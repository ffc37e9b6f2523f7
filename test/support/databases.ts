import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect, type ConnectOptions, type Db, type DialectName } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';

// Every persistence test runs on a real SQLite file, and on a real PostgreSQL
// database too when TEST_DATABASE_URL names a server (.ci/run starts one).

export const databaseKinds: DialectName[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDb {
  db: Db;
  url: string;
  cleanup(): Promise<void>;
}

export async function openTestDb(kind: DialectName, options: ConnectOptions = {}): Promise<TestDb> {
  return kind === 'sqlite' ? openSqlite(options) : openPostgres(process.env.TEST_DATABASE_URL!, options);
}

async function openSqlite(options: ConnectOptions): Promise<TestDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plans-test-'));
  const url = `sqlite:${path.join(dir, 'test.db')}`;
  const db = connect(url, options);
  await migrate(db);
  return { db, url, cleanup: async () => { await db.destroy(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

/** A copy of a database file (a fixture), migrated as a server starting on it would. */
export async function openSqliteCopy(file: string, options: ConnectOptions = {}): Promise<TestDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plans-fixture-'));
  fs.copyFileSync(file, path.join(dir, 'app.db'));
  const url = `sqlite:${path.join(dir, 'app.db')}`;
  const db = connect(url, options);
  await migrate(db);
  return { db, url, cleanup: async () => { await db.destroy(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

async function openPostgres(adminUrl: string, options: ConnectOptions): Promise<TestDb> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(adminUrl);
  target.pathname = `/${name}`;
  const url = target.toString();
  const db = connect(url, options);
  await migrate(db);
  return {
    db, url,
    cleanup: async () => {
      await db.destroy();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      // Not WITH (FORCE): killing connections that are still closing raises errors in the test process.
      for (let attempt = 0; ; attempt++) {
        try {
          await client.query(`drop database if exists ${name}`);
          break;
        } catch (error) {
          if (attempt >= 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      await client.end();
    },
  };
}
