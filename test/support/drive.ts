import { listDocuments } from '../../src/documents/documents.repository.js';
import type { PlanService } from '../../src/plans/plan.service.js';
import type { PlanEvent } from '../../workflows/plan.types.js';
import type { World } from './world.js';

/** Fields the server adds to an event after looking them up: a person never sends them. */
const SERVER_FIELDS = ['supervisorUserId', 'supervisorAccount', 'target', 'document', 'statement'];

/** The request a person would send for a machine event: the payload without what the server adds. */
export function requestFor(event: PlanEvent, version: number) {
  const { type, actor: _actor, at: _at, ...fields } = event as PlanEvent & Record<string, unknown>;
  const payload = Object.fromEntries(Object.entries(fields).filter(([key]) => !SERVER_FIELDS.includes(key)));
  return { type, version, payload };
}

/** Start a plan as the world's clinician and send the events in order; returns the plan id and version. */
export async function drive(service: PlanService, world: World, events: PlanEvent[]) {
  const { id } = await service.create(
    { userId: world.clinician.id, role: 'clinician', organisationId: world.trust.id },
    { title: 'Early mobilisation after hip fracture', managerId: world.manager.id },
  );
  let version = 1;
  for (const [index, event] of events.entries()) {
    try {
      await sendAs(service, id, event, version);
    } catch (error) {
      throw new Error(`driving a plan, event ${index + 1} (${event.type} by ${event.actor.role}) was refused: ${String(error)}`);
    }
    version += 1;
  }
  return { id, version };
}

/**
 * Send a machine event the way its sender would: a person through a request, the scheduler as the system.
 * A model's authorisation names its document by kind and number: the server's own version is authorised.
 */
export async function sendAs(service: PlanService, planId: string, event: PlanEvent, version: number) {
  if (event.type === 'AUTHORISE_DOCUMENT' && event.document) {
    const real = (await listDocuments(service.db.kysely, planId)).find((d) => d.kind === event.document!.kind && d.number === event.document!.number);
    return service.send(planId, event.actor, { type: event.type, version, payload: { documentId: real?.id ?? event.documentId, sha256: real?.sha256 ?? event.sha256 } });
  }
  if (event.type === 'SEND_REMINDER') return service.sendSystem(planId, version, { type: event.type, kind: event.kind });
  if (event.type === 'REQUEST_MEDIATION') return service.sendSystem(planId, version, { type: event.type, since: event.since });
  return service.send(planId, event.actor, requestFor(event, version));
}
