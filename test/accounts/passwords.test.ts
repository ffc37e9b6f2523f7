import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCommonPassword, passwordProblem } from '../../src/accounts/password-rules.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { PASSWORD } from '../support/world.js';
import { emailedLink, logActions, postAsVisitor, signInWith, visit } from '../admin/helpers.js';

// A person's own password: changing it when signed in, and a forgotten one
// reset through a single-use link that works for 60 minutes.

const NEW_PASSWORD = 'granite orchard bicycle';

describe('password rules (NCSC: length, not a common password, no complexity rules)', () => {
  it('accepts three random words and refuses what is short or common', () => {
    expect(passwordProblem('copper lantern meadow', 'a@b.nhs.uk')).toBeNull();
    expect(passwordProblem('lowercaseonlylongenough', 'a@b.nhs.uk')).toBeNull();
    expect(passwordProblem('Sh0rt!', 'a@b.nhs.uk')).toMatch(/12 characters or more/);
    expect(passwordProblem('1qaz2wsx3edc', 'a@b.nhs.uk')).toMatch(/many people use/);
    expect(passwordProblem('Password123456!', 'a@b.nhs.uk')).toMatch(/many people use/);
    expect(passwordProblem('aaaaaaaaaaaaaa', 'a@b.nhs.uk')).toMatch(/one character repeated/);
    expect(passwordProblem('sam.patel@nhs.net', 'sam.patel@nhs.net')).toMatch(/email address/);
    expect(isCommonPassword('iloveyou')).toBe(true);
  });
});

describe.each(databaseKinds)('passwords (%s)', (kind) => {
  let t: TestApp;
  beforeEach(async () => { t = await buildTestApp(kind); });
  afterEach(async () => { await t.cleanup(); });

  it('changing it needs the current password, keeps this session and ends the others', async () => {
    const here = await t.signIn(t.world.clinician);
    const elsewhere = await t.signIn(t.world.clinician);
    const wrong = await here.post('/account/password', { currentPassword: 'not my password', newPassword: NEW_PASSWORD });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('Your current password is not right');
    const weak = await here.post('/account/password', { currentPassword: PASSWORD, newPassword: 'password12345' });
    expect(await weak.text()).toContain('many people use');

    const done = await here.post('/account/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(done.headers.get('location')).toBe('/account/password?changed=1');
    expect((await here.get('/')).status).toBe(200);
    expect((await elsewhere.get('/')).status).toBe(303);
    expect((await signInWith(t, t.world.clinician.email, PASSWORD)).status).toBe(401);
    expect((await signInWith(t, t.world.clinician.email, NEW_PASSWORD)).status).toBe(303);
    expect(await logActions(t.services, t.world.clinician.id)).toEqual(['password.changed']);
  });

  it('a forgotten password gets the same answer whether or not the address has an account', async () => {
    const page = await visit(t, '/forgotten-password');
    const known = await postAsVisitor(t, '/forgotten-password', page, { email: t.world.clinician.email });
    const unknown = await postAsVisitor(t, '/forgotten-password', page, { email: 'nobody@northshire.nhs.uk' });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const strip = (html: string, email: string) => html.replaceAll(email, 'EMAIL');
    expect(strip(await known.text(), t.world.clinician.email)).toBe(strip(await unknown.text(), 'nobody@northshire.nhs.uk'));
    expect(await emailedLink(t.services, t.world.clinician.email, 'password-reset')).toBeDefined();
    expect(await emailedLink(t.services, 'nobody@northshire.nhs.uk', 'password-reset')).toBeUndefined();
    expect((await visit(t, '/sign-in')).html).toContain('href="/forgotten-password"');
  });

  it('sends at most 3 links an hour to one address', async () => {
    const page = await visit(t, '/forgotten-password');
    const ask = () => postAsVisitor(t, '/forgotten-password', page, { email: t.world.clinician.email });
    for (let i = 0; i < 5; i++) expect((await ask()).status).toBe(200);
    const count = async () => (await t.services.db.kysely.selectFrom('notifications').select('id').where('kind', '=', 'password-reset').execute()).length;
    expect(await count()).toBe(3);
    t.clock.advance(3600_000 + 1000);
    await ask();
    expect(await count()).toBe(4);
  });

  it('the reset link sets a new password once, ends every session, and runs out after 60 minutes', async () => {
    const session = await t.signIn(t.world.clinician);
    const page = await visit(t, '/forgotten-password');
    await postAsVisitor(t, '/forgotten-password', page, { email: t.world.clinician.email });
    const link = (await emailedLink(t.services, t.world.clinician.email, 'password-reset'))!;
    const form = await visit(t, link);
    expect(form.res.status).toBe(200);
    expect((await postAsVisitor(t, link, form, { password: NEW_PASSWORD })).headers.get('location')).toBe('/sign-in?passwordReset=1');
    expect((await session.get('/')).status).toBe(303);
    expect((await signInWith(t, t.world.clinician.email, NEW_PASSWORD)).status).toBe(303);
    expect((await visit(t, link)).res.status).toBe(410);

    await postAsVisitor(t, '/forgotten-password', page, { email: t.world.clinician.email });
    const later = (await emailedLink(t.services, t.world.clinician.email, 'password-reset'))!;
    t.clock.advance(61 * 60_000);
    const expired = await visit(t, later);
    expect(expired.res.status).toBe(410);
    expect(expired.html).toContain('Ask for a new link');
    expect(await logActions(t.services, t.world.clinician.id)).toEqual(['password.reset-requested', 'password.reset', 'password.reset-requested']);
  });

  it('a sent email keeps no working link in the outbox', async () => {
    const { startSmtp } = await import('../notifications/smtp-server.js');
    const { deliverPending, smtpMailer } = await import('../../src/notifications/sender.js');
    const smtp = await startSmtp();
    try {
      const page = await visit(t, '/forgotten-password');
      await postAsVisitor(t, '/forgotten-password', page, { email: t.world.clinician.email });
      const link = (await emailedLink(t.services, t.world.clinician.email, 'password-reset'))!;
      const mailer = smtpMailer({ SMTP_URL: smtp.url, MAIL_FROM: 'plans@localhost' });
      await deliverPending(t.services, mailer, 'test');
      mailer.close();
      expect(smtp.received[0]!.text).toContain(`Choose a new password: http://localhost:3000${link}`);
      expect(await emailedLink(t.services, t.world.clinician.email, 'password-reset')).toBe('/sign-in');
    } finally {
      await smtp.stop();
    }
  });
});
