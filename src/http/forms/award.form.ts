import type { Kysely } from 'kysely';
import { roleLabels } from '../../../workflows/plan.labels.js';
import type { Actor, PlanContext } from '../../../workflows/plan.types.js';
import type { Database } from '../../db/database.js';
import { reassignableRoles } from '../../domain/options.js';

// What the forms after the award, and R&D's handover form, offer the person on them.

/** The conditions this person may confirm now, as radio items; every condition, as summary rows. */
export function conditionsFor(context: PlanContext, actor: Actor) {
  const conditions = context.conditions ?? [];
  const mine = conditions.filter((c) => !c.confirmed && c.owner === actor.role);
  return {
    conditionItems: mine.map((c) => ({ value: c.key, text: c.text })),
    conditionRows: conditions.map((c) => ({ key: c.text, value: c.confirmed ? `Confirmed (${roleLabels[c.owner]})` : `Waiting for the ${roleLabels[c.owner]}` })),
  };
}

/** The people a plan's manager or supervisor role can be handed to: active managers of the trust, active supervisor accounts. */
export async function reassignChoices(db: Kysely<Database>, context: PlanContext) {
  const people = await db.selectFrom('users').innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.name', 'users.role', 'organisations.name as organisation'])
    .where('users.deactivated_at', 'is', null)
    .where((eb) => eb.or([
      eb.and([eb('users.role', '=', 'manager'), eb('users.organisation_id', '=', context.organisationId)]),
      eb('users.role', '=', 'supervisor'),
    ]))
    .orderBy('users.role').orderBy('users.name').execute();
  return {
    roleItems: Object.entries(reassignableRoles).map(([value, text]) => ({ value, text: `The ${text}` })),
    people: [{ value: '', text: 'Choose a person' }, ...people
      .filter((p) => p.id !== context.managerId && p.id !== context.supervisorId)
      .map((p) => ({ value: p.id, text: `${p.name} (${roleLabels[p.role as keyof typeof roleLabels]}, ${p.organisation})` }))],
  };
}
