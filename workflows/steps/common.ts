import { and, assign, enqueueActions } from 'xstate';
import type { Role } from '../../src/domain/options.js';
import type { ActorRef, PlanContext, PlanEvent, PlanEventOf, StateMeta } from '../plan.types.js';

// What every step of the process shares: stamping who did something and when,
// reading an event's own fields, and the events open in every state that is
// not final. Each step file exports its state node, guards and actions; the
// root (workflows/plan.machine.ts) assembles them.

export interface GuardArgs {
  context: PlanContext;
  event: PlanEvent;
}

/** Only people's events are stamped; the scheduler's own events record just their time. Cover is kept in the stamp. */
export const ref = ({ userId, role, onBehalfOf }: PlanEvent['actor']): ActorRef =>
  ({ userId, role: role as Role, ...(onBehalfOf ? { onBehalfOf: { userId: onBehalfOf.userId, role: onBehalfOf.role } } : {}) });
export const stamp = (e: PlanEvent) => ({ by: ref(e.actor), at: e.at });
export const meta = (m: StateMeta) => m;

/** Drop blank optional answers so a cleared field is absent, not an empty string. */
export function present<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

/** An event's own fields: what the person sent, without the type, the actor and the time. */
export function fieldsOf<E extends PlanEvent>(event: E): Omit<E, 'type' | 'actor' | 'at'> {
  const { type: _t, actor: _a, at: _at, ...fields } = event;
  return fields;
}

/** An action that updates the context from whatever event caused it (an entry action). */
export const updateOnEntry = (change: (args: GuardArgs) => Partial<PlanContext>) =>
  assign<PlanContext, PlanEvent, undefined, PlanEvent, never>(change);

/**
 * An action that decides, from the context and the event, which other actions to run (such as issuing
 * documents). The actions it names are checked when the machine runs, not by the compiler: pass them as `named()`.
 */
export const enqueue = (collect: Parameters<typeof enqueueActions<PlanContext, PlanEvent, undefined, PlanEvent, never, never, never, never, never>>[0]) =>
  enqueueActions<PlanContext, PlanEvent, undefined, PlanEvent, never, never, never, never, never>(collect);

/** A named action with its parameters, to enqueue. */
export const named = (action: { type: string; params?: unknown }) => action as never;

/** An action that updates the context from one type of event. */
export function update<T extends PlanEvent['type']>(_type: T, change: (context: PlanContext, event: PlanEventOf<T>) => Partial<PlanContext>) {
  return updateOnEntry(({ context, event }) => change(context, event as PlanEventOf<T>));
}

/** A guard that reads one type of event (false for any other). */
export function when<T extends PlanEvent['type']>(type: T, test: (context: PlanContext, event: PlanEventOf<T>) => boolean) {
  return ({ context, event }: GuardArgs) => event.type === type && test(context, event as PlanEventOf<T>);
}

// Commenting, authorising, the scheduler's reminders and handing the plan to
// another person are open in every state that is not final; withdrawing, only
// before the award. They are listed on each such state, not on the root:
// XState still takes a root transition after the plan has reached a final state.
export const afterAward = {
  COMMENT: {
    guard: 'isParticipant',
    actions: 'recordComment',
  },
  AUTHORISE_DOCUMENT: {
    guard: and(['isDocumentSignatory', 'isCurrentDocument', 'isNotYetAuthorised']),
    actions: 'recordAuthorisation',
  },
  SEND_REMINDER: {
    guard: and(['isSystem', 'isReminderDue']),
    actions: 'recordReminder',
  },
  REMIND_SIGNATORY: {
    guard: and(['isSystem', 'isDocumentSignatory', 'isCurrentDocument', 'isNotYetAuthorised', 'isSignatureReminderDue']),
    actions: 'recordSignatureReminder',
  },
  REASSIGN: {
    guard: and(['isTrustRdLeadOrAdmin', 'isValidReassignment']),
    actions: 'reassign',
  },
  REISSUE_DOCUMENT: {
    guard: and(['isTrustRdLeadOrAdmin', 'hasIssuedKind']),
    actions: 'reissue',
  },
} as const;

export const whileOpen = {
  ...afterAward,
  WITHDRAW: {
    guard: 'isPlanClinician',
    target: '#plan.withdrawn',
    actions: 'recordWithdrawal',
  },
} as const;

/** Entering a state that waits on someone starts a new wait (for due dates and reminders). */
export const waits = { entry: 'startWait' } as const;
