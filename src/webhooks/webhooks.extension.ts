import { randomUUID } from 'node:crypto';
import type { PlanExtensions } from '../plans/plan.service.js';
import { statusOf } from '../../workflows/plan.status.js';
import { queueEvent } from './webhooks.repository.js';

// Every plan event, its creation included, is queued for the trust's webhooks
// in the transaction that records it: a rolled-back event is never sent, and a
// committed one is never forgotten. Delivery is after commit (webhooks.sender.ts).

export function webhooksExtension(): PlanExtensions {
  return {
    onCreate: [({ trx, planId, organisationId, snapshot }) => queueEvent(trx, organisationId, {
      id: randomUUID(), planId, seq: 1, type: 'PLAN_CREATED', at: snapshot.context.createdAt, stateBefore: null, stateAfter: statusOf(snapshot).state,
    })],
    onTransition: [({ trx, planId, organisationId, version, event, before, after }) => queueEvent(trx, organisationId, {
      id: randomUUID(), planId, seq: version, type: event.type, at: event.at, stateBefore: statusOf(before).state, stateAfter: statusOf(after).state,
    })],
  };
}
