import { Hono, type Context } from 'hono';
import { adminLog } from '../accounts/admin-log.repository.js';
import { addOrganisation, changeOrganisation, organisationsWithCounts } from '../accounts/admin-organisations.service.js';
import { scopedOrganisation } from '../accounts/admin-scope.js';
import type { AppEnv } from '../http/context.js';
import { adminSections } from './admin-nav.js';
import { admin, adminsOnly, formValues, orForm, renderAdmin } from './admin-page.js';
import { kindItems, kindText, presentLogEntry } from './admin.presenter.js';
import { adminUserRoutes } from './admin-users.routes.js';

// The admin console at /admin, for the administrators of a trust: its
// sections, the organisations the trust administers, and the log of every
// administration action. Users are in admin-users.routes.ts.

type Ctx = Context<AppEnv>;
const LOG_PAGE = 50;
const toOrganisations = { href: '/admin/organisations', text: 'Back to organisations' };

const sectionHints: Record<string, string> = {
  users: 'Find people, invite them, change their role, and deactivate the accounts of people who leave.',
  organisations: 'Your trust and the universities and other organisations whose people you invite.',
  log: 'Every change made here, and every password set or reset: who, what, when, before and after.',
};

async function organisationForm(c: Ctx, id: string | null, values: Record<string, string>, errors: Record<string, string>, status = 200) {
  const org = id ? await scopedOrganisation(c.get('services').db.kysely, admin(c), id) : null;
  return renderAdmin(c, 'organisation-form', 'organisations', {
    title: org ? `Change ${org.name}` : 'Add an organisation', organisation: org && { id: org.id, name: org.name }, isOwn: org?.id === admin(c).organisationId,
    values: { name: values.name ?? org?.name ?? '', kind: values.kind ?? org?.kind ?? '' }, errors, kinds: kindItems(), backLink: toOrganisations,
  }, status);
}

export const adminRoutes = new Hono<AppEnv>()
  .use('/admin', adminsOnly())
  .use('/admin/*', adminsOnly())
  .get('/admin', (c) => renderAdmin(c, 'index', '', {
    title: 'Administration',
    sections: adminSections.map((s) => ({ ...s, hint: sectionHints[s.key] ?? '' })),
  }))
  .route('/', adminUserRoutes)
  .get('/admin/organisations', async (c) => {
    const me = admin(c);
    const rows = await organisationsWithCounts(c.get('services').db.kysely, me);
    const flash = c.req.query('done') === 'added' ? 'The organisation is added' : c.req.query('done') === 'changed' ? 'The organisation is changed' : null;
    return renderAdmin(c, 'organisations', 'organisations', {
      title: 'Organisations', flash,
      organisations: rows.map((o) => ({ href: `/admin/organisations/${o.id}`, name: o.name, kind: kindText(o.kind), people: Number(o.people), own: o.id === me.organisationId })),
    }, 200, true);
  })
  .get('/admin/organisations/new', (c) => organisationForm(c, null, {}, {}))
  .post('/admin/organisations', async (c) => {
    const values = await formValues(c);
    return orForm(async () => {
      await addOrganisation(c.get('services'), admin(c), { name: values.name, kind: values.kind });
      return c.redirect('/admin/organisations?done=added', 303);
    }, (errors) => organisationForm(c, null, values, errors, 422));
  })
  .get('/admin/organisations/:id', (c) => organisationForm(c, c.req.param('id'), {}, {}))
  .post('/admin/organisations/:id', async (c) => {
    const id = c.req.param('id');
    const values = await formValues(c);
    return orForm(async () => {
      await changeOrganisation(c.get('services'), admin(c), id, { name: values.name, kind: values.kind });
      return c.redirect('/admin/organisations?done=changed', 303);
    }, (errors) => organisationForm(c, id, values, errors, 422));
  })
  .get('/admin/log', async (c) => {
    const page = Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1);
    const rows = await adminLog(c.get('services').db.kysely, admin(c).organisationId, { limit: LOG_PAGE + 1, offset: (page - 1) * LOG_PAGE });
    const entries = rows.slice(0, LOG_PAGE).map(presentLogEntry);
    return renderAdmin(c, 'log', 'log', {
      title: 'Admin log', entries, page,
      previous: page > 1 ? { href: `/admin/log?page=${page - 1}`, text: 'Newer entries' } : null,
      next: rows.length > LOG_PAGE ? { href: `/admin/log?page=${page + 1}`, text: 'Older entries' } : null,
    }, 200, true);
  });
