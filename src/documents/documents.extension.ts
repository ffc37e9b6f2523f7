import type { PlanExtensions } from '../plans/plan.service.js';
import type { Views } from '../http/view.js';

/** Issues documents when the machine asks, and looks up the document being authorised. */
export function documentsExtension(_deps: { views: Views }): PlanExtensions {
  return {};
}
