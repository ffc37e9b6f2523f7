import { hasAuthorised, isDue, remindersThisWait, signatureRemindersOf } from '../plan.reminders.js';
import type { DocumentFacts, PlanEvent } from '../plan.types.js';
import { stamp, update, updateOnEntry, when, type GuardArgs } from './common.js';

// What may happen in every state that is not final: comments, withdrawal,
// authorising an issued document, and the scheduler's reminders.

/** The document an event is about and whose signature: the sender's own, or the signatory the scheduler reminds. */
function signatureOf(event: PlanEvent): { document: DocumentFacts; signatory: { userId: string; role: string } } | null {
  if (event.type === 'AUTHORISE_DOCUMENT') return event.document ? { document: event.document, signatory: event.actor } : null;
  if (event.type === 'REMIND_SIGNATORY') return event.document ? { document: event.document, signatory: event.signatory } : null;
  return null;
}

export const openGuards = {
  isReminderDue: when('SEND_REMINDER', (context, event) => isDue(event.kind, remindersThisWait(context))),
  isSignatureReminderDue: when('REMIND_SIGNATORY', (context, event) =>
    !!event.document && isDue(event.kind, signatureRemindersOf(context, event.document.id, event.signatory.userId))),
  // The next three hold for an authorisation (by its sender) and for a signatory's reminder (about them).
  isDocumentSignatory: ({ event }: GuardArgs) => {
    const s = signatureOf(event);
    return !!s && s.document.signatories.some((d) => d.userId === s.signatory.userId && d.role === s.signatory.role);
  },
  isCurrentDocument: ({ event }: GuardArgs) => {
    const s = signatureOf(event);
    return !!s?.document.current && (event.type !== 'AUTHORISE_DOCUMENT' || event.sha256 === s.document.sha256);
  },
  isNotYetAuthorised: ({ context, event }: GuardArgs) => {
    const s = signatureOf(event);
    return !!s && !hasAuthorised(context, s.document.id, s.signatory.userId);
  },
};

export const openActions = {
  startWait: updateOnEntry(({ context, event }) => ({ waitingSince: event.at ?? context.waitingSince })),
  recordReminder: update('SEND_REMINDER', (context, e) => ({ reminders: [...context.reminders, { kind: e.kind, at: e.at }] })),
  recordSignatureReminder: update('REMIND_SIGNATORY', (context, e) => ({
    signatureReminders: [...(context.signatureReminders ?? []), { documentId: e.document!.id, userId: e.signatory.userId, kind: e.kind, at: e.at }],
  })),
  recordAuthorisation: update('AUTHORISE_DOCUMENT', (context, e) => {
    const document = e.document!;
    return {
      authorisations: [...context.authorisations, {
        documentId: document.id, kind: document.kind, number: document.number, sha256: e.sha256, statement: e.statement, ...stamp(e),
      }],
    };
  }),
  recordWithdrawal: update('WITHDRAW', (_, e) => ({ withdrawn: { reason: e.reason, ...stamp(e) } })),
  recordComment: update('COMMENT', (context, e) => ({ comments: [...context.comments, { text: e.text, ...stamp(e) }] })),
};
