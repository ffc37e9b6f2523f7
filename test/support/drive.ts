import type { PlanService } from '../../src/plans/plan.service.js';
import type { PlanEvent } from '../../workflows/plan.types.js';
import type { World } from './world.js';

/** The request a person would send for a machine event: the payload without what the server adds. */
export function requestFor(event: PlanEvent, version: number) {
  const { type, actor: _actor, at: _at, ...payload } = event as PlanEvent & { supervisorUserId?: unknown };
  delete (payload as { supervisorUserId?: unknown }).supervisorUserId;
  return { type, version, payload };
}

/** Start a plan as the world's clinician and send the events in order; returns the plan id and version. */
export async function drive(service: PlanService, world: World, events: PlanEvent[]) {
  const { id } = await service.create(
    { userId: world.clinician.id, role: 'clinician', organisationId: world.trust.id },
    { title: 'Early mobilisation after hip fracture', managerId: world.manager.id },
  );
  let version = 1;
  for (const event of events) {
    await sendAs(service, id, event, version);
    version += 1;
  }
  return { id, version };
}

/** Send a machine event the way its sender would: a person through a request, the scheduler as the system. */
export function sendAs(service: PlanService, planId: string, event: PlanEvent, version: number) {
  if (event.type === 'SEND_REMINDER') return service.sendSystem(planId, version, { type: event.type, kind: event.kind });
  if (event.type === 'REQUEST_MEDIATION') return service.sendSystem(planId, version, { type: event.type, since: event.since });
  return service.send(planId, event.actor, requestFor(event, version));
}
