import type { User } from '../../src/accounts/accounts.repository.js';
import { toCount } from '../../src/db/connect.js';
import type { Services } from '../../src/http/context.js';
import type { UserEventType } from '../../src/domain/events.js';
import { agreeAgenda } from '../support/agenda.js';
import { examples, idea, onTheDay } from '../support/examples.js';
import { actorOf, type World } from '../support/world.js';

// Moving plans along as the people would, and counting what the scheduler did.

export interface PlanRef {
  id: string;
  version: number;
}

export async function startPlan(services: Pick<Services, 'plans'>, world: World, title = 'Early mobilisation after hip fracture'): Promise<PlanRef> {
  const { id, version } = await services.plans.create(actorOf(world.clinician), { title, managerId: world.manager.id });
  return { id, version };
}

/** Send one event as this person (at the plan's current version: the scheduler may have moved it) with its example payload. */
export async function act(services: Pick<Services, 'plans'>, plan: PlanRef, who: User, type: UserEventType, payload?: object): Promise<PlanRef> {
  plan.version = (await services.plans.load(plan.id, actorOf(who))).row.version;
  const result = await services.plans.send(plan.id, actorOf(who), { type, version: plan.version, payload: onTheDay(type, payload ?? examples[type](1), services.plans.clock()) });
  plan.version = result.row.version;
  return plan;
}

/** A new plan, sent to the manager for agreement: the plan now waits on the manager. */
export async function planWaitingOnManager(services: Pick<Services, 'plans'>, world: World, title?: string): Promise<PlanRef> {
  const plan = await startPlan(services, world, title);
  await act(services, plan, world.clinician, 'UPDATE_IDEA', idea);
  await act(services, plan, world.clinician, 'SUBMIT_FOR_AGREEMENT', {});
  return plan;
}

/** A plan through agreement and terms: it now waits on the trust's R&D leads. */
export async function planWaitingOnRd(services: Pick<Services, 'plans'>, world: World): Promise<PlanRef> {
  const plan = await planWaitingOnManager(services, world);
  await act(services, plan, world.manager, 'AGREE_IN_PRINCIPLE');
  await agreeAgenda((who, type, payload) => act(services, plan, world[who], type, payload));
  await act(services, plan, world.clinician, 'PROPOSE_TERMS');
  await act(services, plan, world.manager, 'ACCEPT_TERMS', { termsVersion: 1 });
  return plan;
}

/** A plan signed off by R&D: the training agreement is issued, for the clinician, the manager and the R&D lead to authorise. */
export async function planSignedOff(services: Pick<Services, 'plans'>, world: World): Promise<PlanRef> {
  const plan = await planWaitingOnRd(services, world);
  await act(services, plan, world.rdLead, 'SIGN_OFF');
  return plan;
}

/** The scheduler's reminders to signatories, in order: to whom, about which document. */
export async function signatureReminderEvents(services: Pick<Services, 'db'>, planId: string) {
  const rows = await services.db.kysely.selectFrom('plan_events').select(['payload', 'at'])
    .where('plan_id', '=', planId).where('type', '=', 'REMIND_SIGNATORY').orderBy('seq').execute();
  return rows.map((r) => {
    const payload = JSON.parse(r.payload) as { kind: string; documentId: string; signatory: { userId: string } };
    return { kind: payload.kind, documentId: payload.documentId, userId: payload.signatory.userId, at: r.at };
  });
}

export async function reminderEvents(services: Pick<Services, 'db'>, planId: string): Promise<Array<{ kind: string; at: string }>> {
  const rows = await services.db.kysely.selectFrom('plan_events').select(['payload', 'at'])
    .where('plan_id', '=', planId).where('type', '=', 'SEND_REMINDER').orderBy('seq').execute();
  return rows.map((r) => ({ kind: (JSON.parse(r.payload) as { kind: string }).kind, at: r.at }));
}

export async function outbox(services: Pick<Services, 'db'>, planId: string, kind?: string) {
  let query = services.db.kysely.selectFrom('notifications').selectAll().where('plan_id', '=', planId);
  if (kind) query = query.where('kind', '=', kind);
  return query.orderBy('seq').execute();
}

export async function countRows(services: Pick<Services, 'db'>, table: 'notifications' | 'plan_timers'): Promise<number> {
  const row = await services.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return toCount(row.n as string | number);
}
