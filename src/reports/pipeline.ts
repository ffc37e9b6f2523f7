import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { opportunityLevels, professions } from '../domain/options.js';
import { createdBetween, type ReportRange } from './report-range.js';
import { countBy, medianStays, totals } from './reports.repository.js';

// The pipeline report of one trust (DESIGN section 13): the shape of
// GET /api/v1/reports/pipeline, which the /reports page draws.

/** Every top-level step a plan can be in, in the order of the process. */
export const REPORT_STEPS = [
  'researchIdea', 'managerAgreement', 'backfillPlan', 'rdSignOff', 'supervisorMeeting', 'application',
  'notAwarded', 'awarded', 'completed', 'declined', 'withdrawn',
] as const;

export interface Pipeline {
  byStep: Array<{ step: string; count: number; medianDaysInStep: number | null }>;
  byProfession: Array<{ profession: string | null; count: number }>;
  byLevel: Array<{ opportunityLevel: string | null; count: number }>;
  byScheme: Array<{ scheme: string | null; count: number }>;
  applications: { submitted: number; awarded: number; notAwarded: number; successRate: number | null };
  backfillCostPerYear: number;
}

const DAY_MS = 86_400_000;

/** Counts by a column: every listed value in its order (0 when none), then anything else met, most first. */
function countOf<K extends string>(rows: Array<{ value: string | null; plans: number }>, name: K, listed: readonly string[] = []) {
  const counts = new Map<string | null, number>(listed.map((value) => [value, 0]));
  for (const row of rows) counts.set(row.value, (counts.get(row.value) ?? 0) + row.plans);
  const others = [...counts.keys()].filter((key) => !listed.includes(key as string))
    .sort((a, b) => (counts.get(b)! - counts.get(a)!) || (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
  return [...listed, ...others].map((key) => ({ [name]: key, count: counts.get(key)! }) as { [P in K]: string | null } & { count: number });
}

export async function pipelineReport(db: Kysely<Database>, organisationId: string, range: ReportRange, now: Date): Promise<Pipeline> {
  const bounds = { organisationId, ...createdBetween(range) };
  const [steps, byProfession, byLevel, byScheme, sums, medians] = await Promise.all([
    countBy(db, bounds, 'top_state'), countBy(db, bounds, 'profession'), countBy(db, bounds, 'opportunity_level'), countBy(db, bounds, 'scheme'),
    totals(db, bounds), medianStays(db, bounds, now.getTime()),
  ]);
  const atStep = new Map(steps.map((s) => [s.value, s.plans]));
  const median = (step: string) => (medians.has(step) ? Math.round((medians.get(step)! / DAY_MS) * 10) / 10 : null);
  const { submitted, awarded, notAwarded, backfill } = sums;
  return {
    byStep: REPORT_STEPS.map((step) => ({ step, count: atStep.get(step) ?? 0, medianDaysInStep: median(step) })),
    byProfession: countOf(byProfession, 'profession', Object.keys(professions)),
    byLevel: countOf(byLevel, 'opportunityLevel', Object.keys(opportunityLevels)),
    byScheme: countOf(byScheme, 'scheme'),
    applications: { submitted, awarded, notAwarded, successRate: awarded + notAwarded === 0 ? null : awarded / (awarded + notAwarded) },
    backfillCostPerYear: backfill,
  };
}
