import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAuditKey } from '../../src/audit/audit-keys.js';
import { loadAuditKeys } from '../../src/audit/load-audit-keys.js';
import { loadConfig } from '../../src/config.js';
import { PROCESS_TEST_TIMEOUT, runTs } from '../support/processes.js';

// Where the audit key comes from, and what happens without one: production
// refuses to start; development makes a key once, in a file, and says so.

describe('the audit key', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plans-keys-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const settings = (env: Record<string, string>) => loadConfig({ AUDIT_KEY: '', ...env });

  it('in development, without a key, makes one in AUDIT_KEY_FILE, says so, and reads the same one afterwards', () => {
    const file = path.join(dir, 'dev', 'audit.key');
    const warnings: object[] = [];
    const first = loadAuditKeys(settings({ AUDIT_KEY_FILE: file }), { warn: (fields) => { warnings.push(fields); } });
    expect(warnings).toEqual([{ keyId: first.signing.id, file }]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const second = loadAuditKeys(settings({ AUDIT_KEY_FILE: file }), { warn: () => { throw new Error('no second warning'); } });
    expect(second.signing.id).toBe(first.signing.id);
  });

  it('in production, without a key, refuses with a message saying what to set', () => {
    const config = settings({ NODE_ENV: 'production', AUDIT_KEY_FILE: path.join(dir, 'missing.key') });
    expect(() => loadAuditKeys(config, { warn: () => undefined })).toThrow(/AUDIT_KEY: the audit signing key is missing\. In production set AUDIT_KEY/);
    expect(fs.existsSync(path.join(dir, 'missing.key'))).toBe(false);
  });

  it.each([
    ['ed25519:short', 'an ed25519: key must be 32 bytes in base64url'],
    ['rsa:abc', 'each audit key must start with ed25519: (to sign) or ed25519-public: (to verify only)'],
    [parseAuditKey('ed25519:oe4PMRI7hpvJw2JQVzGqkEtqAmoBaHK726L5Cvwz-q4').publicText, 'the first audit key signs new events, so it must be a private key (ed25519:…)'],
  ])('refuses AUDIT_KEY=%s with a clear message', (key, message) => {
    expect(() => loadAuditKeys(settings({ AUDIT_KEY: key }), { warn: () => undefined })).toThrow(`AUDIT_KEY: ${message}`);
  });

  it('the server refuses to start in production without a key, and names the setting', async () => {
    const { code, stdout, stderr } = await runTs('src/server.ts', [], {
      NODE_ENV: 'production', AUDIT_KEY: '', AUDIT_KEY_FILE: path.join(dir, 'none.key'), DATABASE_URL: `sqlite:${path.join(dir, 'app.db')}`, PORT: '0',
    });
    expect(code).toBe(2);
    expect(stdout + stderr).toContain('the audit signing key is missing');
    expect(fs.existsSync(path.join(dir, 'app.db'))).toBe(false);
  }, PROCESS_TEST_TIMEOUT);
});
