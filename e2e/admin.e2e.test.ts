import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/accounts/accounts.service.js';
import { deliverPending, smtpMailer } from '../src/notifications/sender.js';
import { startSmtp, type TestSmtp } from '../test/notifications/smtp-server.js';
import { Audit } from './support/axe.js';
import { banner, click, heading, launchBrowser, openContext, signIn, visit, type Session } from './support/browser.js';
import { PASSWORD, type Person } from './support/people.js';
import { startServer, type E2eServer } from './support/server.js';

// A trust runs the service without a developer: its administrator invites a
// new manager, who follows the link in the email (from a real SMTP server),
// chooses a password and signs in; later the administrator deactivates the
// account and the manager is signed out at their next click. Every admin and
// account page on the way is screenshotted and checked with axe at WCAG 2.2
// AA and at 320 pixels wide.

const admin: Person = { name: 'Chris Lee', email: 'chris.lee@northshire.nhs.uk', role: 'admin' };
const newManager = { name: 'Jordan Blake', email: 'jordan.blake@northshire.nhs.uk' };
const MANAGER_PASSWORD = 'harbour violet kettle';

let server: E2eServer;
let smtp: TestSmtp;
let browser: Browser;
let asAdmin: Session;
let asManager: Session;
const audit = new Audit('admin', 200);
const look = (page: Page, name: string) => audit.check(page, name);

/** Hand the queued emails to the SMTP server, as the background sender would; returns the newest to `to`. */
async function mailTo(to: string): Promise<string> {
  const mailer = smtpMailer({ SMTP_URL: smtp.url, MAIL_FROM: server.config.MAIL_FROM });
  await deliverPending({ db: server.db, clock: () => new Date(), config: server.config }, mailer, 'e2e');
  mailer.close();
  const mail = smtp.received.filter((m) => m.to.includes(to)).at(-1);
  if (!mail) throw new Error(`No email to ${to}`);
  return mail.text;
}

const pathOfLink = (text: string, prefix: string) => {
  const found = new RegExp(`https?://[^\\s]+(${prefix}/[\\w.-]+)`).exec(text);
  if (!found) throw new Error(`No ${prefix} link in the email:\n${text}`);
  return found[1]!;
};

describe('administration, invitations and deactivation in a real browser', () => {
  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startServer({ SMTP_URL: smtp.url });
    await createUser(server.db, { ...admin, organisation: server.people.trust, password: PASSWORD });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.stop();
    audit.report();
  });

  it('an administrator invites a new manager', async () => {
    asAdmin = await openContext(browser, server.base, admin);
    await signIn(asAdmin);
    const { page } = asAdmin;
    await click(page, page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Administration' }));
    expect(await heading(page)).toBe('Administration');
    await look(page, 'admin-index');
    await click(page, page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Users' }));
    await look(page, 'admin-users');
    await click(page, page.getByRole('button', { name: 'Invite someone' }));
    await look(page, 'admin-invite');

    // Sent empty: every message at its field, nothing created.
    const refused = await click(page, page.getByRole('button', { name: 'Send the invitation' }));
    expect(refused.status()).toBe(422);
    await look(page, 'admin-invite-errors');

    await page.getByLabel('Full name').fill(newManager.name);
    await page.getByLabel('Email address').fill(newManager.email);
    await page.getByRole('group', { name: 'Role' }).getByLabel('Manager', { exact: true }).check();
    await page.getByLabel('Organisation').selectOption({ label: `${server.people.trust} (NHS trust)` });
    await click(page, page.getByRole('button', { name: 'Send the invitation' }));
    expect(await banner(page)).toContain(`Invitation sent to ${newManager.name}`);
    await look(page, 'admin-user-invited');
  });

  it('the manager follows the emailed link, chooses a password and signs in', async () => {
    const email = await mailTo(newManager.email);
    expect(email).toContain('Set up your account:');
    const link = pathOfLink(email, '/invitations');
    asManager = await openContext(browser, server.base, { ...newManager, role: 'manager' });
    const { page } = asManager;
    await visit(page, link);
    expect(await heading(page)).toBe('Set up your account');
    await look(page, 'invitation');

    await page.getByLabel('Choose a password', { exact: true }).fill('password12345');
    const weak = await click(page, page.getByRole('button', { name: 'Set up your account' }));
    expect(weak.status()).toBe(422);
    await look(page, 'invitation-weak-password');

    await page.getByLabel('Choose a password', { exact: true }).fill(MANAGER_PASSWORD);
    await click(page, page.getByRole('button', { name: 'Set up your account' }));
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await banner(page)).toContain('Your account is set up');
    await look(page, 'sign-in-account-ready');

    await page.getByLabel('Email address').fill(newManager.email);
    await page.getByLabel('Password', { exact: true }).fill(MANAGER_PASSWORD);
    await click(page, page.getByRole('button', { name: 'Sign in' }));
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('header').innerText()).toContain(newManager.name);

    // The link worked once.
    await visit(page, link);
    expect(await heading(page)).toBe('This link has already been used');
    await look(page, 'invitation-used');
  });

  it('the manager changes their password, and the forgotten-password pages answer', async () => {
    const { page } = asManager;
    await visit(page, '/');
    await click(page, page.getByRole('link', { name: 'Password' }));
    await look(page, 'account-password');
    await page.getByLabel('Current password', { exact: true }).fill('not it');
    await page.getByLabel('New password', { exact: true }).fill('amber tractor puddle');
    expect((await click(page, page.getByRole('button', { name: 'Change your password' }))).status()).toBe(422);
    await look(page, 'account-password-errors');

    const visitor = await openContext(browser, server.base, { ...newManager, role: 'manager' });
    await visit(visitor.page, '/sign-in');
    await click(visitor.page, visitor.page.getByRole('link', { name: 'Forgotten your password?' }));
    await look(visitor.page, 'forgotten-password');
    await visitor.page.getByLabel('Email address').fill(newManager.email);
    await click(visitor.page, visitor.page.getByRole('button', { name: 'Send the link' }));
    expect(await heading(visitor.page)).toBe('Check your email');
    await look(visitor.page, 'forgotten-password-sent');
    await visit(visitor.page, pathOfLink(await mailTo(newManager.email), '/reset-password'));
    expect(await heading(visitor.page)).toBe('Choose a new password');
    await look(visitor.page, 'reset-password');
    await visitor.context.close();
  });

  it('the other admin pages: organisations, a role, the log', async () => {
    const { page } = asAdmin;
    await visit(page, '/admin/organisations');
    await look(page, 'admin-organisations');
    await click(page, page.getByRole('button', { name: 'Add an organisation' }));
    await look(page, 'admin-organisation-new');
    await visit(page, '/admin/organisations');
    await click(page, page.locator('main a[href^="/admin/organisations/"]', { hasText: server.people.university }));
    await look(page, 'admin-organisation-change');
    await visit(page, '/admin/users?q=jordan');
    await click(page, page.getByRole('link', { name: newManager.name }));
    await look(page, 'admin-user');
    await click(page, page.getByRole('link', { name: 'Change role' }));
    await look(page, 'admin-user-role');
    await visit(page, '/admin/log');
    expect(await page.locator('main').innerText()).toContain(`Invited ${newManager.name}`);
    await look(page, 'admin-log');
  });

  it('a deactivated manager is signed out at their next request', async () => {
    const { page } = asAdmin;
    await visit(page, '/admin/users?q=jordan');
    await click(page, page.getByRole('link', { name: newManager.name }));
    await click(page, page.getByRole('button', { name: 'Deactivate the account' }));
    expect(await heading(page)).toBe(`Deactivate ${newManager.name}'s account?`);
    await look(page, 'admin-deactivate');
    await click(page, page.getByRole('button', { name: 'Deactivate the account' }));
    expect(await banner(page)).toContain('deactivated and they are signed out');
    await look(page, 'admin-user-deactivated');

    const manager = asManager.page;
    await visit(manager, '/');
    expect(new URL(manager.url()).pathname).toBe('/sign-in');
    await manager.getByLabel('Email address').fill(newManager.email);
    await manager.getByLabel('Password', { exact: true }).fill(MANAGER_PASSWORD);
    const refused = await click(manager, manager.getByRole('button', { name: 'Sign in' }));
    expect(refused.status()).toBe(403);
    expect(await manager.locator('.nhsuk-error-summary').innerText()).toContain('Your account has been deactivated');
    await look(manager, 'sign-in-deactivated');
  });

  it('every page checked is accessible and reflows at 320 pixels', () => {
    expect(audit.checked).toBeGreaterThanOrEqual(20);
    audit.expectClean();
  });
});
