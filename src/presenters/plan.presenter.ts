import { availableEvents, progressEvents } from '../../workflows/plan.decide.js';
import { eventLabels, roleLabels, stateLabels, stepLabels } from '../../workflows/plan.labels.js';
import { currentTerms } from '../../workflows/plan.machine.js';
import { statusOf, type PlanSnapshot } from '../../workflows/plan.status.js';
import { steps, type Actor, type Step, type Stamp } from '../../workflows/plan.types.js';
import { eventHref } from '../http/links.js';
import {
  agreementFields, applicationFields, changesBetween, ideaFields, meetingFields, meetingRecordFields, outcomeFields,
  rowsOf, signOffFields, termsFields,
} from './fields.js';
import { formatDate, formatDateTime } from './format.js';
import { deadlineView } from '../notifications/deadline.js';
import { personLabel, type Names } from './people.js';
import type { PlanDocumentLink } from '../documents/plan-documents.js';
import { agendaSummary } from './agenda.presenter.js';

// Everything the plan page shows, worked out from the snapshot and the machine.

const progressOf = (s: PlanSnapshot): Record<Step, boolean> => {
  const c = s.context;
  return {
    idea: c.agreement !== null || s.matches('managerAgreement'),
    agreement: c.agreement !== null,
    terms: c.acceptedTerms !== null,
    signOff: c.signOff !== null,
    meeting: c.meetingRecord !== null,
    application: s.matches('awarded') || s.matches('completed'),
    award: s.matches('completed'),
  };
};

/** Users of the plan whose names the page needs. */
export function peopleIn(s: PlanSnapshot): string[] {
  const c = s.context;
  const stamps: Array<Stamp | null> = [c.agreement, c.acceptedTerms, c.signOff, c.meeting, c.meetingRecord, c.declined, c.withdrawn,
    ...c.changeRequests, ...c.comments, ...c.applications, ...c.reopenings];
  return [c.clinicianId, c.managerId, c.supervisorId, ...c.terms.map((t) => t.proposedBy.userId), ...stamps.map((x) => x?.by.userId)]
    .filter((id): id is string => !!id);
}

function taskList(s: PlanSnapshot, planId: string, names: Names, viewer: Actor) {
  const status = statusOf(s);
  const done = progressOf(s);
  const waitingOn = status.awaitingRole === 'clinician' ? names.get(s.context.clinicianId)
    : status.awaitingRole === 'manager' ? names.get(s.context.managerId)
      : status.awaitingRole === 'supervisor' && s.context.supervisorId ? names.get(s.context.supervisorId) : undefined;
  const progress = progressEvents(s, viewer)[0];
  const waiting = !status.awaitingRole ? ''
    : progress && viewer.role === status.awaitingRole ? 'Waiting for you'
      : `Waiting for ${waitingOn ?? `the ${roleLabels[status.awaitingRole]}`}`;
  return steps.map((step) => {
    const current = status.step === step;
    const base = { title: stepLabels[step].title, hint: stepLabels[step].hint, id: `step-${step}` };
    if (current && s.matches('declined')) return { ...base, status: 'Declined', statusTag: 'red' };
    if (current && s.matches('notAwarded')) return { ...base, status: 'Not awarded', statusTag: 'orange' };
    if (current) return { ...base, status: waiting, statusTag: 'blue', href: progress ? eventHref(planId, progress) : `#${step}` };
    if (done[step]) return { ...base, status: 'Completed', href: `#${step}` };
    if (s.matches('declined') && s.context.declined?.stage === (step === 'agreement' ? 'managerAgreement' : 'rdSignOff')) {
      return { ...base, status: 'Declined', statusTag: 'red' };
    }
    if (status.final || s.matches('declined')) return { ...base, status: 'Closed' };
    return { ...base, status: 'Cannot start yet' };
  });
}

const by = (names: Names, stamp: Stamp) => `${personLabel(names, stamp.by.userId, stamp.by.role)}, ${formatDateTime(stamp.at)}`;

function termsVersions(s: PlanSnapshot, names: Names) {
  const accepted = s.context.acceptedTerms?.version;
  const latest = currentTerms(s.context)?.version;
  return s.context.terms.map((proposal, i) => {
    const before = s.context.terms[i - 1];
    return {
      version: proposal.version,
      proposedBy: personLabel(names, proposal.proposedBy.userId, proposal.proposedBy.role),
      proposedAt: formatDateTime(proposal.proposedAt),
      comment: proposal.comment,
      current: proposal.version === latest,
      accepted: proposal.version === accepted,
      rows: rowsOf(termsFields, proposal.terms).map((r) => ({ key: r.label, value: r.value })),
      changes: before ? changesBetween(termsFields, before.terms, proposal.terms) : [],
    };
  }).reverse();
}

/** Time-dependent facts of the page: the current wait's due date (the plan row's column) and the funding call. */
export interface PlanTiming {
  dueAt: string | null;
  now: Date;
  deadlineWarningWeeks: number;
}

function timingOf(s: PlanSnapshot, timing: PlanTiming | undefined) {
  if (!timing) return { due: null, deadline: null };
  const { dueAt, now } = timing;
  return {
    due: dueAt && statusOf(s).awaitingRole ? { date: formatDate(dueAt), overdue: Date.parse(dueAt) <= now.getTime() } : null,
    deadline: deadlineView(s, now, timing.deadlineWarningWeeks),
  };
}

/** `documents`: the current stored version of each document, and whether this person still has to authorise it. */
export function presentPlan(
  s: PlanSnapshot, planId: string, version: number, actor: Actor, names: Names, timing: PlanTiming | undefined, documents: PlanDocumentLink[],
) {
  const c = s.context;
  const status = statusOf(s);
  const actions = availableEvents(s, actor);
  const summary = (rows: ReturnType<typeof rowsOf>) => rows.map((r) => ({ key: r.label, value: r.value }));
  const latestApplication = c.applications.at(-1);
  return {
    planId, version,
    title: c.title,
    state: status.state,
    stateLabel: stateLabels[status.state]?.status ?? status.state,
    whatNext: stateLabels[status.state]?.next ?? '',
    ...timingOf(s, timing),
    clinician: names.get(c.clinicianId), manager: names.get(c.managerId),
    supervisor: c.supervisorId ? names.get(c.supervisorId) : undefined,
    tasks: taskList(s, planId, names, actor),
    buttons: actions.filter((a) => !['COMMENT', 'AGREE_POINT', 'DISPUTE_POINT', 'PROPOSE_POINT'].includes(a)).map((type) => ({
      text: eventLabels[type].action, href: eventHref(planId, type),
      variant: type === 'DECLINE' || type === 'WITHDRAW' ? 'warning' : ['REQUEST_CHANGES', 'RETURN_FOR_CHANGES', 'UPDATE_IDEA', 'PROPOSE_TERMS'].includes(type) && actions.length > 2 ? 'secondary' : undefined,
    })),
    canComment: actions.includes('COMMENT'),
    agenda: c.termsOpenedAt ? agendaSummary(c, planId, actor.role) : null,
    sections: {
      idea: summary(rowsOf(ideaFields, c.idea)),
      agreement: c.agreement ? { rows: summary(rowsOf(agreementFields, c.agreement)), by: by(names, c.agreement) } : null,
      terms: termsVersions(s, names),
      signOff: c.signOff ? { rows: summary(rowsOf(signOffFields, c.signOff)), by: by(names, c.signOff) } : null,
      meeting: c.meeting ? { rows: summary(rowsOf(meetingFields, c.meeting)), by: by(names, c.meeting), rescheduled: c.meeting.sequence > 0 } : null,
      meetingRecord: c.meetingRecord ? { rows: summary(rowsOf(meetingRecordFields, c.meetingRecord)), by: by(names, c.meetingRecord) } : null,
      applications: c.applications.map((a, i) => ({
        number: i + 1,
        rows: summary([...rowsOf(applicationFields, a), ...rowsOf(outcomeFields, a.outcome)]),
        by: by(names, a),
        latest: a === latestApplication,
      })).reverse(),
    },
    changeRequests: c.changeRequests.map((r) => ({ comment: r.comment, by: by(names, r), kind: r.kind })).reverse(),
    declined: c.declined ? { reason: c.declined.reason, by: by(names, c.declined) } : null,
    withdrawn: c.withdrawn ? { reason: c.withdrawn.reason, by: by(names, c.withdrawn) } : null,
    comments: c.comments.map((x) => ({ text: x.text, by: by(names, x) })).reverse(),
    documents,
    meetingCalendarHref: c.meeting ? `/plans/${planId}/meeting.ics` : null,
  };
}
