import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { connect, type Db } from '../db/connect.js';
import { verifyPlans, type VerifyOptions, type VerifyReport } from '../plans/verify.js';

// Online backup of the SQLite database with SQLite's own backup API: a
// consistent copy taken while the server keeps writing. A copy is only worth
// having if it can be restored, so both directions check it first.

export interface CheckedCopy {
  file: string;
  integrity: string;
  report: VerifyReport;
}

export async function backupSqlite(db: Db, target: string, options: VerifyOptions = {}): Promise<CheckedCopy> {
  if (!db.sqlite) throw new Error('backup is for SQLite databases; back up PostgreSQL with pg_dump (see the README)');
  const file = path.resolve(target);
  if (fs.existsSync(file)) throw new Error(`${file} already exists: choose a new file name`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // In one step. Copied in the default steps of 100 pages, a write by any other
  // process (the server) between two steps starts the copy again: on a 120 MB
  // database with the service writing, it had copied under 5% after 20 seconds.
  // One step reads a single snapshot (about 0.3 s for 120 MB); in WAL mode the
  // server goes on writing meanwhile.
  await db.sqlite.backup(file, { progress: () => ALL_PAGES });
  return checkCopy(file, options);
}

/** The most pages better-sqlite3 lets one backup step copy. */
const ALL_PAGES = 0x7fffffff;

/** Integrity of the file, and every plan's replay, hash chain and (given the keys) audit signatures. */
export async function checkCopy(file: string, options: VerifyOptions = {}): Promise<CheckedCopy> {
  const raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  let integrity: string;
  try {
    integrity = String(raw.pragma('integrity_check', { simple: true }));
    const tables = raw.prepare("select name from sqlite_master where type = 'table' and name = 'plan_events'").all();
    if (!tables.length) throw new Error(`${file} is not a database of this service`);
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') throw new Error(`${file} is not a SQLite database`);
    throw error;
  } finally {
    raw.close();
  }
  if (integrity !== 'ok') return { file, integrity, report: { plans: 0, events: 0, documents: 0, broken: [], signatures: null, problems: [] } };
  const copy = connect(`sqlite:${file}`);
  try {
    return { file, integrity, report: await verifyPlans(copy, options) };
  } finally {
    await copy.destroy();
  }
}

/**
 * Does another connection, in any process, have this database open? In WAL mode each open
 * connection holds a shared lock on the file, so only a lone connection gets an exclusive one.
 */
function inUse(db: BetterSqlite3.Database): boolean {
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('begin exclusive; commit');
    db.pragma('locking_mode = NORMAL');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw error;
  }
}

export const isSound = (copy: CheckedCopy) => copy.integrity === 'ok' && copy.report.broken.length === 0 && copy.report.problems.length === 0;

/**
 * Put a checked copy in place of the database at `databaseFile`. The server
 * must be stopped. The database it replaces is kept beside it.
 */
export async function restoreSqlite(source: string, databaseFile: string, now = new Date(), options: VerifyOptions = {}): Promise<{ checked: CheckedCopy; previous: string | null }> {
  const checked = await checkCopy(path.resolve(source), options);
  if (!isSound(checked)) return { checked, previous: null };
  const target = path.resolve(databaseFile);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  let previous: string | null = null;
  if (fs.existsSync(target)) {
    const old = new BetterSqlite3(target, { timeout: 0 });
    try {
      // A server with the database open would go on writing to the file moved
      // aside, and everything it wrote after the restore would be lost.
      if (inUse(old)) throw new Error(`${target} is in use: stop the server before restoring`);
      // Fold the write-ahead log into the old file first so the kept copy is whole.
      old.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      old.close();
    }
    previous = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(target, previous);
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
  const staging = `${target}.restoring`;
  fs.copyFileSync(checked.file, staging);
  fs.renameSync(staging, target);
  return { checked, previous };
}
