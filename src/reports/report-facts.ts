import type { PlanContext } from '../../workflows/plan.types.js';

// The facts a report groups a plan by, read from the machine's context (the
// live side of the migration's derivePlanSummary, which reads the same facts
// from the audit trail; test/reports/summaries.test.ts holds them equal).

export interface PlanFacts {
  top_state: string;
  profession: string | null;
  opportunity_level: string | null;
  scheme: string | null;
  agreed_backfill_cost_per_year: number | null;
  applications_submitted: number;
  applications_awarded: number;
  applications_not_awarded: number;
}

/** The state a plan is its clinician's private draft in: until the first SUBMIT_FOR_AGREEMENT, never re-entered. */
export const PRIVATE_DRAFT = 'researchIdea.drafting';

export const topStateOf = (state: string) => state.split('.')[0] ?? state;

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

export function factsOf(context: PlanContext, state: string): PlanFacts {
  const idea = context.idea as PlanContext['idea'] & { schemeId?: string };
  const accepted = context.acceptedTerms && context.terms.find((t) => t.version === context.acceptedTerms!.version);
  const outcomes = context.applications.map((a) => a.outcome?.outcome ?? null);
  return {
    top_state: topStateOf(state),
    profession: text(idea.profession),
    opportunity_level: text(idea.opportunityLevel),
    scheme: text(idea.scheme) ?? text(idea.schemeId),
    agreed_backfill_cost_per_year: accepted ? accepted.terms.estimatedBackfillCostPerYear ?? null : null,
    applications_submitted: outcomes.length,
    applications_awarded: outcomes.filter((o) => o === 'awarded').length,
    applications_not_awarded: outcomes.filter((o) => o === 'not-awarded').length,
  };
}

export const sameFacts = (a: PlanFacts, b: PlanFacts) =>
  (Object.keys(a) as Array<keyof PlanFacts>).every((key) => a[key] === b[key]);
