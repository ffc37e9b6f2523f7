import type { Kysely } from 'kysely';
import { stateLabels, stepLabels } from '../../workflows/plan.labels.js';
import { statusOf, type PlanSnapshot } from '../../workflows/plan.status.js';
import type { Database } from '../db/database.js';
import { formatDate } from '../presenters/format.js';
import type { Recipient } from './outbox.js';
import { describeParty, partyOf, sameRecipient } from './recipients.js';

// The plan in two lines, as every notification carries it: which plan and
// whose, then where it stands and who holds it. Written when the notification
// is, so the email says what was true when it was sent.

export interface PlanSummary {
  /** Line 1: “Falls after hip fracture”, Alex Morgan's plan */
  plan: string;
  /** Where it stands, for a reader who is not the one it waits on, and for one who is. */
  standsFor(reader: Recipient): string;
}

export async function planSummary(trx: Kysely<Database>, snapshot: PlanSnapshot): Promise<PlanSummary> {
  const { context } = snapshot;
  const { state, step, awaitingRole } = statusOf(snapshot);
  const clinician = await trx.selectFrom('users').select('name').where('id', '=', context.clinicianId).executeTakeFirst();
  const where = step ? stepLabels[step].title : stateLabels[state]?.status ?? state;
  const holders = awaitingRole ? await partyOf(trx, context, awaitingRole) : [];
  const holder = awaitingRole ? await describeParty(trx, context, awaitingRole) : null;
  const since = ` since ${formatDate(context.waitingSince)}`;
  return {
    plan: `“${context.title}”, ${clinician ? `${clinician.name}'s plan` : 'a clinician’s plan'}`,
    standsFor: (reader) => {
      if (!holder) return `Where it stands: ${where}.`;
      const you = holders.some((h) => sameRecipient(h, reader));
      return `Where it stands: ${where}, waiting for ${you ? 'you' : holder}${since}.`;
    },
  };
}

export const summaryText = (summary: PlanSummary, reader: Recipient) => `${summary.plan}\n${summary.standsFor(reader)}`;
