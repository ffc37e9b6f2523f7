import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../src/accounts/accounts.repository.js';
import { verifyPassword } from '../src/accounts/password.js';
import { openTestDb, type TestDb } from './support/databases.js';
import { PROCESS_TEST_TIMEOUT, runTs } from './support/processes.js';

describe('the operations command line', () => {
  let t: TestDb;
  beforeAll(async () => { t = await openTestDb('sqlite'); });
  afterAll(() => t.cleanup());

  const cli = (...args: string[]) => runTs('src/cli.ts', args, { DATABASE_URL: t.url });

  it('adds an organisation and prints its id on a line of its own', async () => {
    const { code, stdout } = await cli('add-org', '--name', 'Westmoor NHS Trust', '--kind', 'nhs-trust');
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);
    const org = await t.db.kysely.selectFrom('organisations').selectAll().where('id', '=', stdout.trim()).executeTakeFirst();
    expect(org).toMatchObject({ name: 'Westmoor NHS Trust', kind: 'nhs-trust' });
  }, PROCESS_TEST_TIMEOUT);

  it("adds a university administered by a trust, named by --trust", async () => {
    await cli('add-org', '--name', 'Hillside NHS Trust', '--kind', 'nhs-trust');
    const { code, stdout } = await cli('add-org', '--name', 'Hillside University', '--kind', 'university', '--trust', 'Hillside NHS Trust');
    expect(code).toBe(0);
    const trust = await t.db.kysely.selectFrom('organisations').select('id').where('name', '=', 'Hillside NHS Trust').executeTakeFirstOrThrow();
    const org = await t.db.kysely.selectFrom('organisations').selectAll().where('id', '=', stdout.trim()).executeTakeFirst();
    expect(org).toMatchObject({ kind: 'university', trust_id: trust.id });
    expect((await cli('add-org', '--name', 'Nowhere University', '--kind', 'university', '--trust', 'No Such Trust')).code).toBe(2);
    // A university of a database from before 1.1, given to a trust afterwards.
    await cli('add-org', '--name', 'Lowfield NHS Trust', '--kind', 'nhs-trust');
    await cli('add-org', '--name', 'Hillside Medical School', '--kind', 'university', '--trust', 'Lowfield NHS Trust');
    expect((await cli('set-trust', '--org', 'Hillside Medical School', '--trust', 'Hillside NHS Trust')).code).toBe(0);
    const school = await t.db.kysely.selectFrom('organisations').selectAll().where('name', '=', 'Hillside Medical School').executeTakeFirst();
    expect(school?.trust_id).toBe(trust.id);
  }, PROCESS_TEST_TIMEOUT);

  it('adds a user to an organisation named by its exact name, with a hashed password', async () => {
    await cli('add-org', '--name', 'Eastfield University', '--kind', 'university');
    const { code, stdout } = await cli('add-user', '--email', 'Dana.Cole@Eastfield.ac.uk', '--name', 'Dr Dana Cole',
      '--role', 'supervisor', '--org', 'Eastfield University', '--password', 'a-long-enough-password');
    expect(code).toBe(0);
    const user = await findUserByEmail(t.db.kysely, 'dana.cole@eastfield.ac.uk');
    expect(user).toMatchObject({ id: stdout.trim(), role: 'supervisor', name: 'Dr Dana Cole' });
    expect(user!.password_hash).not.toContain('a-long-enough-password');
    expect(await verifyPassword('a-long-enough-password', user!.password_hash)).toBe(true);
  }, PROCESS_TEST_TIMEOUT);

  it('says plainly what is wrong with bad input, exits non-zero and adds nothing', async () => {
    const before = await t.db.kysely.selectFrom('users').select('id').execute();
    const { code, stderr } = await cli('add-user', '--email', 'not-an-email', '--name', 'X', '--role', 'boss', '--org', 'Nowhere', '--password', 'short');
    expect(code).toBe(2);
    expect(stderr).toContain('There is no organisation with the id or name "Nowhere"');
    const second = await cli('add-org', '--name', 'Westmoor NHS Trust', '--kind', 'nhs-trust');
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('An organisation called "Westmoor NHS Trust" already exists');
    const third = await cli('add-user', '--email', 'x@y', '--name', 'X', '--role', 'boss', '--org', 'Westmoor NHS Trust', '--password', 'short');
    expect(third.stderr).toContain('--role: Select a role');
    expect(third.stderr).toContain('--password: The password must be 12 characters or more');
    expect(await t.db.kysely.selectFrom('users').select('id').execute()).toEqual(before);
  }, PROCESS_TEST_TIMEOUT);

  it('refuses to ask for a password when there is no terminal', async () => {
    const { code, stderr } = await cli('add-user', '--email', 'a@b.nhs.uk', '--name', 'A', '--role', 'clinician', '--org', 'Westmoor NHS Trust');
    expect(code).toBe(2);
    expect(stderr).toContain('Give --password when not running at a terminal');
  }, PROCESS_TEST_TIMEOUT);

  it('lists its commands for an unknown one', async () => {
    const { code, stderr } = await cli('frobnicate');
    expect(code).toBe(2);
    expect(stderr).toContain('add-org');
  }, PROCESS_TEST_TIMEOUT);
});
