import type { Services } from '../../src/http/context.js';
import type { TestApp } from '../support/app.js';

// Reading what the tests need from the outbox and the admin log.

/** The path of the newest email of this kind to this address (its link), or undefined. */
export async function emailedLink(services: Pick<Services, 'db'>, email: string, kind: 'invitation' | 'password-reset'): Promise<string | undefined> {
  const row = await services.db.kysely.selectFrom('notifications').select('path')
    .where('email', '=', email).where('kind', '=', kind).orderBy('seq', 'desc').executeTakeFirst();
  return row?.path;
}

export async function logActions(services: Pick<Services, 'db'>, subjectId: string): Promise<string[]> {
  const rows = await services.db.kysely.selectFrom('admin_events').select('action').where('subject_id', '=', subjectId).orderBy('at').execute();
  return rows.map((r) => r.action);
}

/** GET a page as a visitor (no session): returns the response and the visitor's cookie and form token. */
export async function visit(t: TestApp, path: string) {
  const res = await t.app.request(`http://localhost${path}`);
  const html = await res.text();
  const visitor = /plans_visitor_csrf=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? '';
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  return { res, html, visitor, token };
}

/** POST a form as a visitor, with the cookie and token a visit gave. */
export function postAsVisitor(t: TestApp, path: string, page: { visitor: string; token: string }, form: Record<string, string>) {
  return t.app.request(`http://localhost${path}`, {
    method: 'POST', headers: { cookie: `plans_visitor_csrf=${page.visitor}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: page.token, ...form }),
  });
}

/** Sign in through the page with any password; returns the response. */
export async function signInWith(t: TestApp, email: string, password: string) {
  const page = await visit(t, '/sign-in');
  return postAsVisitor(t, '/sign-in', page, { email, password, next: '/' });
}
