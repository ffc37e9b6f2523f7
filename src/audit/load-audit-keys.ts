import fs from 'node:fs';
import path from 'node:path';
import { isProduction, type Config } from '../config.js';
import type { Notes } from '../operations/logger.js';
import { AuditKeyError, newAuditKeyText, parseAuditKeys, type AuditKeys } from './audit-keys.js';

// Where the audit key comes from: AUDIT_KEY, else the file AUDIT_KEY_FILE.
// In production (NODE_ENV=production) a missing key stops the boot: signing
// with a key made up on the spot would anchor nothing anyone kept. Elsewhere a
// development key is made once, written to AUDIT_KEY_FILE, and the log says so.

type KeySettings = Pick<Config, 'AUDIT_KEY' | 'AUDIT_KEY_FILE' | 'NODE_ENV'>;

export function loadAuditKeys(config: KeySettings, logger: Pick<Notes, 'warn'>): AuditKeys {
  if (config.AUDIT_KEY) return parsed(config.AUDIT_KEY, 'AUDIT_KEY');
  const file = path.resolve(config.AUDIT_KEY_FILE);
  if (fs.existsSync(file)) return parsed(fs.readFileSync(file, 'utf8'), `AUDIT_KEY_FILE (${file})`);
  if (isProduction(config)) {
    throw new Error('The configuration is not valid:\n  AUDIT_KEY: the audit signing key is missing. In production set AUDIT_KEY, '
      + `or put the key in AUDIT_KEY_FILE (now ${file}); "npm run cli -- audit-key new" makes one.`);
  }
  const keys = parsed(createKeyFile(file), `AUDIT_KEY_FILE (${file})`);
  logger.warn({ keyId: keys.signing.id, file }, `No AUDIT_KEY: generated a development audit key in ${file}. Not for production: keep your own key outside the database (README, "Audit key")`);
  return keys;
}

function parsed(text: string, source: string): AuditKeys {
  try {
    return parseAuditKeys(text);
  } catch (error) {
    if (error instanceof AuditKeyError) throw new Error(`The configuration is not valid:\n  ${source}: ${error.message}`);
    throw error;
  }
}

/** Write a new key to `file`, unless another process got there first: then theirs is the key. */
function createKeyFile(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const draft = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(draft, `# Development audit key, made ${new Date().toISOString()}. Not for production.\n${newAuditKeyText()}\n`, { mode: 0o600 });
  try {
    fs.linkSync(draft, file);
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(draft, { force: true });
  }
  return fs.readFileSync(file, 'utf8');
}
