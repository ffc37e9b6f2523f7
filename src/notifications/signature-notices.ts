import { documentHref } from '../documents/documents.presenter.js';
import { documentNames } from '../documents/names.js';
import type { TransitionChange } from '../plans/plan.service.js';
import { DOCUMENT_AUTHORISATION, dueAtFor, type DueSettings } from './due-dates.js';
import { signatureEscalationMessage, signatureReminderMessage, type OverdueSignature } from './messages.js';
import type { Notice } from './notice.js';
import { escalationRole, nameOf, partyOf } from './recipients.js';
import { topics } from './tasks.js';

// Who hears of a signatory's reminder: the signatory, asked to authorise; and
// of the escalation that follows it: the trust's R&D leads, or its
// administrators when the signatory is an R&D lead. Both link to the document.

export async function signatureNotices(change: TransitionChange, settings: DueSettings): Promise<Notice[]> {
  const { trx, event, after, planId } = change;
  if (event.type !== 'REMIND_SIGNATORY' || !event.document) return [];
  const { document, signatory } = event;
  const issued = await trx.selectFrom('documents').select('issued_at').where('id', '=', document.id).executeTakeFirstOrThrow();
  const context = after.context;
  const name = documentNames[document.kind];
  const signature: OverdueSignature = {
    document: name, number: document.number, issuedAt: issued.issued_at,
    dueAt: dueAtFor(DOCUMENT_AUTHORISATION, issued.issued_at, settings),
    remindedAt: context.signatureReminders?.find((r) => r.documentId === document.id && r.userId === signatory.userId && r.kind === 'reminder')?.at,
  };
  const path = documentHref(planId, document.id);
  if (event.kind === 'reminder') {
    return [{
      to: { userId: signatory.userId }, kind: 'reminder', message: signatureReminderMessage(context, signature), path,
      topic: topics.sign(document.kind), asked: `read and authorise the ${name}`, dueAt: signature.dueAt,
    }];
  }
  const who = await nameOf(trx, signatory);
  const message = signatureEscalationMessage(context, signature, who);
  return (await partyOf(trx, context, escalationRole(signatory.role))).map((to): Notice => ({
    to, kind: 'escalation', message, path, topic: topics.followUpSignature(document.kind, signatory.userId), asked: `follow it up with ${who}`, dueAt: null,
  }));
}
