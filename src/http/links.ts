import type { UserEventType } from '../domain/events.js';

// Where each action of a plan lives. UPDATE_IDEA spans several pages, and the
// idea and the terms each have a check-your-answers page before they are sent.

export const planHref = (planId: string) => `/plans/${planId}`;

export const agendaHref = (planId: string) => `/plans/${planId}/agenda`;
export const pointHref = (planId: string, point: string) => `/plans/${planId}/agenda/${point}`;

export function eventHref(planId: string, type: UserEventType): string {
  switch (type) {
    case 'UPDATE_IDEA': return `/plans/${planId}/idea`;
    case 'SUBMIT_FOR_AGREEMENT': return `/plans/${planId}/idea/check`;
    case 'PROPOSE_TERMS': return `/plans/${planId}/terms`;
    // The agenda's points are proposed and answered on the agenda's own pages.
    case 'PROPOSE_POINT': return `/plans/${planId}/agenda/propose`;
    case 'AGREE_POINT':
    case 'DISPUTE_POINT': return `/plans/${planId}/agenda/respond`;
    default: return `/plans/${planId}/events/${type}`;
  }
}
