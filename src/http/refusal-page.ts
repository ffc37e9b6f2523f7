import type { Context } from 'hono';
import type { User } from '../accounts/accounts.repository.js';
import { statusFor } from '../dashboard/dashboard.presenter.js';
import { holderFor, personFor, type PlanPeople } from '../dashboard/reader.js';
import type { UserEventType } from '../domain/events.js';
import { NOT_NOW, PlanError, type NotAllowedError } from '../plans/errors.js';
import { formatDate } from '../presenters/format.js';
import { namesOf } from '../presenters/people.js';
import { availableEvents, explainRefusal, progressEvents } from '../../workflows/plan.decide.js';
import { eventLabels, stepLabels } from '../../workflows/plan.labels.js';
import { statusOf, type PlanSnapshot } from '../../workflows/plan.status.js';
import type { Actor, PlanEvent } from '../../workflows/plan.types.js';
import { actorOf, type AppEnv } from './context.js';
import { eventHref, planHref } from './links.js';
import { renderPage } from './render.js';

// The page for "you cannot do that now" on a plan: why (the machine's own
// explanation when it gave one, else who may do it at this step), where the
// plan is, who has it and what they are being asked to do, what the reader
// can do instead, and the way back to the plan. Everything is asked of the
// machine for this plan's snapshot, as the plan page asks it.

type Role = 'clinician' | 'manager' | 'supervisor' | 'rdLead' | 'admin';
const ROLES: Role[] = ['clinician', 'manager', 'supervisor', 'rdLead', 'admin'];

/** The person of the plan in a role, as the machine would see them act (any R&D lead or administrator of its trust). */
function actorFor(snapshot: PlanSnapshot, role: Role): Actor | null {
  const { context } = snapshot;
  const userId = role === 'clinician' ? context.clinicianId : role === 'manager' ? context.managerId : role === 'supervisor' ? context.supervisorId : role;
  return userId ? { userId, role, organisationId: context.organisationId } : null;
}

/** Who a role is, for the reader: a named person of the plan, or any R&D lead or administrator of the trust. */
function roleFor(reader: User, people: PlanPeople, role: Role): string {
  if (role === 'rdLead') return reader.role === 'rdLead' ? 'you' : 'an R&D lead of the trust';
  if (role === 'admin') return reader.role === 'admin' ? 'you' : 'an administrator of the trust';
  return personFor(reader, people, role);
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const either = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);

function why(reader: User, people: PlanPeople, snapshot: PlanSnapshot, actor: Actor, error: NotAllowedError, type: UserEventType | null, at: string): string {
  if (error.message !== NOT_NOW) return error.message;
  if (!type) return 'It is not something you can do at this step of the plan.';
  // A form refused before anything was sent: the machine's own reason, when it has one for this person and step.
  // (Only a "no" for who and when is asked here; that needs none of the event's data.)
  if (!availableEvents(snapshot, actor).includes(type)) {
    const refusal = explainRefusal(snapshot, { type, actor, at } as PlanEvent);
    if (refusal.kind === 'forbidden' && refusal.detail) return refusal.detail;
  }
  const allowed = ROLES.filter((role) => {
    const actor = actorFor(snapshot, role);
    return actor && role !== reader.role && availableEvents(snapshot, actor).includes(type);
  });
  if (allowed.length === 0) return 'The plan is not at the step where this can be done.';
  return `At this step, only ${either(allowed.map((role) => roleFor(reader, people, role)))} can do this.`;
}

/** The refusal page for a 403 on one of a plan's pages, or null when the plan cannot be shown (the plain error page then). */
export async function refusalPage(c: Context<AppEnv>, error: NotAllowedError): Promise<Response | null> {
  const user = c.get('user');
  const match = /^\/plans\/([^/]+)(?:\/|$)/.exec(c.req.path);
  if (!user || !match) return null;
  const { plans, db } = c.get('services');
  let loaded;
  try {
    loaded = await plans.load(match[1]!, actorOf(user));
  } catch (failure) {
    if (failure instanceof PlanError) return null;
    throw failure;
  }
  const { snapshot } = loaded;
  const { context } = snapshot;
  const actor = loaded.actor ?? actorOf(user);
  const asked = error.event ?? /\/events\/([A-Z_]+)$/.exec(c.req.path)?.[1];
  const type = asked && asked in eventLabels ? (asked as UserEventType) : null;
  const names = await namesOf(db.kysely, [context.clinicianId, context.managerId, context.supervisorId]);
  const people: PlanPeople = {
    clinician: { id: context.clinicianId, name: names.get(context.clinicianId) ?? 'The clinician' },
    manager: { id: context.managerId, name: names.get(context.managerId) ?? 'The manager' },
    supervisor: { id: context.supervisorId, name: context.supervisorId ? names.get(context.supervisorId) ?? null : context.meeting?.supervisorName ?? null },
  };
  const status = statusOf(snapshot);
  const holder = holderFor(user, people, status.awaitingRole);
  const holderActor = status.awaitingRole ? actorFor(snapshot, status.awaitingRole as Role) : null;
  const theirMoves = holderActor && holder !== 'you' ? progressEvents(snapshot, holderActor).map((t) => lower(eventLabels[t].action)) : [];
  const yourMoves = progressEvents(snapshot, actor).map((t) => ({ text: eventLabels[t].action, href: eventHref(loaded.row.id, t) }));
  const step = status.step ? stepLabels[status.step].title : 'Closed';
  const where = statusFor(user, people, status.state, status.step);
  const rows = [
    { key: 'Step', value: step },
    // Said once: a status that is only the step's name adds nothing.
    ...(where === step ? [] : [{ key: 'Where it is', value: where }]),
    ...(holder ? [{ key: 'Waiting for', value: `${holder.charAt(0).toUpperCase()}${holder.slice(1)}, since ${formatDate(context.waitingSince)}` }] : []),
    ...(theirMoves.length ? [{ key: 'What they are asked to do', value: `${either(theirMoves).charAt(0).toUpperCase()}${either(theirMoves).slice(1)}` }] : []),
  ];
  return renderPage(c, 'refusal', {
    title: 'You cannot do this now', plan: { title: context.title, href: planHref(loaded.row.id) },
    why: why(user, people, snapshot, actor, error, type, c.get('services').clock().toISOString()), rows, yourMoves, closed: status.final,
  }, 403);
}
