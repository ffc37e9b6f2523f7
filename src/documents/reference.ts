import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { DocumentKind } from '../domain/options.js';

// A reference a person can read out on the phone: "TA-2026-0042-v2" is the
// training agreement of the trust's 42nd plan of 2026, version 2. Plans are
// numbered within their organisation and the year they were started, in the
// order they were started; plans are never deleted, so a number never moves.
// The UUIDs stay in the documents' technical details.

const prefixes: Record<DocumentKind, string> = {
  'training-agreement': 'TA',
  'meeting-record': 'MR',
  'letter-of-support': 'LS',
  'supervisor-letter': 'SL',
};

/** "2026-0042": the year the plan was started and its place among the organisation's plans of that year. */
export async function planReference(db: Kysely<Database>, planId: string): Promise<string | null> {
  const plan = await db.selectFrom('plans').select(['organisation_id', 'created_at']).where('id', '=', planId).executeTakeFirst();
  if (!plan) return null;
  // London and UTC agree at the turn of the year (GMT), so the UTC year is the year in England.
  const year = plan.created_at.slice(0, 4);
  const { n } = await db.selectFrom('plans').select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('organisation_id', '=', plan.organisation_id)
    .where('created_at', '>=', `${year}-01-01`)
    .where((eb) => eb.or([eb('created_at', '<', plan.created_at), eb.and([eb('created_at', '=', plan.created_at), eb('id', '<=', planId)])]))
    .executeTakeFirstOrThrow();
  return `${year}-${String(Number(n)).padStart(4, '0')}`;
}

/** "TA-2026-0042": a kind of document of one plan. */
export const kindReference = (kind: DocumentKind, plan: string) => `${prefixes[kind]}-${plan}`;

/** "TA-2026-0042-v2": one version; null for documents issued before references existed. */
export const documentReference = (content: { reference?: string }, version: number) =>
  (content.reference ? `${content.reference}-v${version}` : null);
