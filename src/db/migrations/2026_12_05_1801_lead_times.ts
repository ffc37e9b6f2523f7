import type { Kysely } from 'kysely';

// Backward planning from the funding call (issue 18): each trust's internal
// lead times in working days, and per plan the dates from which its current
// step is at risk or late, so dashboards list them without reading snapshots.
// Frozen, like the others.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organisation_lead_times')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('working_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addPrimaryKeyConstraint('organisation_lead_times_pk', ['organisation_id', 'step'])
    .execute();

  await db.schema
    .createTable('plan_timelines')
    .addColumn('plan_id', 'text', (c) => c.primaryKey().references('plans.id'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('latest_on', 'text', (c) => c.notNull())
    .addColumn('at_risk_on', 'text', (c) => c.notNull())
    .addColumn('late_on', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('plan_timelines').execute();
  await db.schema.dropTable('organisation_lead_times').execute();
}
