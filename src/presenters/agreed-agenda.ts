import { agendaKeys, agendaPoints, pointStatuses } from '../domain/options.js';
import { latestProposal, pointStatus } from '../../workflows/plan.agenda.js';
import type { PlanContext } from '../../workflows/plan.types.js';
import { isLegacyPlan } from '../../workflows/plan.versions.js';
import { rowsOf } from './fields.js';
import { pointFields } from './agenda-questions.js';

// Each point's latest position and answers, as summary rows: what R&D signs
// off on and the training agreement prints, and what someone accepting the
// terms reads beside them.

export function agreedPositions(context: PlanContext) {
  if (isLegacyPlan(context)) return [];
  return agendaKeys.map((key) => {
    const latest = latestProposal(context.agenda[key]);
    const status = pointStatus(context.agenda[key]);
    return {
      key, title: agendaPoints[key], status: pointStatuses[status], agreed: status === 'agreed',
      rows: latest ? rowsOf(pointFields(key), { position: latest.position, ...latest.answers }).map((r) => ({ key: r.label, value: r.value })) : [],
    };
  });
}
