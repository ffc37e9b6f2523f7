import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { param, runPrepared } from '../db/prepared.js';
import type { PlanCreated, PlanExtensions, TransitionChange } from '../plans/plan.service.js';
import { statusOf } from '../../workflows/plan.status.js';
import { factsOf, PRIVATE_DRAFT, sameFacts, topStateOf, type PlanFacts } from './report-facts.js';

// Keeps plan_reports and plan_stays in the transaction of each event, so a
// report is a read of narrow indexed rows and never of snapshots or the audit
// trail. A plan's stays start when it stops being a private draft: its time in
// the research idea counts from its creation.

const FACT_COLUMNS = [
  'top_state', 'profession', 'opportunity_level', 'scheme', 'agreed_backfill_cost_per_year',
  'applications_submitted', 'applications_awarded', 'applications_not_awarded',
] as const;

async function onCreate({ trx, planId, organisationId, snapshot }: PlanCreated): Promise<void> {
  const facts = factsOf(snapshot.context, statusOf(snapshot).state);
  await trx.insertInto('plan_reports').values({
    plan_id: planId, organisation_id: organisationId, created_at: snapshot.context.createdAt, shared_at: null, ...facts,
  }).execute();
}

async function onTransition(change: TransitionChange): Promise<void> {
  const { trx, planId, event } = change;
  const before = statusOf(change.before).state;
  const after = statusOf(change.after).state;
  const factsBefore = factsOf(change.before.context, before);
  const factsAfter = factsOf(change.after.context, after);
  const sharing = before === PRIVATE_DRAFT && event.type === 'SUBMIT_FOR_AGREEMENT';
  if (sharing) {
    await updateFacts(trx, planId, factsAfter, event.at);
    const createdAt = change.after.context.createdAt;
    await insertStay(trx, change, 1, 'researchIdea', createdAt, event.at);
    await insertStay(trx, change, change.version, topStateOf(after), event.at, null);
    return;
  }
  if (!sameFacts(factsBefore, factsAfter)) await updateFacts(trx, planId, factsAfter, null);
  // A private draft has no stays; a shared plan never becomes one again.
  if (before !== PRIVATE_DRAFT && topStateOf(before) !== topStateOf(after)) {
    await runPrepared(trx, 'reports:closeStay', () => trx.updateTable('plan_stays')
      .set({ left_at: param('at'), left_ms: param<number>('ms') })
      .where('plan_id', '=', param('planId')).where('left_at', 'is', null), { planId, at: event.at, ms: Date.parse(event.at) });
    await insertStay(trx, change, change.version, topStateOf(after), event.at, null);
  }
}

async function updateFacts(trx: Kysely<Database>, planId: string, facts: PlanFacts, sharedAt: string | null): Promise<void> {
  const shared = sharedAt === null ? {} : { shared_at: param('sharedAt') };
  const placeholders = Object.fromEntries(FACT_COLUMNS.map((column) => [column, param(column)]));
  await runPrepared(trx, `reports:facts:${sharedAt === null ? '' : 'shared'}`, () => trx.updateTable('plan_reports')
    .set({ ...placeholders, ...shared }).where('plan_id', '=', param('planId')), { ...facts, planId, sharedAt });
}

async function insertStay(trx: Kysely<Database>, change: TransitionChange, seq: number, step: string, enteredAt: string, leftAt: string | null) {
  const row = {
    plan_id: change.planId, seq, organisation_id: change.organisationId, plan_created_at: change.after.context.createdAt,
    step, entered_at: enteredAt, left_at: leftAt, entered_ms: Date.parse(enteredAt), left_ms: leftAt === null ? null : Date.parse(leftAt),
  };
  const placeholders = Object.fromEntries(Object.keys(row).map((column) => [column, param(column)])) as unknown as typeof row;
  await runPrepared(trx, 'reports:insertStay', () => trx.insertInto('plan_stays').values(placeholders), row);
}

export function reportsExtension(): PlanExtensions {
  return { onCreate: [onCreate], onTransition: [onTransition] };
}
