import type { Kysely } from 'kysely';
import { disagreementSince, pointsWaitingOn } from '../../workflows/plan.agenda.js';
import { progressEvents } from '../../workflows/plan.decide.js';
import { stateName, type PlanSnapshot } from '../../workflows/plan.status.js';
import type { Actor, PlanContext } from '../../workflows/plan.types.js';
import { isLegacyPlan } from '../../workflows/plan.versions.js';
import type { Database } from '../db/database.js';
import type { Role } from '../domain/options.js';

// What a notification asks of its reader, as a topic, and whether the plan
// still asks it: the rule that marks a notification done (README, decision
// "A notification is done when the plan no longer asks it"). Every answer
// comes from the machine (what the person may do to move the plan on, the
// points waiting on them, the conditions they may confirm) or from the
// signatures the documents still wait for.

/** Topics of things asked. Any other topic (such as `meeting`) only groups rows: the newest is listed. */
export const topics = {
  /** The plan waits on the reader in this state. */
  wait: (state: string) => `wait:${state}`,
  /** Points of the agenda wait for the reader's answer or new proposal. */
  points: 'points',
  /** The current version of this kind of document waits for the reader's signature. */
  sign: (kind: string) => `sign:${kind}`,
  /** Conditions of the award the reader may confirm. */
  conditions: 'conditions',
  /** Escalated to the reader: the plan has waited too long in this state. */
  followUp: (state: string) => `follow-up:${state}`,
  /** Escalated to the reader: this person has not signed this kind of document. */
  followUpSignature: (kind: string, userId: string) => `follow-up-sign:${kind}:${userId}`,
  /** R&D is asked to help with the disagreement that began then. */
  help: (since: string) => `help:${since}`,
  /** The supervisor meeting as arranged: a rearrangement replaces the earlier invitation. */
  meeting: 'meeting',
} as const;

/** The person a notification asks something of (for a copy sent in cover, the colleague away). */
export interface Person {
  userId: string;
  role: Role;
  organisationId: string;
}

/** The plan as it is now, inside the change's transaction. */
export interface PlanNow {
  snapshot: PlanSnapshot;
  /** Signatures the current version of each document still waits for. */
  owed: ReadonlyArray<{ kind: string; userId: string }>;
}

const actorOf = (person: Person): Actor => ({ userId: person.userId, role: person.role, organisationId: person.organisationId });

/** Is this the plan's own clinician or manager (the two who discuss the agenda)? */
const isParty = (context: PlanContext, person: Person) =>
  (person.role === 'clinician' && person.userId === context.clinicianId) || (person.role === 'manager' && person.userId === context.managerId);

/** The conditions of the award this person may confirm now, by the machine's own guard. */
export function conditionsFor(snapshot: PlanSnapshot, person: Person, at = new Date(0).toISOString()) {
  if (isLegacyPlan(snapshot.context) || snapshot.status !== 'active') return [];
  return (snapshot.context.conditions ?? []).filter((c) => !c.confirmed
    && snapshot.can({ type: 'CONFIRM_CONDITION', condition: c.key, actor: actorOf(person), at }));
}

/** The points of the agenda that wait on this person (only while the terms are being agreed). */
export function pointsFor(snapshot: PlanSnapshot, person: Person) {
  if (isLegacyPlan(snapshot.context) || snapshot.status !== 'active' || !snapshot.matches('backfillPlan')) return [];
  return isParty(snapshot.context, person) ? pointsWaitingOn(snapshot.context.agenda, person.role) : [];
}

/** Does the plan, as it is now, still ask this of the person? A topic that asks nothing is never done. */
export function isStillAsked(topic: string, now: PlanNow, person: Person): boolean {
  const { snapshot } = now;
  const [type = '', ...rest] = topic.split(':');
  const arg = rest.join(':');
  const active = snapshot.status === 'active';
  switch (type) {
    case 'wait': return active && stateName(snapshot.value) === arg && progressEvents(snapshot, actorOf(person)).length > 0;
    case 'points': return pointsFor(snapshot, person).length > 0;
    case 'sign': return active && now.owed.some((o) => o.kind === arg && o.userId === person.userId);
    case 'conditions': return conditionsFor(snapshot, person).length > 0;
    case 'follow-up': return active && stateName(snapshot.value) === arg;
    case 'follow-up-sign': {
      const [kind, userId] = rest;
      return active && now.owed.some((o) => o.kind === kind && o.userId === userId);
    }
    case 'help': return active && !isLegacyPlan(snapshot.context) && disagreementSince(snapshot.context) === arg;
    default: return true;
  }
}

/** Signatures the current version of each of the plan's documents still waits for (from the documents' own rows). */
export async function signaturesOwed(trx: Kysely<Database>, planId: string): Promise<Array<{ kind: string; userId: string }>> {
  const rows = await trx.selectFrom('document_signatures as s').innerJoin('documents as d', 'd.id', 's.document_id')
    .select(['d.kind', 's.user_id']).where('d.plan_id', '=', planId).where('s.authorised_at', 'is', null)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('documents as newer').select('newer.id')
      .whereRef('newer.plan_id', '=', 'd.plan_id').whereRef('newer.kind', '=', 'd.kind').whereRef('newer.number', '>', 'd.number'))))
    .execute();
  return rows.map((r) => ({ kind: r.kind, userId: r.user_id }));
}
