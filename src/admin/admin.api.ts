import { Hono } from 'hono';
import { z } from 'zod';
import { openPlansOf } from '../accounts/admin-queries.js';
import { scopedUser } from '../accounts/admin-scope.js';
import { deactivateUser, inviteUser, reactivateUser } from '../accounts/admin-users.service.js';
import { statusOf } from '../accounts/accounts.repository.js';
import { inviteSchema } from '../domain/accounts.js';
import { readJsonObject } from '../http/api/request.js';
import type { AppEnv } from '../http/context.js';
import { requireUser } from '../http/render.js';
import { NotAllowedError } from '../plans/errors.js';

// The administration API (DESIGN section 12): invite, deactivate, reactivate.
// Only a trust's administrators; an account outside their trust is 404.

export const invitedSchema = z.object({ id: z.string(), invited: z.literal(true) });

export const accountStateSchema = z.object({
  id: z.string(), name: z.string(), email: z.string(), role: z.enum(['clinician', 'manager', 'rdLead', 'supervisor', 'admin']),
  organisationId: z.string(),
  status: z.enum(['invited', 'active', 'deactivated']),
  plansWaiting: z.array(z.object({
    id: z.string(), title: z.string(), part: z.enum(['clinician', 'manager', 'supervisor']),
    waitingOnThem: z.boolean().meta({ description: 'The plan waits on this person now.' }),
  })).meta({ description: "Open plans of the caller's trust in which the person takes part: R&D reassigns them when the person leaves." }),
});

const administrator = (c: Parameters<typeof requireUser>[0]) => {
  const user = requireUser(c);
  if (user.role !== 'admin') throw new NotAllowedError('Only administrators of a trust can manage accounts.');
  return user;
};

async function accountState(c: Parameters<typeof requireUser>[0], id: string): Promise<z.infer<typeof accountStateSchema>> {
  const me = administrator(c);
  const { db } = c.get('services');
  const user = await scopedUser(db.kysely, me, id);
  const plans = await openPlansOf(db.kysely, me.organisationId, id);
  return {
    id, name: user.name, email: user.email, role: user.role as 'admin', organisationId: user.organisation_id, status: statusOf(user),
    plansWaiting: plans.map(({ id: planId, title, part, waitingOnThem }) => ({ id: planId, title, part, waitingOnThem })),
  };
}

export const adminComponents = { AdminInvite: inviteSchema, AdminInvited: invitedSchema, AdminAccount: accountStateSchema };

export const adminApi = new Hono<AppEnv>()
  .post('/v1/admin/users', async (c) => {
    const me = administrator(c);
    const { id } = await inviteUser(c.get('services'), me, await readJsonObject(c));
    c.header('Location', `/api/v1/admin/users/${id}`);
    return c.json<z.infer<typeof invitedSchema>>({ id, invited: true }, 201);
  })
  .get('/v1/admin/users/:id', async (c) => c.json(await accountState(c, c.req.param('id'))))
  .post('/v1/admin/users/:id/deactivate', async (c) => {
    await deactivateUser(c.get('services'), administrator(c), c.req.param('id'));
    return c.json(await accountState(c, c.req.param('id')));
  })
  .post('/v1/admin/users/:id/reactivate', async (c) => {
    await reactivateUser(c.get('services'), administrator(c), c.req.param('id'));
    return c.json(await accountState(c, c.req.param('id')));
  });
