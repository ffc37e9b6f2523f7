import type { Kysely } from 'kysely';
import { findUserById } from '../../accounts/accounts.repository.js';
import type { Database } from '../../db/database.js';
import { roleLabels } from '../../../workflows/plan.labels.js';
import { currentTerms } from '../../../workflows/plan.machine.js';
import type { PlanContext } from '../../../workflows/plan.types.js';
import { isLegacyPlan } from '../../../workflows/plan.versions.js';
import { meetingFields } from '../../presenters/fields.js';
import { formatDate } from '../../presenters/format.js';
import { answerRows } from './answers.js';
import { ideaRows } from './idea.form.js';
import { termsRows } from './terms.form.js';
import { planChecks } from '../../schemes/checks.js';
import type { Role } from '../../domain/options.js';
import { peopleFor } from './reader.js';

// What a form page shows about the plan so the person can decide without
// opening another tab: the idea a manager agrees to, the terms someone accepts
// or signs off, the meeting being recorded, the reason a plan was declined.


/** "Sam Patel (manager)", or the role alone when the account has gone. */
async function namer(db: Kysely<Database>) {
  const names = new Map<string, string>();
  return async (by: { userId: string; role: string }) => {
    if (!names.has(by.userId)) names.set(by.userId, (await findUserById(db, by.userId))?.name ?? '');
    const role = roleLabels[by.role as keyof typeof roleLabels] ?? by.role;
    return names.get(by.userId) ? `${names.get(by.userId)} (${role})` : `The ${role}`;
  };
}

/** The request for changes the plan is waiting on, if it is in the step that answers it. */
function openChangeRequest(context: PlanContext, state: string): PlanContext['changeRequests'][number] | undefined {
  const request = context.changeRequests.at(-1);
  const reopened = context.reopenings.at(-1)?.at ?? '';
  if (!request || request.at < reopened) return undefined;
  const answeredIn = request.kind === 'REQUEST_CHANGES' ? 'researchIdea.revising' : 'backfillPlan.drafting';
  return state === answeredIn ? request : undefined;
}

/** `role` is the reader's: the terms name the clinician as "you" to the clinician, by name to everyone else. */
export async function planFacts(db: Kysely<Database>, context: PlanContext, state: string, role: Role | 'system') {
  const nameOf = await namer(db);
  const clinician = (await findUserById(db, context.clinicianId))?.name ?? 'the clinician';
  const manager = (await findUserById(db, context.managerId))?.name ?? 'the manager';
  const people = peopleFor(role, { clinician, manager, supervisor: context.meeting?.supervisorName });
  const proposal = currentTerms(context);
  const accepted = context.acceptedTerms && context.terms.find((t) => t.version === context.acceptedTerms?.version);
  const request = openChangeRequest(context, state);
  const application = context.applications.at(-1);
  return {
    ...people,
    clinicianName: clinician,
    /** A plan of 1.1 discusses an agenda; a plan of 1.0 does not. */
    hasAgenda: !isLegacyPlan(context),
    managerName: manager,
    ideaRows: ideaRows(context),
    terms: proposal && {
      version: proposal.version,
      proposedBy: await nameOf(proposal.proposedBy),
      proposedOn: formatDate(proposal.proposedAt),
      comment: proposal.comment ?? '',
      rows: termsRows(proposal.terms, people.theClinician),
    },
    acceptedTerms: accepted && { version: accepted.version, rows: termsRows(accepted.terms, people.theClinician) },
    changeRequest: request && { byName: await nameOf(request.by), comment: request.comment },
    meeting: context.meeting && { rows: answerRows(meetingFields, context.meeting) },
    declined: context.declined && { byName: await nameOf(context.declined.by), reason: context.declined.reason },
    outcome: application?.outcome && { feedback: application.outcome.feedback ?? '' },
    checks: planChecks(context),
  };
}
