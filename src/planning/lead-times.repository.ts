import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { defaultLeadTimes, timelineSteps, type LeadTimes, type TimelineStep } from './timeline.js';

// Each trust's lead times, with the defaults for any step it has not set.

export async function leadTimesOf(db: Kysely<Database>, organisationId: string): Promise<LeadTimes> {
  const rows = await db.selectFrom('organisation_lead_times').select(['step', 'working_days'])
    .where('organisation_id', '=', organisationId).execute();
  const set = Object.fromEntries(rows.filter((r) => (timelineSteps as readonly string[]).includes(r.step)).map((r) => [r.step, Number(r.working_days)]));
  return { ...defaultLeadTimes, ...set } as LeadTimes;
}

/** Whether the trust has set its own lead times yet (the settings page says when it is using the defaults). */
export async function hasOwnLeadTimes(db: Kysely<Database>, organisationId: string): Promise<boolean> {
  const row = await db.selectFrom('organisation_lead_times').select('step').where('organisation_id', '=', organisationId).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function saveLeadTimes(db: Kysely<Database>, organisationId: string, values: LeadTimes, by: string, at: string): Promise<void> {
  for (const step of timelineSteps as readonly TimelineStep[]) {
    await db.insertInto('organisation_lead_times')
      .values({ organisation_id: organisationId, step, working_days: values[step], updated_at: at, updated_by: by })
      .onConflict((oc) => oc.columns(['organisation_id', 'step']).doUpdateSet({ working_days: values[step], updated_at: at, updated_by: by }))
      .execute();
  }
}
