import type { UserEventType } from '../domain/events.js';
import { documentNames } from '../documents/names.js';
import { latestDocumentHref } from '../documents/plan-documents.js';
import { availableEvents, progressEvents } from '../../workflows/plan.decide.js';
import { isIdeaComplete } from '../../workflows/plan.idea.js';
import { eventLabels } from '../../workflows/plan.labels.js';
import type { PlanSnapshot } from '../../workflows/plan.status.js';
import type { Actor } from '../../workflows/plan.types.js';
import { agendaHref, eventHref } from '../http/links.js';
import { waitsOnReader, type Wait } from './waits.presenter.js';

// "What you can do now" on the plan page (issue 17): the move the plan waits
// on from the reader as the one primary button, the other moves the machine
// allows them as secondary buttons, Decline and Withdraw as plain links to
// their own confirmation pages, and R&D's housekeeping apart. Every action
// offered is one the machine allows; the machine's answer is never repeated.

export interface Action {
  text: string;
  href: string;
}

export interface PlanActions {
  primary: Action | null;
  secondary: Action[];
  /** Decline and Withdraw: each opens its own page, which asks for a reason and confirms. */
  stopping: Action[];
  /** Handing the plan to someone else and reissuing documents: for R&D leads and administrators. */
  housekeeping: Action[];
}

/** The order moves are offered in, the one that moves the plan on first. */
const preference: UserEventType[] = [
  'SUBMIT_FOR_AGREEMENT', 'UPDATE_IDEA', 'AGREE_IN_PRINCIPLE', 'REQUEST_CHANGES', 'ACCEPT_TERMS', 'PROPOSE_TERMS',
  'SIGN_OFF', 'RETURN_FOR_CHANGES', 'RECORD_MEETING', 'SCHEDULE_MEETING', 'SUBMIT_APPLICATION', 'RECORD_OUTCOME',
  'REAPPLY', 'REOPEN', 'START_TRAINING', 'COMPLETE_AWARD',
];
/** Offered elsewhere: the agenda's pages, the documents, the comment form, the conditions (as waits). */
const notMoves = new Set<UserEventType>(['PROPOSE_POINT', 'AGREE_POINT', 'DISPUTE_POINT', 'AUTHORISE_DOCUMENT', 'CONFIRM_CONDITION', 'DECLINE']);

const stopLabels: Partial<Record<UserEventType, string>> = { DECLINE: 'Decline the plan', WITHDRAW: 'Withdraw the plan' };

function moveLabel(s: PlanSnapshot, type: UserEventType): string {
  if (type === 'SCHEDULE_MEETING' && s.context.meeting) return 'Rearrange the supervisor meeting';
  if (type === 'UPDATE_IDEA' && !isIdeaComplete(s.context.idea)) return 'Continue your research idea';
  return eventLabels[type].action;
}

/** The reader's moves, in the order they move the plan on; an incomplete idea is written before it is sent. */
function movesOf(s: PlanSnapshot, planId: string, actor: Actor): Action[] {
  const types = progressEvents(s, actor).filter((type) => !notMoves.has(type));
  const order = isIdeaComplete(s.context.idea) ? preference : ['UPDATE_IDEA', ...preference.filter((t) => t !== 'UPDATE_IDEA')];
  return types.sort((a, b) => order.indexOf(a) - order.indexOf(b)).map((type) => ({ text: moveLabel(s, type), href: eventHref(planId, type) }));
}

/** What ends a wait of the reader's. */
function waitActions(wait: Wait, planId: string, available: UserEventType[], moves: Action[]): Action[] {
  switch (wait.kind) {
    case 'state': return moves.slice(0, 1);
    case 'points': return available.includes('AGREE_POINT') ? [{ text: 'Respond to the points waiting for you', href: `${agendaHref(planId)}/respond` }] : [];
    case 'signatures': return wait.documents.map((kind) => ({ text: `Authorise the ${documentNames[kind]}`, href: latestDocumentHref(planId, kind) }));
    case 'conditions':
      return available.includes('CONFIRM_CONDITION')
        ? [{ text: wait.conditions.length === 1 ? 'Confirm your condition of the award' : 'Confirm your conditions of the award', href: eventHref(planId, 'CONFIRM_CONDITION') }]
        : [];
  }
}

export function actionsFor(s: PlanSnapshot, planId: string, actor: Actor, waits: Wait[]): PlanActions {
  const available = availableEvents(s, actor);
  const moves = movesOf(s, planId, actor);
  const mine = waits.filter((w) => waitsOnReader(w, actor));
  // The first of the reader's waits that nothing else holds up gives the main action; the rest follow it.
  const first = mine.find((w) => !w.blocked);
  const primary = first ? waitActions(first, planId, available, moves)[0] ?? null : null;
  const others = [...mine.flatMap((w) => waitActions(w, planId, available, moves)), ...moves];
  const secondary = others.filter((a, i) => a.href !== primary?.href && others.findIndex((b) => b.href === a.href) === i);
  return {
    primary,
    secondary,
    stopping: (['DECLINE', 'WITHDRAW'] as const).filter((type) => available.includes(type)).map((type) => ({ text: stopLabels[type]!, href: eventHref(planId, type) })),
    housekeeping: (['REASSIGN', 'REISSUE_DOCUMENT'] as const).filter((type) => available.includes(type)).map((type) => ({ text: eventLabels[type].action, href: eventHref(planId, type) })),
  };
}
