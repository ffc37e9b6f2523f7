import type { PlanExtensions } from '../plans/plan.service.js';
import type { Metrics } from './metrics.js';

// Counts transitions by event type. It runs inside the transition's
// transaction, the last of the extensions, so a transition that a later
// step refuses is not counted; one whose commit itself fails would be.

export function metricsExtension(metrics: Metrics): PlanExtensions {
  return {
    onTransition: [async ({ event }) => { metrics.transitions.inc({ type: event.type }); }],
    onCreate: [async () => { metrics.transitions.inc({ type: 'PLAN_CREATED' }); }],
  };
}
