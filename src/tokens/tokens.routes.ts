import { Hono } from 'hono';
import type { Context } from 'hono';
import { toFieldErrors } from '../domain/events.js';
import type { AppEnv } from '../http/context.js';
import { PageNotFoundError, requireAdmin } from '../http/admin-only.js';
import { readForm, type FormBody } from '../http/body.js';
import { errorsByField } from '../http/page-errors.js';
import { renderPage } from '../http/render.js';
import { adminNav } from '../admin/admin-nav.js';
import { formatDateTime } from '../presenters/format.js';
import { newTokenSchema, tokenScopes } from './token-scopes.js';
import { findToken, insertToken, listTokens, revokeToken } from './tokens.repository.js';

// /admin/tokens: an administrator's pages for the trust's API tokens. A new
// token is shown on the page that answers the form, once, and never again.

const scopeItems = Object.entries(tokenScopes).map(([value, hint]) => ({ value, text: value, hint }));
const back = { href: '/admin/tokens', text: 'Back to API tokens' };
const values = (form: FormBody) => [form.scopes ?? []].flat().filter((v): v is string => typeof v === 'string');

async function newTokenPage(c: Context<AppEnv>, input: { name: string; scopes: string[] }, errors: Record<string, string>, status = 200) {
  return renderPage(c, 'tokens/new', { title: 'Create an API token', values: input, errors, scopeItems, backLink: back }, status);
}

export const tokenRoutes = new Hono<AppEnv>()
  .get('/admin/tokens', async (c) => {
    const admin = requireAdmin(c, 'page');
    const rows = await listTokens(c.get('services').db.kysely, admin.organisationId);
    return renderPage(c, 'tokens/index', {
      title: 'API tokens', nav: adminNav('tokens'),
      flash: c.req.query('revoked') ? 'The token has been revoked. Systems using it can no longer read anything.' : null,
      tokens: rows.map((row) => ({
        id: row.id, name: row.name, scopes: row.scopes.split(' '), created: formatDateTime(row.created_at), createdBy: row.created_by_name,
        lastUsed: row.last_used_at ? formatDateTime(row.last_used_at) : 'Never', revoked: row.revoked_at ? formatDateTime(row.revoked_at) : null,
      })),
    });
  })
  .get('/admin/tokens/new', (c) => {
    requireAdmin(c, 'page');
    return newTokenPage(c, { name: '', scopes: [] }, {});
  })
  .post('/admin/tokens', async (c) => {
    const admin = requireAdmin(c, 'page');
    const form = await readForm(c);
    const input = { name: typeof form.name === 'string' ? form.name : '', scopes: values(form) };
    const parsed = newTokenSchema.safeParse(input);
    if (!parsed.success) {
      const errors = errorsByField(toFieldErrors(parsed.error));
      // The API's message names the scopes; on the page they are the boxes just below it.
      if (errors.scopes) errors.scopes = 'Select at least one thing the token may read';
      return newTokenPage(c, input, errors, 422);
    }
    const { db, clock } = c.get('services');
    const created = await insertToken(db.kysely, { organisationId: admin.organisationId, createdBy: admin.id, at: clock().toISOString(), ...parsed.data });
    // The only time the token exists outside the system that will hold it: never stored by a browser or proxy.
    c.header('Cache-Control', 'no-store');
    return renderPage(c, 'tokens/created', { title: 'Your new API token', name: parsed.data.name, scopes: parsed.data.scopes, token: created.token, backLink: back });
  })
  .get('/admin/tokens/:id/revoke', async (c) => {
    const admin = requireAdmin(c, 'page');
    const token = await findToken(c.get('services').db.kysely, admin.organisationId, c.req.param('id'));
    if (!token || token.revoked_at) throw new PageNotFoundError();
    return renderPage(c, 'tokens/revoke', { title: `Revoke ${token.name}`, token, backLink: back });
  })
  .post('/admin/tokens/:id/revoke', async (c) => {
    const admin = requireAdmin(c, 'page');
    const { db, clock } = c.get('services');
    if (!(await revokeToken(db.kysely, admin.organisationId, c.req.param('id'), clock().toISOString()))) throw new PageNotFoundError();
    return c.redirect('/admin/tokens?revoked=1', 303);
  });
