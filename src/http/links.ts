import type { UserEventType } from '../domain/events.js';

// Where each action of a plan lives. UPDATE_IDEA spans several pages, and the
// idea and the terms each have a check-your-answers page before they are sent.

export const planHref = (planId: string) => `/plans/${planId}`;

export function eventHref(planId: string, type: UserEventType): string {
  switch (type) {
    case 'UPDATE_IDEA': return `/plans/${planId}/idea`;
    case 'SUBMIT_FOR_AGREEMENT': return `/plans/${planId}/idea/check`;
    case 'PROPOSE_TERMS': return `/plans/${planId}/terms`;
    default: return `/plans/${planId}/events/${type}`;
  }
}
