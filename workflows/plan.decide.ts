import { transition } from 'xstate';
import { userEventTypes, type FieldError, type UserEventType } from '../src/domain/events.js';
import { agendaPoints } from '../src/domain/options.js';
import { latestProposal, pointsNotAgreed, pointStatus } from './plan.agenda.js';
import { missingIdeaFields, missingIdeaMessages } from './plan.idea.js';
import { currentTerms, planMachine } from './plan.machine.js';
import { hasAuthorised, notDueReason, remindersThisWait, signatureRemindersOf } from './plan.reminders.js';
import type { PlanSnapshot } from './plan.status.js';
import type { Actor, PlanContext, PlanEvent } from './plan.types.js';
import { machines, type AnyPlanMachine } from './plan.versions.js';

// Asking the machine, and explaining its "no". A refusal is one of three
// things a person or integrator can act on: you may not do this now (403),
// you acted on something that has since changed (409), or the plan's data is
// not ready for it (422, with what is missing).

/** Guards that look at the event's data or the plan's, not at who sends it or when. */
const dataGuards = {
  isIdeaComplete: () => true, isCurrentTermsVersion: () => true, isMeetingInFuture: () => true,
  isCurrentDocument: () => true, isNotYetAuthorised: () => true, isReminderDue: () => true, isSignatureReminderDue: () => true,
  mayAgreePoint: () => true, mayDisputePoint: () => true, areAllPointsAgreed: () => true, isDisagreementToMediate: () => true,
};

/** Each process with the guards that look at data switched off: only who and when remain. */
const whoAndWhen = new Map<AnyPlanMachine, AnyPlanMachine>(machines.map((machine) => [
  machine, (machine as typeof planMachine).provide({ guards: dataGuards as never }),
]));

function relaxed(snapshot: PlanSnapshot) {
  const machine = whoAndWhen.get(snapshot.machine as AnyPlanMachine) as typeof planMachine;
  return machine.resolveState({ value: snapshot.value, context: snapshot.context });
}

export type Refusal =
  | { kind: 'forbidden'; detail?: string }
  | { kind: 'stale'; detail: string }
  | { kind: 'invalid'; errors: FieldError[] };

/** An effect the machine asks the server to carry out, such as issuing a document. */
export interface MachineAction {
  type: string;
  params?: unknown;
}

export type Decision = { ok: true; next: PlanSnapshot; actions: MachineAction[] } | { ok: false; refusal: Refusal };

export function decide(snapshot: PlanSnapshot, event: PlanEvent): Decision {
  // Every allowed event changes the snapshot (it moves or records something),
  // so an unchanged snapshot means the machine said no.
  const [next, actions] = transition(snapshot.machine, snapshot, event);
  if (next !== snapshot) return { ok: true, next, actions: actions.map(({ type, params }) => ({ type, params })) };
  return { ok: false, refusal: explainRefusal(snapshot, event) };
}

export function explainRefusal(snapshot: PlanSnapshot, event: PlanEvent): Refusal {
  if (snapshot.status !== 'active' || !relaxed(snapshot).can(event)) return { kind: 'forbidden', ...forbiddenDetail(snapshot, event) };
  const { context } = snapshot;
  switch (event.type) {
    case 'SUBMIT_FOR_AGREEMENT':
      return {
        kind: 'invalid',
        errors: missingIdeaFields(context.idea).map((path) => ({ path, message: missingIdeaMessages[path] })),
      };
    case 'ACCEPT_TERMS': {
      const latest = currentTerms(context)?.version ?? 0;
      if (event.termsVersion !== latest) {
        return { kind: 'stale', detail: `These are not the latest terms: version ${latest} is the one to accept.` };
      }
      return {
        kind: 'invalid',
        errors: pointsNotAgreed(context.agenda).map((key) => ({
          path: `agenda.${key}`, message: `Agree "${agendaPoints[key]}" with each other before accepting the terms`,
        })),
      };
    }
    case 'AGREE_POINT':
    case 'DISPUTE_POINT':
      return explainAnswer(context, event);
    case 'REQUEST_MEDIATION':
      return { kind: 'stale', detail: 'That disagreement is over, or R&D has already been asked to help with it.' };
    case 'SCHEDULE_MEETING':
      return { kind: 'invalid', errors: [{ path: 'startsAt', message: 'The meeting must be in the future' }] };
    case 'AUTHORISE_DOCUMENT': {
      const document = event.document!;
      const detail = !document.current ? 'A newer version of this document has been issued: read and authorise that one.'
        : event.sha256 !== document.sha256 ? 'The document you read is not the current version: open it again and authorise what you see.'
          : 'You have already authorised this document.';
      return { kind: 'stale', detail };
    }
    case 'SEND_REMINDER':
      return { kind: 'stale', detail: notDueReason(event.kind, remindersThisWait(context), 'wait') };
    case 'REMIND_SIGNATORY': {
      const document = event.document!;
      const detail = !document.current ? 'A newer version of this document has been issued: only that one can be authorised.'
        : hasAuthorised(context, document.id, event.signatory.userId) ? 'This person has already authorised the document.'
          : notDueReason(event.kind, signatureRemindersOf(context, document.id, event.signatory.userId), 'signature');
      return { kind: 'stale', detail };
    }
    default:
      return { kind: 'forbidden' };
  }
}

const agendaEvents = new Set(['PROPOSE_POINT', 'AGREE_POINT', 'DISPUTE_POINT']);

/** A plainer "no" where the reason is not the person's role. */
function forbiddenDetail(snapshot: PlanSnapshot, event: PlanEvent): { detail?: string } {
  if (agendaEvents.has(event.type) && !snapshot.matches('backfillPlan') && (event.actor.role === 'clinician' || event.actor.role === 'manager')) {
    return { detail: 'The points of the agenda can change only while the terms are being agreed; they were fixed when the plan went to R&D.' };
  }
  return {};
}

/** Why a person may not agree to, or dispute, a point as they asked. */
function explainAnswer(context: PlanContext, event: PlanEvent & { type: 'AGREE_POINT' | 'DISPUTE_POINT' }): Refusal {
  const point = context.agenda[event.point];
  const latest = latestProposal(point);
  const title = agendaPoints[event.point];
  if (!latest) return { kind: 'invalid', errors: [{ path: 'point', message: `Nobody has proposed "${title}" yet: propose it first` }] };
  if (event.pointVersion !== latest.version) {
    return { kind: 'stale', detail: `Version ${latest.version} of "${title}" is the latest: read it and answer that one.` };
  }
  if (latest.proposedBy.role === event.actor.role) {
    return { kind: 'forbidden', detail: `You proposed this version of "${title}": the other person agrees or disagrees with it.` };
  }
  const status = pointStatus(point);
  return { kind: 'stale', detail: `"${title}" is ${status === 'agreed' ? 'already agreed' : status === 'disputed' ? 'already disputed' : 'reopened by R&D'}: propose a new version to change it.` };
}

/**
 * The events this actor may send now, ignoring the event's own data: what a
 * page shows as buttons and the API lists as `availableEvents`.
 */
export function availableEvents(snapshot: PlanSnapshot, actor: Actor): UserEventType[] {
  // A finished plan accepts nothing; `resolveState` would forget that it is finished.
  if (snapshot.status !== 'active') return [];
  // Snapshots never change, and a plan's page asks this for the same person again and
  // again: remember the answer for the snapshot's lifetime (a copy, so no caller can alter it).
  const key = `${actor.role}\u0000${actor.userId}\u0000${actor.organisationId}`;
  const known = answered.get(snapshot)?.get(key);
  if (known) return [...known];
  const probe = relaxed(snapshot);
  const at = new Date(0).toISOString();
  const events = userEventTypes.filter((type) => probe.can({ type, actor, at } as PlanEvent));
  let forSnapshot = answered.get(snapshot);
  if (!forSnapshot) answered.set(snapshot, (forSnapshot = new Map()));
  forSnapshot.set(key, events);
  return [...events];
}

const answered = new WeakMap<PlanSnapshot, Map<string, UserEventType[]>>();

/** Comments and withdrawal are open at every step; every other event moves the plan on. */
const alwaysOpen: ReadonlySet<UserEventType> = new Set(['COMMENT', 'WITHDRAW']);

/** The events with which this actor would move the plan on now: what "waiting for you" means. */
export function progressEvents(snapshot: PlanSnapshot, actor: Actor): UserEventType[] {
  return availableEvents(snapshot, actor).filter((type) => !alwaysOpen.has(type));
}
