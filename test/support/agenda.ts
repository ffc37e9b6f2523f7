import type { UserEventType } from '../../src/domain/events.js';
import { agendaSteps } from './examples.js';

/** Agree every point of the agenda (after an "agree in principle" with its four notes), through any way of sending. */
export async function agreeAgenda(send: (who: 'clinician' | 'manager', type: UserEventType, payload: object) => Promise<unknown>): Promise<void> {
  for (const [who, type, payload] of agendaSteps) await send(who, type, payload);
}
