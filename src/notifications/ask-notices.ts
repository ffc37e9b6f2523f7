import { statusOf, type PlanSnapshot } from '../../workflows/plan.status.js';
import type { PlanContext } from '../../workflows/plan.types.js';
import { documentHref } from '../documents/documents.presenter.js';
import { documentNames } from '../documents/names.js';
import type { DocumentKind, Role } from '../domain/options.js';
import { DOCUMENT_AUTHORISATION, dueAtFor } from './due-dates.js';
import { agendaMessage, askFor, handoverMessage, signatureRequestMessage } from './messages.js';
import { conditionsAsk, conditionsMessage, reassignedToMessage } from './news-messages.js';
import type { Notice, NoticeInput } from './notice.js';
import { partyOf } from './recipients.js';
import { conditionsFor, pointsFor, topics, type Person } from './tasks.js';
import { startsNewWait } from './timers.js';

// What a change newly asks of people, each with the topic that marks it done
// later: the next wait of the plan, documents to authorise, conditions of the
// award, points of the agenda, and a plan handed to someone new.

export async function askNotices(input: NoticeInput): Promise<Notice[]> {
  return [
    ...await waitAsks(input), ...await signatureRequests(input), ...await conditionAsks(input),
    ...await pointAsks(input), ...await reassignAsks(input),
  ];
}

/** Whoever the plan now waits on, when this change started a new wait. */
async function waitAsks({ change, byName, planDueAt }: NoticeInput): Promise<Notice[]> {
  const { trx, event, after } = change;
  const { state, awaitingRole } = statusOf(after);
  const context = after.context;
  const notices: Notice[] = [];
  // Setting up the award asks each person for their conditions instead; training itself runs for years.
  const settingUp = after.matches({ awarded: 'settingUp' }) && context.conditions.some((c) => !c.confirmed);
  if (awaitingRole && startsNewWait(change) && !settingUp && state !== 'awarded.inTraining') {
    const message = handoverMessage(context, state, await byName(), event);
    const dueAt = await planDueAt();
    notices.push(...(await partyOf(trx, context, awaitingRole)).map((to): Notice => ({
      to, kind: 'handover', message, topic: topics.wait(state), asked: askFor(state), dueAt,
    })));
  }
  // R&D's return says "revise with your manager": the manager is asked too, and may propose the terms.
  if (event.type === 'RETURN_FOR_CHANGES') {
    const clinician = await trx.selectFrom('users').select('name').where('id', '=', context.clinicianId).executeTakeFirst();
    notices.push({
      to: { userId: context.managerId }, kind: 'handover', message: handoverMessage(context, state, await byName(), event),
      topic: topics.wait(state), asked: `agree revised terms with ${clinician?.name ?? 'the clinician'}, so the plan can go back to R&D`,
      dueAt: await planDueAt(),
    });
  }
  return notices;
}

/** Each signatory of each document this change issued, while the plan is open to authorisations. */
async function signatureRequests({ change, settings }: NoticeInput): Promise<Notice[]> {
  const { trx, planId, after } = change;
  // Documents are issued only by the machine's issueDocument action (src/documents/documents.extension.ts).
  if (after.status !== 'active' || !change.actions.some((a) => a.type === 'issueDocument')) return [];
  const issued = await trx.selectFrom('documents as d').innerJoin('document_signatures as s', 's.document_id', 'd.id')
    .select(['d.id', 'd.kind', 'd.number', 'd.issued_at', 's.user_id'])
    .where('d.plan_id', '=', planId).where('d.plan_version', '=', change.version).orderBy('d.kind').orderBy('s.position').execute();
  return issued.map((row): Notice => {
    const name = documentNames[row.kind as DocumentKind];
    return {
      to: { userId: row.user_id }, kind: 'document-authorisation', message: signatureRequestMessage(after.context, name, row.number),
      path: documentHref(planId, row.id), topic: topics.sign(row.kind), asked: `read and authorise the ${name}`,
      dueAt: dueAtFor(DOCUMENT_AUTHORISATION, row.issued_at, settings),
    };
  });
}

/** The people who may confirm conditions of the award (its clinician, its manager, the trust's R&D leads), and theirs. */
export async function conditionOwners(input: NoticeInput, snapshot: PlanSnapshot) {
  const { trx } = input.change;
  const context: PlanContext = snapshot.context;
  const rdLeads = await partyOf(trx, context, 'rdLead');
  const people: Person[] = [
    { userId: context.clinicianId, role: 'clinician', organisationId: context.organisationId },
    { userId: context.managerId, role: 'manager', organisationId: context.organisationId },
    ...rdLeads.flatMap((r) => ('userId' in r ? [{ userId: r.userId, role: 'rdLead' as Role, organisationId: context.organisationId }] : [])),
  ];
  return people.map((person) => ({ person, conditions: conditionsFor(snapshot, person) })).filter((o) => o.conditions.length > 0);
}

/** Entering the award's set-up asks each owner for their conditions; the last one confirmed asks for the start of training. */
async function conditionAsks(input: NoticeInput): Promise<Notice[]> {
  const { change, byName, planDueAt } = input;
  const { event, before, after } = change;
  if (after.matches({ awarded: 'settingUp' }) && !before.matches('awarded')) {
    const dueAt = await planDueAt();
    return (await conditionOwners(input, after)).map(({ person, conditions }): Notice => ({
      to: { userId: person.userId }, kind: 'conditions', message: conditionsMessage(after.context),
      topic: topics.conditions, asked: conditionsAsk(conditions), dueAt,
    }));
  }
  if (event.type === 'CONFIRM_CONDITION' && after.matches({ awarded: 'settingUp' }) && after.context.conditions.every((c) => c.confirmed)) {
    const state = 'awarded.settingUp';
    const message = handoverMessage(after.context, state, await byName(), event);
    const dueAt = await planDueAt();
    return [after.context.clinicianId, after.context.managerId].map((userId): Notice => ({
      to: { userId }, kind: 'handover', message, topic: topics.wait(state), asked: askFor(state), dueAt,
    }));
  }
  return [];
}

// No count: points proposed in one sitting are told once, and more may follow before the reader looks.
const pointsAsk = () => 'answer the points of the discussion waiting for you: agree, disagree, or propose again';

/** A point proposed waits on the other person; a point answered tells the person who proposed it, and asks if it came back to them. */
async function pointAsks({ change, byName, planDueAt, settings }: NoticeInput): Promise<Notice[]> {
  const { event, after, planId } = change;
  if (event.type !== 'PROPOSE_POINT' && event.type !== 'AGREE_POINT' && event.type !== 'DISPUTE_POINT') return [];
  const context = after.context;
  const otherRole: Role = event.actor.role === 'clinician' ? 'manager' : 'clinician';
  const other: Person = { userId: otherRole === 'clinician' ? context.clinicianId : context.managerId, role: otherRole, organisationId: context.organisationId };
  const waiting = pointsFor(after, other);
  const answered = event.type !== 'PROPOSE_POINT';
  const notice: Notice = { to: { userId: other.userId }, kind: 'agenda', message: agendaMessage(context, await byName(), answered), path: `/plans/${planId}/agenda` };
  if (!waiting.length) return answered ? [notice] : [];
  return [{ ...notice, topic: topics.points, asked: pointsAsk(), dueAt: (await planDueAt()) ?? dueAtFor('terms', event.at, settings) }];
}

/** The person a plan is handed to is told what they now hold, and asked what the plan asks of them. */
async function reassignAsks({ change, byName, planDueAt }: NoticeInput): Promise<Notice[]> {
  const { event, after } = change;
  if (event.type !== 'REASSIGN' || !event.target) return [];
  const person: Person = { userId: event.userId, role: event.role, organisationId: event.target.organisationId };
  const { state, awaitingRole } = statusOf(after);
  const notice: Notice = { to: { userId: person.userId }, kind: 'reassigned', message: reassignedToMessage(after.context, await byName(), event.role, event.reason) };
  const conditions = conditionsFor(after, person);
  const points = pointsFor(after, person);
  if (awaitingRole === event.role && !(conditions.length && after.matches('awarded'))) {
    return [{ ...notice, topic: topics.wait(state), asked: askFor(state), dueAt: await planDueAt() }];
  }
  if (conditions.length) return [{ ...notice, topic: topics.conditions, asked: conditionsAsk(conditions), dueAt: await planDueAt() }];
  if (points.length) return [{ ...notice, topic: topics.points, asked: pointsAsk(), dueAt: await planDueAt() }];
  return [notice];
}
