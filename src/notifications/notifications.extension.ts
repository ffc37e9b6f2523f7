import type { Config } from '../config.js';
import type { PlanExtensions } from '../plans/plan.service.js';

/** Writes notifications (outbox rows) and due dates in the transaction of each transition. */
export function notificationsExtension(_deps: { config: Config }): PlanExtensions {
  return {};
}
