import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { connectionOptions, loadConfig, type Config } from './config.js';
import type { AuditKeys } from './audit/audit-keys.js';
import type { Db } from './db/connect.js';
import type { CheckedCopy } from './operations/backup.js';
import { InvalidInputError } from './plans/errors.js';
import type { VerifyReport } from './plans/verify.js';
import { plural } from './presenters/format.js';

// Administration and operations commands (DESIGN section 5b). Each reads the
// same settings as the server (DATABASE_URL, AUDIT_KEY, …) and may run while
// the server runs. Each command loads only the modules it uses, so the
// command line starts in a fraction of a second.

const usage = `Usage: npm run cli -- <command> [options]

  add-org  --name NAME --kind nhs-trust|university [--trust TRUST]
           TRUST (an id or exact name) administers a university; with one trust, it is the default
  set-trust --org ORG --trust TRUST   TRUST's administrators manage ORG (a university added before 1.1)
  add-user --email E --name N --role clinician|manager|rdLead|supervisor|admin --org ORG [--password P]
  verify   replay every plan, check every audit hash chain, every event's signature and every issued document's hash
  backup FILE    a consistent copy of the SQLite database, taken while it runs, then checked
  restore FILE   check a backup and put it in place of the database (stop the server first)
  audit-key new      print a new audit signing key, and the public half to keep after rotating it away
  audit-key public   print the public half of the current key (AUDIT_KEY or AUDIT_KEY_FILE)
`;

/** What the command line says about itself goes to standard error, so standard output stays the command's answer. */
const notes = {
  info: (_fields: object, message: string) => console.error(message),
  warn: (_fields: object, message: string) => console.error(message),
};

async function auditKeys(config: Config): Promise<AuditKeys> {
  const { loadAuditKeys } = await import('./audit/load-audit-keys.js');
  return loadAuditKeys(config, notes);
}

type Command = (db: Db, args: string[], config: Config) => Promise<number>;

const commands: Record<string, Command> = {
  async 'add-org'(db, args) {
    const { createOrganisation } = await import('./accounts/accounts.service.js');
    const { values } = parseArgs({ args, options: { name: { type: 'string' }, kind: { type: 'string' }, trust: { type: 'string' } } });
    const { trust, ...org } = values;
    const created = await createOrganisation(db, org, new Date(), trust);
    console.log(created.id);
    return 0;
  },

  async 'set-trust'(db, args) {
    const { setAdministeringTrust } = await import('./accounts/accounts.service.js');
    const { values } = parseArgs({ args, options: { org: { type: 'string' }, trust: { type: 'string' } } });
    const org = await setAdministeringTrust(db, values.org ?? '', values.trust ?? '');
    console.log(`${org.name} is administered by ${values.trust}`);
    return 0;
  },

  async 'add-user'(db, args) {
    const { createUser } = await import('./accounts/accounts.service.js');
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

  async verify(db, _args, config) {
    const { verifyPlans } = await import('./plans/verify.js');
    const report = await verifyPlans(db, { keys: await auditKeys(config) });
    for (const problem of report.problems) console.error(`BROKEN audit trail: ${problem}`);
    for (const plan of report.broken) {
      console.error(`BROKEN plan ${plan.planId} ("${plan.title}"):`);
      for (const problem of plan.problems) console.error(`  - ${problem}`);
    }
    if (report.broken.length || report.problems.length) {
      console.error(`${plural(report.broken.length, 'plan')} of ${report.plans} failed verification`);
      return 1;
    }
    console.log(`verified ${checked(report)}: all hold`);
    if (report.signatures?.checked) console.log('every audit event carries a valid signature of a trusted audit key');
    else console.log('signatures not checked: no program with an audit key has opened this database yet (the server signs from its first start)');
    const anchor = report.signatures?.anchor;
    if (anchor?.events) {
      console.log(`${plural(anchor.events, 'event')} written before signing began ${anchor.events === 1 ? 'was' : 'were'} signed on ${anchor.anchored_at}: their history is vouched for from then on`);
    }
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
  const { plans, broken, problems } = copy.report;
  if (problems.length) return `${copy.file}: the audit trail fails verification (${problems.join('; ')})`;
  if (broken.length) return `${copy.file}: ${plural(broken.length, 'plan')} of ${plans} fail verification (${broken.map((b) => b.planId).join(', ')})`;
  return `${copy.file}: integrity ok; ${checked(copy.report)} verified`;
}

/** Commands that work on a database file or a key rather than through a connection's migrations. */
const fileCommands: Record<string, (args: string[], config: Config) => Promise<number>> = {
  async backup([file], config) {
    if (!file) throw new InvalidInputError([{ path: 'FILE', message: 'Name the file to write the backup to' }]);
    const [{ connect }, { backupSqlite, isSound }] = await Promise.all([import('./db/connect.js'), import('./operations/backup.js')]);
    const keys = await auditKeys(config);
    const db = connect(config.DATABASE_URL, connectionOptions(config));
    try {
      const copy = await backupSqlite(db, file, { keys });
      console.log(describeCopy(copy));
      return isSound(copy) ? 0 : 1;
    } finally {
      await db.destroy();
    }
  },
  async restore([file], config) {
    if (!file) throw new InvalidInputError([{ path: 'FILE', message: 'Name the backup file to restore' }]);
    const url = config.DATABASE_URL;
    if (!url.startsWith('sqlite:')) throw new InvalidInputError([{ path: 'DATABASE_URL', message: 'restore is for SQLite; restore PostgreSQL with pg_restore (see the README)' }]);
    const { isSound, restoreSqlite } = await import('./operations/backup.js');
    const { checked: copy, previous } = await restoreSqlite(file, url.slice('sqlite:'.length), new Date(), { keys: await auditKeys(config) });
    console.log(describeCopy(copy));
    if (!isSound(copy)) { console.error('Not restored: the backup did not pass its checks.'); return 1; }
    console.log(`Restored into ${url.slice('sqlite:'.length)}${previous ? `; the database it replaced is kept as ${previous}` : ''}`);
    return 0;
  },
  async 'audit-key'([action], config) {
    const { newAuditKeyText, parseAuditKey } = await import('./audit/audit-keys.js');
    if (action === 'new') {
      const key = newAuditKeyText();
      const { id, publicText } = parseAuditKey(key);
      console.log(`${key}\n# key ${id}; after rotating it away, keep this line in AUDIT_KEY to go on verifying its signatures:\n${publicText}`);
      return 0;
    }
    if (action === 'public') {
      const { signing } = await auditKeys(config);
      console.log(`${signing.publicText}\n# key ${signing.id}`);
      return 0;
    }
    throw new InvalidInputError([{ path: '', message: 'Say "audit-key new" or "audit-key public"' }]);
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const config = loadConfig();
  const fileCommand = name ? fileCommands[name] : undefined;
  if (fileCommand) return runFileCommand(fileCommand, args, config);
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(usage);
    return name ? 2 : 0;
  }
  const keys = await auditKeys(config);
  const [{ connect }, { migrate }, { anchorHistory }] = await Promise.all([import('./db/connect.js'), import('./db/migrate.js'), import('./audit/anchor.js')]);
  const db = connect(config.DATABASE_URL, connectionOptions(config));
  try {
    await migrate(db);
    await anchorHistory(db, keys, new Date(), notes);
    return await command(db, args, config);
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

async function runFileCommand(command: (args: string[], config: Config) => Promise<number>, args: string[], config: Config): Promise<number> {
  try {
    return await command(args, config);
  } catch (error) {
    if (error instanceof InvalidInputError) {
      for (const e of error.errors) console.error(`${e.path ? `${e.path}: ` : ''}${e.message}`);
      return 2;
    }
    console.error((error as Error).message);
    return 1;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // A bad setting (or a missing audit key in production) is a message for the operator, not a stack trace.
  if (error instanceof Error && error.message.startsWith('The configuration is not valid')) {
    console.error(error.message);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
