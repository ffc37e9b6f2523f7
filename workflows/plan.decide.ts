import { transition } from 'xstate';
import { userEventTypes, type FieldError, type UserEventType } from '../src/domain/events.js';
import { agendaPoints, documentKinds, reassignableRoles, type Role } from '../src/domain/options.js';
import { londonDate } from './plan.dates.js';
import { roleLabels } from './plan.labels.js';
import { unconfirmed } from './steps/award.js';
import { missingSignatures } from './steps/documents.js';
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
  isHeldOnPossible: () => true, isSubmittedOnPossible: () => true, isDecidedOnPossible: () => true, areAllDocumentsAuthorised: () => true,
  mayConfirmCondition: () => true, areAllConditionsConfirmed: () => true, isValidReassignment: () => true,
  // Offered only once there is a document to reissue; which kind is the event's data.
  hasIssuedKind: ({ context }: { context: PlanContext }) => Object.keys(context.issued ?? {}).length > 0,
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
    case 'RECORD_MEETING':
    case 'SUBMIT_APPLICATION':
    case 'RECORD_OUTCOME':
    case 'START_TRAINING':
    case 'CONFIRM_CONDITION':
    case 'REASSIGN':
    case 'REISSUE_DOCUMENT':
      return explainAfterSignOff(context, event);
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
  if (event.type === 'REISSUE_DOCUMENT' && !Object.keys(snapshot.context.issued ?? {}).length) {
    return { detail: 'No document has been issued for this plan yet, so there is nothing to reissue.' };
  }
  return {};
}

/** The "no" of the steps after sign-off: a date that cannot be yet, signatures or conditions still missing. */
function explainAfterSignOff(context: PlanContext, event: PlanEvent): Refusal {
  switch (event.type) {
    case 'RECORD_MEETING': {
      const signedOn = context.signOff ? londonDate(context.signOff.at) : '';
      const message = event.heldOn > londonDate(event.at) ? 'The date the meeting took place must be today or in the past'
        : `The date the meeting took place must be on or after ${readableDate(signedOn)}, when R&D signed off the plan`;
      return { kind: 'invalid', errors: [{ path: 'heldOn', message }] };
    }
    case 'RECORD_OUTCOME':
      return { kind: 'invalid', errors: [{ path: 'decidedOn', message: 'The date of the decision must be today or in the past' }] };
    case 'SUBMIT_APPLICATION': {
      if (event.submittedOn > londonDate(event.at)) {
        return { kind: 'invalid', errors: [{ path: 'submittedOn', message: 'The date you submitted must be today or in the past' }] };
      }
      return {
        kind: 'invalid',
        errors: missingSignatures(context).map((m) => ({
          path: `documents.${m.kind}`, message: `The ${documentKinds[m.kind].toLowerCase()} waits for the ${roleLabels[m.role as Role]}'s authorisation`,
        })),
      };
    }
    case 'START_TRAINING':
      return {
        kind: 'invalid',
        errors: unconfirmed(context).map((c) => ({ path: `conditions.${c.key}`, message: `Confirm first: ${c.text.charAt(0).toLowerCase()}${c.text.slice(1)}` })),
      };
    case 'CONFIRM_CONDITION': {
      const condition = context.conditions.find((c) => c.key === event.condition);
      if (!condition) return { kind: 'invalid', errors: [{ path: 'condition', message: `This award has no condition called "${event.condition}"` }] };
      if (condition.confirmed) return { kind: 'stale', detail: `“${condition.text}” is already confirmed.` };
      return { kind: 'forbidden', detail: `“${condition.text}” is for the ${roleLabels[condition.owner]} to confirm.` };
    }
    case 'REASSIGN': {
      const target = event.target;
      const message = !target ? 'There is no such account'
        : !target.active ? `${target.name}'s account is not active`
          : target.role !== event.role ? `${target.name} is not a ${reassignableRoles[event.role]}`
            : event.role === 'manager' && target.organisationId !== context.organisationId ? `${target.name} is not a manager of this trust`
              : `${target.name} already has this role on the plan`;
      return { kind: 'invalid', errors: [{ path: 'userId', message }] };
    }
    case 'REISSUE_DOCUMENT':
      return { kind: 'invalid', errors: [{ path: 'kind', message: `No ${documentKinds[event.kind].toLowerCase()} has been issued for this plan yet` }] };
    default:
      return { kind: 'forbidden' };
  }
}

const readableDate = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

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
  const key = `${actor.role}\u0000${actor.userId}\u0000${actor.organisationId}\u0000${actor.onBehalfOf?.userId ?? ''}`;
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

/** Open at every step, or for R&D and administrators' housekeeping; every other event moves the plan on. */
const alwaysOpen: ReadonlySet<UserEventType> = new Set(['COMMENT', 'WITHDRAW', 'REASSIGN', 'REISSUE_DOCUMENT']);

/** The events with which this actor would move the plan on now: what "waiting for you" means. */
export function progressEvents(snapshot: PlanSnapshot, actor: Actor): UserEventType[] {
  return availableEvents(snapshot, actor).filter((type) => !alwaysOpen.has(type));
}
