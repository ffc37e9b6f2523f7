import type { DocumentKind } from '../../src/domain/options.js';
import type { PlanContext } from '../plan.types.js';
import { enqueue, named, stamp, when } from './common.js';
import { issue, owedBy } from './documents.js';

// Staff change (DESIGN section 11): an R&D lead or administrator of the trust
// hands the plan to another manager of the trust, or another supervisor
// account. The new person takes part from then on and the previous one no
// longer does; signatures the previous person still owed move to the new one
// (their documents are issued again, naming them).

const holderOf = (context: PlanContext, role: 'manager' | 'supervisor') => (role === 'manager' ? context.managerId : context.supervisorId);

export const staffGuards = {
  isValidReassignment: when('REASSIGN', (context, e) => {
    const target = e.target;
    if (!target || !target.active || target.role !== e.role || target.userId !== e.userId) return false;
    if (target.userId === holderOf(context, e.role)) return false;
    return e.role === 'supervisor' || target.organisationId === context.organisationId;
  }),
};

export const staffActions = {
  reassign: enqueue(({ context, event, enqueue }) => {
    if (event.type !== 'REASSIGN') return;
    const from = holderOf(context, event.role);
    const owed: DocumentKind[] = from ? owedBy(context, from) : [];
    enqueue.assign({
      ...(event.role === 'manager' ? { managerId: event.userId } : { supervisorId: event.userId }),
      reassignments: [...context.reassignments, { role: event.role, from, to: event.userId, reason: event.reason, ...stamp(event) }],
    });
    for (const kind of owed) for (const action of issue(kind)) enqueue(named(action));
  }),
};
