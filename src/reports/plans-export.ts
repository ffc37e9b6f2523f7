import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { User } from '../accounts/accounts.repository.js';
import type { Database } from '../db/database.js';
import { param, runPrepared } from '../db/prepared.js';
import { scopeOf, stepShape, visibleTo, type Filter } from '../plans/plan.queries.js';
import { stateLabels } from '../../workflows/plan.labels.js';
import { csvStream, type Cell } from './csv.js';

// Every plan a person may list, as CSV: the same plans as their list (the
// same query, src/plans/plan.queries.ts), oldest first, read 500 at a time by
// their creation so that a plan changed during the export is neither missed
// nor repeated. The facts come from the report summaries, never snapshots.

const BATCH = 500;

interface ExportRow {
  id: string; title: string; state: string; awaiting_role: string | null; due_at: string | null; version: number;
  created_at: string; updated_at: string; clinician_name: string; manager_name: string;
  profession: string | null; opportunity_level: string | null; scheme: string | null;
  agreed_backfill_cost_per_year: number | string | null; applications_submitted: number | null;
  applications_awarded: number | null; applications_not_awarded: number | null;
}

const COLUMNS: Array<[string, (row: ExportRow) => Cell]> = [
  ['id', (r) => r.id],
  ['title', (r) => r.title],
  ['state', (r) => r.state],
  ['status', (r) => stateLabels[r.state]?.status ?? r.state],
  ['awaitingRole', (r) => r.awaiting_role],
  ['dueAt', (r) => r.due_at],
  ['clinician', (r) => r.clinician_name],
  ['manager', (r) => r.manager_name],
  ['profession', (r) => r.profession],
  ['opportunityLevel', (r) => r.opportunity_level],
  ['scheme', (r) => r.scheme],
  ['agreedBackfillCostPerYear', (r) => (r.agreed_backfill_cost_per_year === null ? null : Number(r.agreed_backfill_cost_per_year))],
  ['applicationsSubmitted', (r) => r.applications_submitted ?? 0],
  ['applicationsAwarded', (r) => r.applications_awarded ?? 0],
  ['applicationsNotAwarded', (r) => r.applications_not_awarded ?? 0],
  ['createdAt', (r) => r.created_at],
  ['updatedAt', (r) => r.updated_at],
  ['version', (r) => r.version],
];

function batchAfter(db: Kysely<Database>, user: User, filter: Filter, after: ExportRow | undefined): Promise<ExportRow[]> {
  const scope = scopeOf(user);
  const values = {
    scope: scope.value, role: user.role, step: filter.step ?? '', limit: BATCH,
    afterCreated: after?.created_at ?? '', afterId: after?.id ?? '',
  };
  return runPrepared<ExportRow>(db, `plansCsv:${scope.column}:${stepShape(filter)}`, () => visibleTo(db, scope.column, filter)
    .innerJoin('users as clinician', 'clinician.id', 'plans.clinician_id')
    .innerJoin('users as manager', 'manager.id', 'plans.manager_id')
    .leftJoin('plan_reports as facts', 'facts.plan_id', 'plans.id')
    .select([
      'plans.id', 'plans.title', 'plans.state', 'plans.awaiting_role', 'plans.due_at', 'plans.version', 'plans.created_at', 'plans.updated_at',
      'clinician.name as clinician_name', 'manager.name as manager_name', 'facts.profession', 'facts.opportunity_level', 'facts.scheme',
      'facts.agreed_backfill_cost_per_year', 'facts.applications_submitted', 'facts.applications_awarded', 'facts.applications_not_awarded',
    ])
    // A row value, which both databases compare column by column along the index.
    .where((eb) => eb(eb.refTuple('plans.created_at', 'plans.id'), '>', eb.tuple(param('afterCreated'), param('afterId'))))
    .orderBy('plans.created_at').orderBy('plans.id')
    .limit(param<number>('limit')), values).then((result) => result.rows);
}

/** The CSV response: streamed, named for the day, never cached. */
export function plansCsvResponse(c: Context, db: Kysely<Database>, user: User, filter: Filter, filename: string): Response {
  const body = csvStream(COLUMNS.map(([name]) => name), (after: ExportRow | undefined) => batchAfter(db, user, filter, after), (row) => COLUMNS.map(([, cell]) => cell(row)));
  return c.body(body, 200, {
    'Content-Type': 'text/csv; charset=utf-8; header=present',
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'no-store',
  });
}
