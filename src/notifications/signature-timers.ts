import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { DocumentKind } from '../domain/options.js';
import type { TransitionChange } from '../plans/plan.service.js';
import { finalStates } from '../../workflows/plan.status.js';
import { DOCUMENT_AUTHORISATION, dueAtFor, escalationAt, type DueSettings } from './due-dates.js';

// Each signatory's next reminder or escalation for a document they have still
// to authorise. Started when the document is issued, moved on to the
// escalation by the reminder, and gone once they authorise, once the
// escalation is sent, once a newer version replaces the document (the old one
// can no longer be authorised) or once the plan is finished. Always written in
// the transaction of the change that causes it.

export interface IssuedDocument {
  planId: string;
  documentId: string;
  kind: DocumentKind;
  issuedAt: string;
  signatories: Array<{ userId: string }>;
}

/** In the transaction that issues a document: its signatories' timers, in place of those of the versions before it. */
export async function startSignatureTimers(trx: Kysely<Database>, document: IssuedDocument, settings: DueSettings): Promise<void> {
  const { planId, documentId, kind } = document;
  const older = trx.selectFrom('documents').select('id').where('plan_id', '=', planId).where('kind', '=', kind).where('id', '!=', documentId);
  await trx.deleteFrom('signature_timers').where('plan_id', '=', planId).where('document_id', 'in', older).execute();
  const fireAt = dueAtFor(DOCUMENT_AUTHORISATION, document.issuedAt, settings);
  const userIds = [...new Set(document.signatories.map((s) => s.userId))];
  if (!fireAt || !userIds.length) return;
  await trx.insertInto('signature_timers')
    .values(userIds.map((userId) => ({ document_id: documentId, user_id: userId, plan_id: planId, kind: 'reminder', fire_at: fireAt })))
    .execute();
}

/** The plan service's onTransition work: after a signatory's reminder, their authorisation, or the end of the plan. */
export async function keepSignatureTimers(change: TransitionChange, settings: DueSettings): Promise<void> {
  const { trx, planId, event } = change;
  if (change.after.status !== 'active') {
    await trx.deleteFrom('signature_timers').where('plan_id', '=', planId).execute();
  } else if (event.type === 'REMIND_SIGNATORY' && event.document) {
    const key = { documentId: event.document.id, userId: event.signatory.userId };
    if (event.kind === 'reminder') await setTimer(trx, planId, key, escalationAt(event.at, settings));
    else await dropTimer(trx, key);
  } else if (event.type === 'AUTHORISE_DOCUMENT' && event.document) {
    await dropTimer(trx, { documentId: event.document.id, userId: event.actor.userId });
  }
}

export interface SignatureKey {
  documentId: string;
  userId: string;
}

async function setTimer(trx: Kysely<Database>, planId: string, key: SignatureKey, fireAt: string) {
  await trx.insertInto('signature_timers')
    .values({ document_id: key.documentId, user_id: key.userId, plan_id: planId, kind: 'escalation', fire_at: fireAt })
    .onConflict((oc) => oc.columns(['document_id', 'user_id']).doUpdateSet({ kind: 'escalation', fire_at: fireAt }))
    .execute();
}

export async function dropTimer(db: Kysely<Database>, key: SignatureKey, only?: { kind: string; fireAt: string }): Promise<void> {
  let query = db.deleteFrom('signature_timers').where('document_id', '=', key.documentId).where('user_id', '=', key.userId);
  if (only) query = query.where('kind', '=', only.kind).where('fire_at', '=', only.fireAt);
  await query.execute();
}

export interface DueSignature {
  planId: string;
  documentId: string;
  userId: string;
  role: string;
  kind: string;
  fireAt: string;
  version: number;
}

/** Signatories' timers that have come, on plans not finished: oldest first, with the plan's version as read now. */
export async function dueSignatureTimers(db: Kysely<Database>, now: string, limit: number): Promise<DueSignature[]> {
  const rows = await db.selectFrom('signature_timers as t')
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .innerJoin('document_signatures as s', (join) => join.onRef('s.document_id', '=', 't.document_id').onRef('s.user_id', '=', 't.user_id'))
    .select(['t.plan_id', 't.document_id', 't.user_id', 's.role', 't.kind', 't.fire_at', 'p.version'])
    .where('t.fire_at', '<=', now)
    .where('p.top_state', 'not in', finalStates)
    .orderBy('t.fire_at').orderBy('t.plan_id').orderBy('t.document_id').orderBy('t.user_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    planId: r.plan_id, documentId: r.document_id, userId: r.user_id, role: r.role, kind: r.kind, fireAt: r.fire_at, version: Number(r.version),
  }));
}
