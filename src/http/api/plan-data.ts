import type { AgendaData, PlanData } from '../../domain/api.js';
import { agendaKeys, agendaPoints } from '../../domain/options.js';
import { latestProposal, pointStatus } from '../../../workflows/plan.agenda.js';
import { isLegacyPlan } from '../../../workflows/plan.versions.js';
import { currentTerms } from '../../../workflows/plan.machine.js';
import type { ApplicationAttempt, PlanContext, Stamp, TermsProposal } from '../../../workflows/plan.types.js';

// What GET /api/v1/plans/:id returns as `data`: the machine's context regrouped
// by step, in the words of the API (DESIGN section 5). Who recorded a step and
// when are named for what they did (`agreedBy`, `signedOffAt`), so a reader of
// the JSON does not need to know the internal shape of the snapshot.

const ref = (stamp: Stamp) => ({ userId: stamp.by.userId, role: stamp.by.role });
/** A record's own fields, without the stamp the machine keeps beside them. */
const fieldsOf = <T extends Stamp>({ by: _by, at: _at, ...fields }: T) => fields;

function proposal(p: TermsProposal) {
  return { termsVersion: p.version, proposedBy: { ...p.proposedBy }, proposedAt: p.proposedAt, ...p.terms, ...(p.comment ? { comment: p.comment } : {}) };
}

function attempt(a: ApplicationAttempt) {
  const { outcome, ...fields } = fieldsOf(a);
  return {
    ...fields, submittedBy: ref(a), submittedAt: a.at,
    outcome: outcome ? { ...fieldsOf(outcome), recordedBy: ref(outcome), recordedAt: outcome.at } : null,
  };
}

function terms(context: PlanContext): PlanData['terms'] {
  const current = currentTerms(context);
  if (!current) return null;
  const accepted = context.acceptedTerms;
  return {
    ...proposal(current),
    acceptedBy: accepted ? ref(accepted) : null,
    acceptedAt: accepted?.at ?? null,
    versions: context.terms.map(proposal),
  };
}

function meeting(context: PlanContext): PlanData['meeting'] {
  const { meeting: scheduled, meetingRecord: record } = context;
  if (!scheduled) return null;
  const { sequence: _sequence, ...schedule } = fieldsOf(scheduled);
  return {
    ...schedule, scheduledBy: ref(scheduled), scheduledAt: scheduled.at,
    record: record ? { ...fieldsOf(record), recordedBy: ref(record), recordedAt: record.at } : null,
  };
}

/** A note kept in the plan (a comment, a change request), with who wrote it and when. */
const note = <T extends Stamp>(kept: T) => ({ ...fieldsOf(kept), by: ref(kept), at: kept.at });

export function planData(context: PlanContext): PlanData {
  const { agreement, signOff, applications } = context;
  const latest = applications.at(-1);
  return {
    idea: Object.keys(context.idea).length ? { ...context.idea } : null,
    agreement: agreement ? { ...fieldsOf(agreement), agreedBy: ref(agreement), agreedAt: agreement.at } : null,
    terms: terms(context),
    signOff: signOff ? { ...fieldsOf(signOff), signedOffBy: ref(signOff), signedOffAt: signOff.at } : null,
    meeting: meeting(context),
    application: latest ? { ...attempt(latest), attempts: applications.map(attempt) } : null,
    comments: context.comments.map(note),
    changeRequests: context.changeRequests.map(note),
    declined: context.declined ? note(context.declined) : null,
    reopenings: context.reopenings.map(note),
    withdrawn: context.withdrawn ? note(context.withdrawn) : null,
    award: award(context),
    // A plan of 1.0 has no reassignments in its context.
    reassignments: (context.reassignments ?? []).map(note),
  };
}

function award(context: PlanContext): PlanData['award'] {
  const conditions = context.conditions ?? [];
  if (!conditions.length && !context.training && !context.completion) return null;
  return {
    conditions: conditions.map(({ confirmed, ...condition }) => ({ ...condition, confirmed: confirmed ? note(confirmed) : null })),
    training: context.training ? note(context.training) : null,
    completion: context.completion ? note(context.completion) : null,
  };
}

/** The agenda as DESIGN section 9 gives it; null for a plan of 1.0, which has none. */
export function agendaData(context: PlanContext): AgendaData | null {
  if (isLegacyPlan(context)) return null;
  const points = agendaKeys.map((key) => {
    const point = context.agenda[key];
    const latest = latestProposal(point);
    const status = pointStatus(point);
    return {
      key, title: agendaPoints[key], status, version: latest?.version ?? 0,
      position: latest?.position ?? null, answers: latest?.answers ?? {},
      proposedBy: latest ? { ...latest.proposedBy } : null, proposedAt: latest?.proposedAt ?? null,
      ...(point.agreed ? { agreedBy: ref(point.agreed), agreedAt: point.agreed.at } : {}),
      ...(point.dispute ? { dispute: { reason: point.dispute.reason, by: ref(point.dispute), at: point.dispute.at } } : {}),
      ...(latest?.comment ? { comment: latest.comment } : {}),
    };
  });
  return { agreed: points.filter((p) => p.status === 'agreed').length, total: points.length, points };
}
