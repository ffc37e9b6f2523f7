import { Hono, type Context } from 'hono';
import { statusOf } from '../accounts/accounts.repository.js';
import { openPlansOf, searchUsers, SEARCH_LIMIT } from '../accounts/admin-queries.js';
import { scopedOrganisations, scopedUser } from '../accounts/admin-scope.js';
import { changeRole, deactivateUser, inviteUser, reactivateUser, resendInvitation } from '../accounts/admin-users.service.js';
import { openInvitation } from '../accounts/tokens.repository.js';
import { organisationKinds, roles } from '../domain/options.js';
import type { AppEnv } from '../http/context.js';
import { formatDateTime } from '../presenters/format.js';
import { admin, formValues, orForm, renderAdmin } from './admin-page.js';
import { presentPlanOfPerson, roleItems, roleText, statusTag } from './admin.presenter.js';

// /admin/users: find people, invite them, change their role, deactivate and
// reactivate them, and send a new invitation.

type Ctx = Context<AppEnv>;
const back = { href: '/admin/users', text: 'Back to users' };

const done: Record<string, (name: string) => string> = {
  invited: (name) => `Invitation sent to ${name}`,
  resent: (name) => `A new invitation was sent to ${name}. The link in the earlier email no longer works`,
  role: (name) => `${name}'s role is changed`,
  deactivated: (name) => `${name}'s account is deactivated and they are signed out`,
  reactivated: (name) => `${name}'s account is active again`,
  unchanged: () => 'Nothing was changed',
};

/** The API's messages name the values a program sends; a person choosing on the page is told in words. */
const onThePage = (errors: Record<string, string>) => ({
  ...errors,
  ...(errors.role ? { role: 'Select their role' } : {}),
  ...(errors.organisationId ? { organisationId: 'Select the organisation they belong to' } : {}),
});

async function inviteForm(c: Ctx, values: Record<string, string>, errors: Record<string, string>, status = 200) {
  const orgs = await scopedOrganisations(c.get('services').db.kysely, admin(c));
  return renderAdmin(c, 'user-invite', 'users', {
    title: 'Invite someone', values, errors, backLink: back, roles: roleItems(),
    organisations: [{ value: '', text: 'Choose an organisation' }, ...orgs.map((o) => ({ value: o.id, text: `${o.name} (${organisationKinds[o.kind as keyof typeof organisationKinds] ?? o.kind})` }))],
  }, status);
}

async function userPage(c: Ctx, id: string) {
  const { db, config } = c.get('services');
  const me = admin(c);
  const user = await scopedUser(db.kysely, me, id);
  const status = statusOf(user);
  const invitation = status === 'invited' ? await openInvitation(db.kysely, user.id) : undefined;
  const plans = (await openPlansOf(db.kysely, me.organisationId, user.id)).map(presentPlanOfPerson);
  const flash = done[c.req.query('done') ?? '']?.(user.name) ?? null;
  return renderAdmin(c, 'user', 'users', {
    title: user.name, person: {
      id: user.id, name: user.name, email: user.email, role: roleText(user.role), organisation: user.organisation_name,
      status: statusTag(status), isInvited: status === 'invited', neverActivated: user.activated_at === null, isDeactivated: status === 'deactivated', isSelf: user.id === me.id,
      since: formatDateTime(user.deactivated_at ?? user.activated_at ?? user.created_at),
      invitationExpires: invitation ? formatDateTime(invitation.expires_at) : null,
      invitationExpired: invitation ? invitation.expires_at <= c.get('services').clock().toISOString() : false,
    },
    details: [
      { key: 'Email address', value: user.email },
      { key: 'Role', value: roleText(user.role), ...(user.id === me.id || status === 'deactivated' ? {} : { href: `/admin/users/${user.id}/role` }) },
      { key: 'Organisation', value: user.organisation_name },
    ],
    plans, waitingCount: plans.filter((p) => p.waiting).length, sso: Boolean(config.OIDC_ISSUER), flash, backLink: back,
  });
}

async function roleForm(c: Ctx, id: string, values: Record<string, string>, errors: Record<string, string>, status = 200) {
  const me = admin(c);
  const { db } = c.get('services');
  const user = await scopedUser(db.kysely, me, id);
  const plans = (await openPlansOf(db.kysely, me.organisationId, user.id)).map(presentPlanOfPerson);
  return renderAdmin(c, 'user-role', 'users', {
    title: `Change ${user.name}'s role`, person: { id: user.id, name: user.name, role: roleText(user.role) },
    roles: roleItems(), values: { role: values.role ?? user.role }, errors, plans, backLink: { href: `/admin/users/${user.id}`, text: `Back to ${user.name}` },
  }, status);
}

export const adminUserRoutes = new Hono<AppEnv>()
  .get('/admin/users', async (c) => {
    const query = { q: c.req.query('q') ?? '', role: c.req.query('role') ?? '', status: c.req.query('status') ?? '' };
    const search = {
      q: query.q.slice(0, 200),
      ...(query.role in roles ? { role: query.role as keyof typeof roles } : {}),
      ...(['active', 'invited', 'deactivated'].includes(query.status) ? { status: query.status as 'active' } : {}),
    };
    const rows = await searchUsers(c.get('services').db.kysely, admin(c), search);
    const users = rows.slice(0, SEARCH_LIMIT).map((row) => ({
      href: `/admin/users/${row.id}`, name: row.name, role: roleText(row.role), organisation: row.organisation_name,
      // Split so a narrow column wraps the address at the @, not in the middle of a word.
      emailLocal: row.email.split('@')[0], emailDomain: row.email.slice(row.email.indexOf('@')),
      status: statusTag(statusOf(row)),
    }));
    return renderAdmin(c, 'users', 'users', {
      title: 'Users', users, more: rows.length > SEARCH_LIMIT, limit: SEARCH_LIMIT, values: query,
      searched: Boolean(query.q || query.role || query.status),
      roleFilter: [{ value: '', text: 'Any role' }, ...roleItems().map(({ value, text }) => ({ value, text }))],
      statusFilter: [{ value: '', text: 'Any' }, { value: 'active', text: 'Active' }, { value: 'invited', text: 'Invited' }, { value: 'deactivated', text: 'Deactivated' }],
    }, 200, true);
  })
  .get('/admin/users/new', (c) => inviteForm(c, {}, {}))
  .post('/admin/users', async (c) => {
    const values = await formValues(c);
    return orForm(async () => {
      const { id } = await inviteUser(c.get('services'), admin(c), values);
      return c.redirect(`/admin/users/${id}?done=invited`, 303);
    }, (errors) => inviteForm(c, values, onThePage(errors), 422));
  })
  .get('/admin/users/:id', (c) => userPage(c, c.req.param('id')))
  .get('/admin/users/:id/role', (c) => roleForm(c, c.req.param('id'), {}, {}))
  .post('/admin/users/:id/role', async (c) => {
    const id = c.req.param('id');
    const values = await formValues(c);
    return orForm(async () => {
      const changed = await changeRole(c.get('services'), admin(c), id, { role: values.role });
      return c.redirect(`/admin/users/${id}?done=${changed ? 'role' : 'unchanged'}`, 303);
    }, (errors) => roleForm(c, id, values, onThePage(errors), 422));
  })
  .get('/admin/users/:id/deactivate', async (c) => {
    const me = admin(c);
    const { db } = c.get('services');
    const user = await scopedUser(db.kysely, me, c.req.param('id'));
    const plans = (await openPlansOf(db.kysely, me.organisationId, user.id)).map(presentPlanOfPerson);
    return renderAdmin(c, 'user-deactivate', 'users', {
      title: `Deactivate ${user.name}'s account`, person: { id: user.id, name: user.name, isSelf: user.id === me.id },
      plans, backLink: { href: `/admin/users/${user.id}`, text: `Back to ${user.name}` },
    });
  })
  .post('/admin/users/:id/deactivate', async (c) => {
    const id = c.req.param('id');
    const changed = await deactivateUser(c.get('services'), admin(c), id);
    return c.redirect(`/admin/users/${id}?done=${changed ? 'deactivated' : 'unchanged'}`, 303);
  })
  .post('/admin/users/:id/reactivate', async (c) => {
    const id = c.req.param('id');
    const changed = await reactivateUser(c.get('services'), admin(c), id);
    return c.redirect(`/admin/users/${id}?done=${changed ? 'reactivated' : 'unchanged'}`, 303);
  })
  .post('/admin/users/:id/invitation', async (c) => {
    const id = c.req.param('id');
    await resendInvitation(c.get('services'), admin(c), id);
    return c.redirect(`/admin/users/${id}?done=resent`, 303);
  });
