import type { Clock, PlanExtensions } from '../plans/plan.service.js';
import type { CostingPeople } from './costing.schema.js';
import { termsCosting } from './costing.service.js';

// Terms proposed with a `costing` get its figures, worked out now with the
// rates in force today, and their estimatedBackfillCostPerYear from them. Both
// go into the event itself, so the audit trail, replay and the agreement keep
// the figure that was agreed even after a new pay year is added.

export function costingExtension(deps: { clock: Clock }): PlanExtensions {
  return {
    lookups: {
      PROPOSE_TERMS: async (_trx, plan, payload) => {
        const people = payload.costing as CostingPeople | undefined;
        if (!people) return {};
        const { context } = JSON.parse(plan.snapshot) as { context: { idea: { schemeId?: string } } };
        const terms = payload as { academicPercent: number; durationMonths: number };
        const costing = termsCosting(people, terms, context.idea.schemeId, deps.clock());
        return { costing, estimatedBackfillCostPerYear: costing.figures.backfillCostPerYear };
      },
    },
  };
}
