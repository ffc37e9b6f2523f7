import { type Kysely, sql } from 'kysely';

// The summaries reports read (plan_reports, plan_stays), filled for the plans
// already stored by replaying their audit trail once, here: the migration runs
// on start under Kysely's migration lock, so with several instances exactly one
// derives them, in the same transaction as the new tables on PostgreSQL, and a
// plan written before it never lacks its rows. New events keep the rows from
// then on (src/reports/reports.extension.ts); a test holds the two to the same
// answer on the database made by version 1.0. Frozen: imports nothing from the app.

const BATCH = 500;

export interface AuditEvent {
  seq: number;
  type: string;
  at: string;
  payload: string;
  state_before: string | null;
  state_after: string;
}

export interface DerivedFacts {
  shared_at: string | null;
  top_state: string;
  profession: string | null;
  opportunity_level: string | null;
  scheme: string | null;
  agreed_backfill_cost_per_year: number | null;
  applications_submitted: number;
  applications_awarded: number;
  applications_not_awarded: number;
}

export interface DerivedStay {
  seq: number;
  step: string;
  entered_at: string;
  left_at: string | null;
}

const top = (state: string) => state.split('.')[0] ?? state;
const FACT_EVENTS = new Set(['UPDATE_IDEA', 'PROPOSE_TERMS', 'ACCEPT_TERMS', 'RECORD_OUTCOME']);

/**
 * A plan's facts and stays from its audit events, oldest first, as the 1.0
 * machine recorded them: the idea as merged by UPDATE_IDEA, terms numbered by
 * PROPOSE_TERMS and accepted by ACCEPT_TERMS (cleared by a new proposal or
 * R&D's return), one application a SUBMIT_APPLICATION with its outcome. A plan
 * counts from its first SUBMIT_FOR_AGREEMENT; before that it is a private draft
 * and has no stays.
 */
export function derivePlanSummary(createdAt: string, events: AuditEvent[]): { facts: DerivedFacts; stays: DerivedStay[] } {
  const idea: Record<string, unknown> = {};
  const terms: Array<number | null> = [];
  let accepted: number | null = null;
  const outcomes: Array<string | null> = [];
  let sharedAt: string | null = null;
  let state = 'researchIdea.drafting';
  const stays: DerivedStay[] = [];
  for (const event of events) {
    // Only four kinds of event carry a fact; the rest (large document authorisations among them) are not parsed.
    const payload = FACT_EVENTS.has(event.type) ? (JSON.parse(event.payload) as Record<string, unknown>) : {};
    switch (event.type) {
      case 'UPDATE_IDEA':
        for (const [key, value] of Object.entries(payload)) {
          if (value === '' || value === null || value === undefined) delete idea[key];
          else idea[key] = value;
        }
        break;
      case 'PROPOSE_TERMS':
        terms.push(typeof payload.estimatedBackfillCostPerYear === 'number' ? payload.estimatedBackfillCostPerYear : null);
        accepted = null;
        break;
      case 'ACCEPT_TERMS':
        accepted = typeof payload.termsVersion === 'number' ? payload.termsVersion : null;
        break;
      case 'RETURN_FOR_CHANGES':
        accepted = null;
        break;
      case 'SUBMIT_APPLICATION':
        outcomes.push(null);
        break;
      case 'RECORD_OUTCOME':
        if (outcomes.length > 0) outcomes[outcomes.length - 1] = String(payload.outcome);
        break;
    }
    const before = event.state_before ?? state;
    state = event.state_after;
    if (sharedAt === null && before === 'researchIdea.drafting' && event.type === 'SUBMIT_FOR_AGREEMENT') {
      sharedAt = event.at;
      stays.push({ seq: 1, step: 'researchIdea', entered_at: createdAt, left_at: event.at });
      stays.push({ seq: event.seq, step: top(state), entered_at: event.at, left_at: null });
    } else if (sharedAt !== null && top(before) !== top(state)) {
      stays[stays.length - 1]!.left_at = event.at;
      stays.push({ seq: event.seq, step: top(state), entered_at: event.at, left_at: null });
    }
  }
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
  return {
    facts: {
      shared_at: sharedAt,
      top_state: top(state),
      profession: text(idea.profession),
      opportunity_level: text(idea.opportunityLevel),
      scheme: text(idea.scheme) ?? text(idea.schemeId),
      agreed_backfill_cost_per_year: accepted === null ? null : terms[accepted - 1] ?? null,
      applications_submitted: outcomes.length,
      applications_awarded: outcomes.filter((o) => o === 'awarded').length,
      applications_not_awarded: outcomes.filter((o) => o === 'not-awarded').length,
    },
    stays,
  };
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plan_reports')
    .addColumn('plan_id', 'text', (c) => c.primaryKey().references('plans.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('shared_at', 'text')
    .addColumn('top_state', 'text', (c) => c.notNull())
    .addColumn('profession', 'text')
    .addColumn('opportunity_level', 'text')
    .addColumn('scheme', 'text')
    .addColumn('agreed_backfill_cost_per_year', 'bigint')
    .addColumn('applications_submitted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('applications_awarded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('applications_not_awarded', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('plan_stays')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('plan_created_at', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('left_at', 'text')
    .addColumn('entered_ms', 'bigint', (c) => c.notNull())
    .addColumn('left_ms', 'bigint')
    .addPrimaryKeyConstraint('plan_stays_pk', ['plan_id', 'seq'])
    .execute();

  await backfill(db);

  // A report reads one trust's shared plans created in a date range, and only
  // these columns: each index holds them all, so the table itself is never read
  // (at 10,000 plans a trust, bench/scale.ts).
  await db.schema.createIndex('plan_reports_organisation_created').on('plan_reports')
    .columns(['organisation_id', 'created_at', 'top_state', 'profession', 'opportunity_level', 'scheme',
      'agreed_backfill_cost_per_year', 'applications_submitted', 'applications_awarded', 'applications_not_awarded'])
    .where(sql.ref('shared_at'), 'is not', null)
    .execute();
  // Step before date: the stays come out of the index already grouped by step,
  // so the database only finds each step's median instead of sorting every stay first.
  await db.schema.createIndex('plan_stays_organisation_step').on('plan_stays')
    .columns(['organisation_id', 'step', 'plan_created_at', 'entered_ms', 'left_ms'])
    .execute();
  // The CSV export walks a trust's plans oldest first, a batch at a time.
  await db.schema.createIndex('plans_organisation_created').on('plans').columns(['organisation_id', 'created_at', 'id']).execute();
}

/** Every stored plan's summary rows, from its audit trail, a batch of plans at a time. */
export async function backfill(db: Kysely<any>): Promise<number> {
  let after = '';
  let count = 0;
  for (;;) {
    const plans: Array<{ id: string; organisation_id: string; created_at: string }> = await db.selectFrom('plans')
      .select(['id', 'organisation_id', 'created_at']).where('id', '>', after).orderBy('id').limit(BATCH).execute();
    if (plans.length === 0) return count;
    after = plans[plans.length - 1]!.id;
    const events: Array<AuditEvent & { plan_id: string }> = await db.selectFrom('plan_events')
      .select(['plan_id', 'seq', 'type', 'at', 'payload', 'state_before', 'state_after'])
      .where('plan_id', 'in', plans.map((p) => p.id)).orderBy('plan_id').orderBy('seq').execute();
    const byPlan = new Map<string, AuditEvent[]>();
    for (const event of events) {
      const list = byPlan.get(event.plan_id) ?? [];
      list.push(event);
      byPlan.set(event.plan_id, list);
    }
    const facts: object[] = [];
    const stays: object[] = [];
    for (const plan of plans) {
      const summary = derivePlanSummary(plan.created_at, byPlan.get(plan.id) ?? []);
      facts.push({ plan_id: plan.id, organisation_id: plan.organisation_id, created_at: plan.created_at, ...summary.facts });
      for (const stay of summary.stays) {
        stays.push({
          plan_id: plan.id, organisation_id: plan.organisation_id, plan_created_at: plan.created_at, ...stay,
          entered_ms: Date.parse(stay.entered_at), left_ms: stay.left_at === null ? null : Date.parse(stay.left_at),
        });
      }
    }
    // Rows a statement kept well under either database's limit on bound values.
    for (let i = 0; i < facts.length; i += 1000) await db.insertInto('plan_reports').values(facts.slice(i, i + 1000)).execute();
    for (let i = 0; i < stays.length; i += 1000) await db.insertInto('plan_stays').values(stays.slice(i, i + 1000)).execute();
    count += plans.length;
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('plans_organisation_created').execute();
  await db.schema.dropTable('plan_stays').execute();
  await db.schema.dropTable('plan_reports').execute();
}
