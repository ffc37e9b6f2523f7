import type { PlanContext, PlanEvent, ReminderKind } from './plan.types.js';

// When the scheduler may remind: once, then escalate once after that reminder.
// The same rule holds for each wait of the plan and for each signatory of each
// document; the machine's guards and its explanations of a refusal both use it.

/** The reminders and escalations sent in the wait the plan is in now. */
export const remindersThisWait = (context: PlanContext): ReminderKind[] =>
  context.reminders.filter((r) => r.at >= context.waitingSince).map((r) => r.kind);

/** Those sent to this signatory about this document (none in snapshots stored before signature reminders). */
export const signatureRemindersOf = (context: PlanContext, documentId: string, userId: string): ReminderKind[] =>
  (context.signatureReminders ?? []).filter((r) => r.documentId === documentId && r.userId === userId).map((r) => r.kind);

/**
 * Events that change nothing a person reads or decides on: reminders,
 * escalations, asking R&D to help, and someone authorising a document. An
 * action someone took on the plan as it was just before them still stands:
 * the plan service applies it on top of them instead of answering "someone
 * else changed this plan" (README, decision 8).
 */
export const PASSED_OVER_EVENTS: ReadonlySet<string> = new Set<PlanEvent['type']>([
  'SEND_REMINDER', 'REMIND_SIGNATORY', 'REQUEST_MEDIATION', 'AUTHORISE_DOCUMENT',
]);

/** Has the plan, since the version a person saw, changed only in ways they were not deciding on? */
export const onlyPassedOverSince = (typesSince: readonly string[]): boolean =>
  typesSince.length > 0 && typesSince.every((type) => PASSED_OVER_EVENTS.has(type));

/** A reminder only if none was sent; an escalation only after the reminder, and only once. */
export const isDue = (kind: ReminderKind, sent: ReminderKind[]): boolean =>
  kind === 'reminder' ? sent.length === 0 : sent.includes('reminder') && !sent.includes('escalation');

/** Why it is not due, for the 409 the scheduler gets: `what` is "wait" or "signature". */
export function notDueReason(kind: ReminderKind, sent: ReminderKind[], what: string): string {
  if (kind === 'escalation' && !sent.includes('reminder')) return `No reminder has been sent for this ${what} yet: the escalation comes after it.`;
  return `${kind === 'reminder' ? 'A reminder' : 'An escalation'} has already been sent for this ${what}.`;
}

/** Has this person authorised this document (by the machine's own record)? */
export const hasAuthorised = (context: PlanContext, documentId: string, userId: string): boolean =>
  context.authorisations.some((a) => a.documentId === documentId && a.by.userId === userId);
