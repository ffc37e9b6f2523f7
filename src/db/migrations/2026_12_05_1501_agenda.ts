import type { Kysely } from 'kysely';

// Version 1.1's shared agenda and the forms people finish later (DESIGN
// section 9). Lists never parse snapshots, so the plan row carries how many
// points of the agenda wait on each party and since when R&D was asked to
// help with a disagreement. Each person's private drafts of forms, and the
// version of each plan they last looked at ("what changed since you last saw
// it"), are theirs alone: never events, never in the audit trail. The
// scheduler keeps one timer a plan for asking R&D to help. Frozen.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('plans').addColumn('points_for_clinician', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('plans').addColumn('points_for_manager', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('plans').addColumn('rd_help_since', 'text').execute();
  await db.schema.createIndex('plans_organisation_rd_help').on('plans').columns(['organisation_id', 'rd_help_since']).execute();

  // The scheduler's queue for asking R&D to help with a disagreement: one a plan at most.
  await db.schema
    .createTable('mediation_timers')
    .addColumn('plan_id', 'text', (c) => c.primaryKey().references('plans.id').onDelete('cascade'))
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('fire_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mediation_timers_fire_at').on('mediation_timers').column('fire_at').execute();

  await db.schema
    .createTable('form_drafts')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('values', 'text', (c) => c.notNull())
    .addColumn('plan_version', 'integer', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('form_drafts_pk', ['user_id', 'plan_id', 'form'])
    .execute();

  await db.schema
    .createTable('plan_views')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_views_pk', ['user_id', 'plan_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('plan_views').execute();
  await db.schema.dropTable('form_drafts').execute();
  await db.schema.dropTable('mediation_timers').execute();
  await db.schema.dropIndex('plans_organisation_rd_help').execute();
  await db.schema.alterTable('plans').dropColumn('rd_help_since').execute();
  await db.schema.alterTable('plans').dropColumn('points_for_manager').execute();
  await db.schema.alterTable('plans').dropColumn('points_for_clinician').execute();
}
