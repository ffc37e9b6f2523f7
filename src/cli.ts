import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { createOrganisation, createUser, setAdministeringTrust } from './accounts/accounts.service.js';
import { connect, DEFAULT_DATABASE_URL, type Db } from './db/connect.js';
import { backupSqlite, isSound, restoreSqlite, type CheckedCopy } from './operations/backup.js';
import { migrate } from './db/migrate.js';
import { InvalidInputError } from './plans/errors.js';
import { verifyPlans, type VerifyReport } from './plans/verify.js';
import { plural } from './presenters/format.js';

// Administration and operations commands (DESIGN section 5b). Each reads the
// same DATABASE_URL as the server and may run while the server runs.

const usage = `Usage: npm run cli -- <command> [options]

  add-org  --name NAME --kind nhs-trust|university [--trust TRUST]
           TRUST (an id or exact name) administers a university; with one trust, it is the default
  set-trust --org ORG --trust TRUST   TRUST's administrators manage ORG (a university added before 1.1)
  add-user --email E --name N --role clinician|manager|rdLead|supervisor|admin --org ORG [--password P]
  verify   replay every plan, check every audit hash chain and every issued document's hash
  backup FILE    a consistent copy of the SQLite database, taken while it runs, then checked
  restore FILE   check a backup and put it in place of the database (stop the server first)
`;

type Command = (db: Db, args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  async 'add-org'(db, args) {
    const { values } = parseArgs({ args, options: { name: { type: 'string' }, kind: { type: 'string' }, trust: { type: 'string' } } });
    const { trust, ...org } = values;
    const created = await createOrganisation(db, org, new Date(), trust);
    console.log(created.id);
    return 0;
  },

  async 'set-trust'(db, args) {
    const { values } = parseArgs({ args, options: { org: { type: 'string' }, trust: { type: 'string' } } });
    const org = await setAdministeringTrust(db, values.org ?? '', values.trust ?? '');
    console.log(`${org.name} is administered by ${values.trust}`);
    return 0;
  },

  async 'add-user'(db, args) {
    const { values } = parseArgs({
      args,
      options: {
        email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' },
        org: { type: 'string' }, password: { type: 'string' },
      },
    });
    const password = values.password ?? (await askHidden('Password for the new account: '));
    const user = await createUser(db, { email: values.email, name: values.name, role: values.role, password, organisation: values.org ?? '' });
    console.log(user.id);
    return 0;
  },

  async verify(db) {
    const report = await verifyPlans(db);
    for (const plan of report.broken) {
      console.error(`BROKEN plan ${plan.planId} ("${plan.title}"):`);
      for (const problem of plan.problems) console.error(`  - ${problem}`);
    }
    if (report.broken.length) {
      console.error(`${plural(report.broken.length, 'plan')} of ${report.plans} failed verification`);
      return 1;
    }
    console.log(`verified ${checked(report)}: all hold`);
    return 0;
  },
};

function askHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) {
    return Promise.reject(new InvalidInputError([{ path: 'password', message: 'Give --password when not running at a terminal' }]));
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (s: string) => void };
  let prompted = false;
  output._writeToOutput = (s: string) => {
    if (!prompted) { process.stdout.write(s); prompted = true; }
  };
  return new Promise((resolve) => rl.question(question, (answer) => { rl.close(); process.stdout.write('\n'); resolve(answer); }));
}

/** "4 plans, 12 audit events and 1 issued document": what verify read. */
const checked = (report: VerifyReport) =>
  `${plural(report.plans, 'plan')}, ${plural(report.events, 'audit event')} and ${plural(report.documents, 'issued document')}`;

function describeCopy(copy: CheckedCopy): string {
  if (copy.integrity !== 'ok') return `${copy.file}: integrity check failed: ${copy.integrity}`;
  const { plans, broken } = copy.report;
  if (broken.length) return `${copy.file}: ${plural(broken.length, 'plan')} of ${plans} fail verification (${broken.map((b) => b.planId).join(', ')})`;
  return `${copy.file}: integrity ok; ${checked(copy.report)} verified`;
}

/** Commands that work on a database file rather than through a connection's migrations. */
const fileCommands: Record<string, (args: string[]) => Promise<number>> = {
  async backup([file]) {
    if (!file) throw new InvalidInputError([{ path: 'FILE', message: 'Name the file to write the backup to' }]);
    const db = connect();
    try {
      const copy = await backupSqlite(db, file);
      console.log(describeCopy(copy));
      return isSound(copy) ? 0 : 1;
    } finally {
      await db.destroy();
    }
  },
  async restore([file]) {
    if (!file) throw new InvalidInputError([{ path: 'FILE', message: 'Name the backup file to restore' }]);
    const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
    if (!url.startsWith('sqlite:')) throw new InvalidInputError([{ path: 'DATABASE_URL', message: 'restore is for SQLite; restore PostgreSQL with pg_restore (see the README)' }]);
    const { checked, previous } = await restoreSqlite(file, url.slice('sqlite:'.length));
    console.log(describeCopy(checked));
    if (!isSound(checked)) { console.error('Not restored: the backup did not pass its checks.'); return 1; }
    console.log(`Restored into ${url.slice('sqlite:'.length)}${previous ? `; the database it replaced is kept as ${previous}` : ''}`);
    return 0;
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const fileCommand = name ? fileCommands[name] : undefined;
  if (fileCommand) return runFileCommand(fileCommand, args);
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(usage);
    return name ? 2 : 0;
  }
  const db = connect();
  try {
    await migrate(db);
    return await command(db, args);
  } catch (error) {
    if (error instanceof InvalidInputError) {
      for (const e of error.errors) console.error(`${e.path ? `--${e.path}: ` : ''}${e.message}`);
      return 2;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`${error.message}\n\n${usage}`);
      return 2;
    }
    throw error;
  } finally {
    await db.destroy();
  }
}

async function runFileCommand(command: (args: string[]) => Promise<number>, args: string[]): Promise<number> {
  try {
    return await command(args);
  } catch (error) {
    if (error instanceof InvalidInputError) {
      for (const e of error.errors) console.error(`${e.path}: ${e.message}`);
      return 2;
    }
    console.error((error as Error).message);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
