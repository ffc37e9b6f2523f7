import { z } from 'zod';
import { londonDate } from '../../workflows/plan.dates.js';
import type { User } from '../accounts/accounts.repository.js';
import type { Db } from '../db/connect.js';
import { date, form, SHORT_TEXT } from '../domain/fields.js';
import { toFieldErrors } from '../domain/events.js';
import { InvalidInputError } from './errors.js';
import { coverOf, endCover, setCover, type Cover } from './covers.repository.js';

// Naming a colleague to cover while you are away (DESIGN section 11): someone
// of your own role and organisation, active, between two dates. While it is in
// force they take part in every plan you take part in, and act as you there,
// except that nobody signs a document for someone else.

// The colleague is chosen from a drop-down: its message asks to select, as the question "Who will cover for you?".
const SELECT_DELEGATE = 'Select who will cover for you';

export const coverSchema = form({
  delegateId: z.string({ error: SELECT_DELEGATE }).trim().min(1, { error: SELECT_DELEGATE }).max(SHORT_TEXT, { error: SELECT_DELEGATE }),
  from: date('the first day of the cover'),
  to: date('the last day of the cover'),
});

export type CoverRequest = z.infer<typeof coverSchema>;

export async function nameCover(db: Db, user: User, input: unknown, now: Date): Promise<Cover> {
  const parsed = coverSchema.safeParse(input);
  if (!parsed.success) throw new InvalidInputError(toFieldErrors(parsed.error));
  const { delegateId, from, to } = parsed.data;
  const errors: Array<{ path: string; message: string }> = [];
  const delegate = await db.kysely.selectFrom('users').select(['id', 'role', 'organisation_id', 'deactivated_at'])
    .where('id', '=', delegateId).executeTakeFirst();
  if (delegateId === user.id) errors.push({ path: 'delegateId', message: 'Choose a colleague: you cannot cover for yourself' });
  else if (!delegate || delegate.organisation_id !== user.organisationId || delegate.role !== user.role || delegate.deactivated_at) {
    errors.push({ path: 'delegateId', message: `Choose an active colleague who is also a ${user.role === 'rdLead' ? 'R&D lead' : user.role} in your organisation` });
  }
  if (to < from) errors.push({ path: 'to', message: 'The last day of the cover must be on or after its first day' });
  else if (to < londonDate(now.toISOString())) errors.push({ path: 'to', message: 'The last day of the cover must be today or later' });
  if (errors.length) throw new InvalidInputError(errors);
  const cover = { userId: user.id, delegateId, startsOn: from, endsOn: to };
  await setCover(db.kysely, cover, now.toISOString());
  return cover;
}

export const currentCover = (db: Db, user: User) => coverOf(db.kysely, user.id);
export const stopCover = (db: Db, user: User) => endCover(db.kysely, user.id);

/** Colleagues who could cover: same role and organisation, active, not the person themselves. */
export async function colleagues(db: Db, user: User) {
  return db.kysely.selectFrom('users').select(['id', 'name']).where('organisation_id', '=', user.organisationId)
    .where('role', '=', user.role).where('id', '!=', user.id).where('deactivated_at', 'is', null).orderBy('name').execute();
}
