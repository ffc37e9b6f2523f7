import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { decide, type MachineAction } from '../../workflows/plan.decide.js';
import { mayStartPlan, mayStartPlans, maySee } from '../../workflows/plan.participants.js';
import { onlyPassedOverSince } from '../../workflows/plan.reminders.js';
import {
  initialSnapshot, persistSnapshot, restoreSnapshot, statusOf, type PlanSnapshot,
} from '../../workflows/plan.status.js';
import { PROCESS, type Actor, type PlanEvent, type PlanInput, type SystemRequest } from '../../workflows/plan.types.js';
import { findUserByEmail, findUserById } from '../accounts/accounts.repository.js';
import { accountFacts } from '../accounts/account-facts.js';
import { londonDate } from '../../workflows/plan.dates.js';
import type { Role } from '../domain/options.js';
import { coveredBy } from './covers.repository.js';
import { inTransaction, type Db } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { newPlanSchema } from '../domain/accounts.js';
import { eventSchemas, parsePayload, toFieldErrors, type UserEventType } from '../domain/events.js';
import { GENESIS_HASH } from './hash.js';
import { SnapshotCache } from './snapshot-cache.js';
import { PLAN_CREATED } from './replay.js';
import { changedColumns, listingOf } from './plan.listing.js';
import { ConflictError, InvalidInputError, NoLongerAppliesError, NotAllowedError, PlanNotFoundError } from './errors.js';
import { appendEvent, eventTypesSince, findPlan, insertPlan, updatePlanIfVersion, type PlanRow } from './plan.repository.js';

export { PLAN_CREATED } from './replay.js';

export interface EventRequest {
  type: string;
  /** The version of the plan the sender was looking at. */
  version: number;
  payload: unknown;
}

export interface LoadedPlan {
  row: PlanRow & { last_hash: string };
  snapshot: PlanSnapshot;
  /** Who acts on the plan: the person asking, or, covering for a colleague, them with `onBehalfOf` set. */
  actor?: Actor;
}

export type Clock = () => Date;

/** One committed change of a plan, as the extensions see it (inside its transaction). */
export interface TransitionChange {
  trx: Kysely<Database>;
  planId: string;
  organisationId: string;
  /** The version the plan has after this change. */
  version: number;
  event: PlanEvent;
  before: PlanSnapshot;
  after: PlanSnapshot;
  actions: MachineAction[];
  /** The hash of the audit event just appended (what the audit extension signs). */
  hash: string;
}

/** A plan just created, as the extensions see it (inside its transaction). */
export interface PlanCreated {
  trx: Kysely<Database>;
  planId: string;
  organisationId: string;
  snapshot: PlanSnapshot;
  /** The hash of the plan's first audit event. */
  hash: string;
}

/** Builds one event's type and fields (the server's lookups included) inside the transaction. */
type Build = (trx: Kysely<Database>, row: PlanRow) => Promise<Record<string, unknown> & { type: string }>;

/** `actor` is the person sending the event (null for the scheduler): an authorisation's statement depends on who confirms it. */
export type Lookup = (trx: Kysely<Database>, plan: PlanRow, payload: Record<string, unknown>, actor: Actor | null) => Promise<object>;

export interface PlanExtensions {
  /** Facts an event needs that the pure machine cannot look up itself, added to the event by the server. */
  lookups?: Partial<Record<PlanEvent['type'], Lookup>>;
  /** Work done in the same transaction as the transition: documents, notifications. */
  onTransition?: Array<(change: TransitionChange) => Promise<void>>;
  /** Work done in the same transaction as creating a plan: the due date of its first wait. */
  onCreate?: Array<(created: PlanCreated) => Promise<void>>;
}

/**
 * The one way a plan changes: load it, ask the machine, and in one transaction
 * write the next snapshot (if the version is still the one the sender saw) and
 * append the audit event.
 */
export class PlanService {
  private readonly snapshots = new SnapshotCache();

  private readonly lookups: Partial<Record<PlanEvent['type'], Lookup>>;

  constructor(readonly db: Db, readonly clock: Clock = () => new Date(), readonly extensions: PlanExtensions = {}) {
    this.lookups = { SCHEDULE_MEETING: linkSupervisor, REASSIGN: reassignTarget, ...extensions.lookups };
  }

  /** Today in Europe/London: dates a person types are checked against it (src/domain/date-ranges.ts). */
  private today(): string {
    return londonDate(this.clock().toISOString());
  }

  async create(actor: Actor, input: unknown): Promise<{ id: string; state: string; version: number }> {
    const parsed = newPlanSchema.safeParse(input);
    if (!parsed.success) throw new InvalidInputError(toFieldErrors(parsed.error));
    const { title, managerId } = parsed.data;
    return inTransaction(this.db, async (trx) => {
      const manager = await findUserById(trx, managerId);
      if (!mayStartPlan(actor, manager && { role: manager.role, organisationId: manager.organisation_id })) {
        if (!mayStartPlans(actor)) throw new NotAllowedError('Only a clinician can start a plan.');
        throw new InvalidInputError([{ path: 'managerId', message: 'Select your line manager from the list' }]);
      }
      const at = this.clock().toISOString();
      const planInput: PlanInput = {
        process: PROCESS, planId: randomUUID(), organisationId: actor.organisationId, title, clinicianId: actor.userId, managerId, createdAt: at,
      };
      const snapshot = initialSnapshot(planInput);
      const status = statusOf(snapshot);
      await insertPlan(trx, {
        id: planInput.planId, organisation_id: planInput.organisationId, clinician_id: actor.userId, manager_id: managerId,
        ...listingOf(snapshot), due_at: null,
        snapshot: JSON.stringify(persistSnapshot(snapshot)), version: 1, created_at: at, updated_at: at,
      });
      const first = await appendEvent(trx, GENESIS_HASH, {
        planId: planInput.planId, seq: 1, type: PLAN_CREATED, actorId: actor.userId, actorRole: actor.role,
        actorOrganisationId: actor.organisationId, at, payload: JSON.stringify(planInput), stateBefore: null, stateAfter: status.state,
      });
      const created: PlanCreated = { trx, planId: planInput.planId, organisationId: planInput.organisationId, snapshot, hash: first.hash };
      for (const extension of this.extensions.onCreate ?? []) await extension(created);
      return { id: planInput.planId, state: status.state, version: 1 };
    });
  }

  /**
   * The plan as this actor may see it; not found when they are not a participant. A colleague covering for
   * one of its participants sees it too, and acts as them (`actor.onBehalfOf`), while the cover is in force.
   */
  async load(planId: string, actor: Actor, db: Kysely<Database> = this.db.kysely): Promise<LoadedPlan> {
    const row = await findPlan(db, planId);
    if (!row) throw new PlanNotFoundError();
    const snapshot = this.snapshots.restore(row);
    if (maySee(snapshot.context, row.state, actor)) return { row, snapshot, actor };
    for (const cover of await coveredBy(db, actor.userId, londonDate(this.clock().toISOString()))) {
      const absent: Actor = { ...actor, userId: cover.userId };
      if (maySee(snapshot.context, row.state, absent)) {
        return { row, snapshot, actor: { ...actor, onBehalfOf: { userId: cover.userId, role: actor.role as Role } } };
      }
    }
    throw new PlanNotFoundError();
  }

  async send(planId: string, actor: Actor, request: EventRequest): Promise<LoadedPlan> {
    const type = parseType(request.type);
    const parsed = parsePayload(type, request.payload ?? {}, this.today());
    if (!parsed.ok) throw new InvalidInputError(parsed.errors);
    return this.apply(planId, actor, request.version, async (trx, row) => {
      const lookup = this.lookups[type];
      const facts = lookup ? await lookup(trx, row, parsed.value as Record<string, unknown>, actor) : {};
      return { type, ...parsed.value, ...facts };
    });
  }

  /** An event from the scheduler, acting as the `system` actor of the plan's organisation, with the facts the server looks up. */
  async sendSystem(planId: string, version: number, request: SystemRequest): Promise<LoadedPlan> {
    return this.apply(planId, null, version, async (trx, row) => {
      const lookup = this.lookups[request.type];
      const facts = lookup ? await lookup(trx, row, request, null) : {};
      return { ...request, ...facts };
    });
  }

  /**
   * Several events of one person, in order, in one transaction (each its own
   * audit event): answering several points of the agenda in one form.
   */
  async sendMany(planId: string, actor: Actor, version: number, requests: Array<Omit<EventRequest, 'version'>>): Promise<LoadedPlan> {
    const parsed = requests.map((request, index) => {
      const type = parseType(request.type);
      const result = parsePayload(type, request.payload ?? {}, this.today());
      if (!result.ok) throw new InvalidInputError(result.errors.map((e) => ({ ...e, path: `${index}.${e.path}` })));
      return { type, value: result.value };
    });
    return this.apply(planId, actor, version, parsed.map(({ type, value }) => async (trx, row) => {
      const lookup = this.lookups[type];
      const facts = lookup ? await lookup(trx, row, value as Record<string, unknown>, actor) : {};
      return { type, ...value, ...facts };
    }));
  }

  private async apply(planId: string, person: Actor | null, version: number, builds: Build | Build[]): Promise<LoadedPlan> {
    const result = await inTransaction(this.db, async (trx) => {
      const found = person ? await this.load(planId, person, trx) : await this.loadAny(planId, trx);
      let { row, snapshot } = found;
      // A person whose only news since changes nothing they decide on acts on what they saw; the scheduler acts on what it read.
      const stillCurrent = row.version === version
        || (person !== null && version > 0 && version < row.version && onlyPassedOverSince(await eventTypesSince(trx, planId, version)));
      if (!stillCurrent) {
        throw new ConflictError(`This plan has changed since you opened it (you saw version ${version}, it is now version ${row.version}).`, row.version);
      }
      const actor: Actor = found.actor ?? person ?? { userId: 'system', role: 'system', organisationId: row.organisation_id };
      const at = this.clock().toISOString();
      for (const build of [builds].flat()) {
        ({ row, snapshot } = await this.step(trx, row, snapshot, actor, at, build));
      }
      return { row, snapshot };
    });
    // Only a committed snapshot may be reused.
    this.snapshots.remember(result.row, result.snapshot);
    return result;
  }

  /** One event: ask the machine, write the next snapshot if nobody else has, append the audit event, run the extensions. */
  private async step(trx: Kysely<Database>, row: LoadedPlan['row'], snapshot: PlanSnapshot, actor: Actor, at: string, build: Build): Promise<LoadedPlan> {
    const { type, ...fields } = await build(trx, row);
    const event = { type, actor, at, ...fields } as PlanEvent;
    const decision = decide(snapshot, event);
    if (!decision.ok) {
      const { refusal } = decision;
      if (refusal.kind === 'stale') throw new NoLongerAppliesError(refusal.detail, row.version);
      if (refusal.kind === 'invalid') throw new InvalidInputError(refusal.errors);
      throw new NotAllowedError(refusal.detail);
    }
    const next = decision.next;
    const before = statusOf(snapshot);
    const after = statusOf(next);
    const listing = changedColumns(row, listingOf(next));
    const won = await updatePlanIfVersion(trx, row.id, row.version, { ...listing, snapshot: JSON.stringify(persistSnapshot(next)), updated_at: at });
    if (!won) throw new ConflictError(undefined, row.version + 1);
    const { type: _t, actor: _a, at: _at, ...recorded } = event;
    // Cover is part of what happened: kept with the event, so the history and a replay both know it.
    const payload = actor.onBehalfOf ? { ...recorded, onBehalfOf: actor.onBehalfOf } : recorded;
    const appended = await appendEvent(trx, row.last_hash, {
      planId: row.id, seq: row.version + 1, type, actorId: actor.userId, actorRole: actor.role,
      actorOrganisationId: actor.organisationId, at, payload: JSON.stringify(payload),
      stateBefore: before.state, stateAfter: after.state,
    });
    const change: TransitionChange = {
      trx, planId: row.id, organisationId: row.organisation_id, version: row.version + 1, event, before: snapshot, after: next, actions: decision.actions, hash: appended.hash,
    };
    for (const extension of this.extensions.onTransition ?? []) await extension(change);
    return { row: { ...row, ...listing, version: row.version + 1, updated_at: at, last_hash: appended.hash }, snapshot: next };
  }

  /** The plan whoever asks: for the scheduler, which acts for every organisation. */
  private async loadAny(planId: string, db: Kysely<Database>): Promise<LoadedPlan> {
    const row = await findPlan(db, planId);
    if (!row) throw new PlanNotFoundError();
    return { row, snapshot: this.snapshots.restore(row) };
  }


}

/** The supervisor named for the meeting sees the plan from then on, if they have an active account; its name is the plan's. */
const linkSupervisor: Lookup = async (trx, _plan, payload) => {
  const account = await findUserByEmail(trx, String(payload.supervisorEmail));
  const facts = account?.role === 'supervisor' && !account.deactivated_at ? await accountFacts(trx, account.id) : null;
  return { supervisorUserId: facts?.userId ?? null, supervisorAccount: facts };
};

/** The account a plan is handed to, as the machine needs it to decide. */
const reassignTarget: Lookup = async (trx, _plan, payload) => ({ target: await accountFacts(trx, String(payload.userId)) });

function parseType(type: unknown): UserEventType {
  if (typeof type === 'string' && Object.hasOwn(eventSchemas, type)) return type as UserEventType;
  throw new InvalidInputError([{ path: 'type', message: `Choose an action this plan accepts, such as ${Object.keys(eventSchemas).slice(0, 3).join(', ')}` }]);
}
