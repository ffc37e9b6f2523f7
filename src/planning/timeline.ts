import { z } from 'zod';
import { callDeadline, outstandingSignOffs } from '../notifications/deadline.js';
import { isoToLondon } from '../http/forms/london-time.js';
import type { PlanSnapshot } from '../../workflows/plan.status.js';
import { addDays, later, workingDaysAfter, workingDaysBefore } from './working-dates.js';

// Planning back from the funding call's deadline (DESIGN section 10). Each
// trust says how many working days each of its internal steps takes; from the
// deadline back, each step gets the latest day it can be done by. Going
// forward from today with the same lead times says which steps are at risk.
// Computed from the plan's data: advice and due dates, never a process rule.

export const timelineSteps = ['managerDecision', 'terms', 'rdReview', 'financeCheck', 'universityOffice', 'signatures'] as const;
export type TimelineStep = (typeof timelineSteps)[number];
export type LeadTimes = Record<TimelineStep, number>;

export const timelineStepLabels: Record<TimelineStep, string> = {
  managerDecision: "The manager's decision on the idea",
  terms: 'Agreeing the terms',
  rdReview: 'R&D review and sign-off',
  financeCheck: 'Finance check of the costs',
  universityOffice: "The university's research office",
  signatures: 'Signatures on the documents',
};

/** Used until a trust sets its own (the first three match the usual due periods). */
export const defaultLeadTimes: LeadTimes = { managerDecision: 10, terms: 10, rdReview: 15, financeCheck: 10, universityOffice: 10, signatures: 5 };

export const timelineStatuses = ['done', 'on-track', 'at-risk', 'late'] as const;
export type TimelineStatus = (typeof timelineStatuses)[number];

export const timelineEntrySchema = z.object({
  step: z.enum(timelineSteps),
  latestDate: z.string().meta({ description: 'YYYY-MM-DD: the last day this step can be done by for the application to meet the call deadline.' }),
  status: z.enum(timelineStatuses),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export interface Timeline {
  deadline: string;
  expected: boolean;
  entries: TimelineEntry[];
  /** The first unfinished step and the days it turns at risk and late; null when every step is done. */
  next: { step: TimelineStep; latestOn: string; atRiskOn: string; lateOn: string } | null;
}

const dayOf = (iso: string) => isoToLondon(iso)!.day;

/** Whether each step is done, and the day the step now in progress began. */
function progress(snapshot: PlanSnapshot): { done: Record<TimelineStep, boolean>; started: Partial<Record<TimelineStep, string>> } {
  const c = snapshot.context;
  const submitted = c.applications.length > 0 && c.applications.at(-1)!.outcome === null;
  const signed = c.meetingRecord !== null && outstandingSignOffs(snapshot).length === 0;
  const done: Record<TimelineStep, boolean> = {
    managerDecision: c.agreement !== null, terms: c.acceptedTerms !== null, rdReview: c.signOff !== null,
    financeCheck: submitted, universityOffice: submitted, signatures: submitted || signed,
  };
  const started: Partial<Record<TimelineStep, string>> = {};
  if (snapshot.matches('managerAgreement')) started.managerDecision = dayOf(c.waitingSince);
  if (snapshot.matches('backfillPlan')) {
    const returned = c.changeRequests.filter((r) => r.kind === 'RETURN_FOR_CHANGES').at(-1)?.at ?? '';
    started.terms = dayOf(later(c.agreement?.at ?? c.waitingSince, returned));
  }
  if (snapshot.matches('rdSignOff') && c.acceptedTerms) started.rdReview = dayOf(c.acceptedTerms.at);
  if (c.signOff && !submitted) started.financeCheck = dayOf(c.signOff.at);
  return { done, started };
}

/** The plan's timeline on `today` (YYYY-MM-DD, Europe/London); null without a call deadline or once the plan is finished. */
export function timelineOf(snapshot: PlanSnapshot, leadTimes: LeadTimes, today: string): Timeline | null {
  const deadline = callDeadline(snapshot);
  if (!deadline) return null;
  // Backwards: each step must be done by the day the steps after it still have their lead times before the deadline.
  const latest = {} as Record<TimelineStep, string>;
  let by = workingDaysBefore(deadline.date, 0);
  for (const step of [...timelineSteps].reverse()) {
    latest[step] = by;
    by = workingDaysBefore(by, leadTimes[step]);
  }
  // Forwards from today: when each unfinished step would be done if it took its usual time.
  const { done, started } = progress(snapshot);
  let cursor = today;
  let next: Timeline['next'] = null;
  const entries = timelineSteps.map((step): TimelineEntry => {
    if (done[step]) return { step, latestDate: latest[step], status: 'done' };
    const lead = leadTimes[step];
    const begun = started[step];
    const usualEnd = begun ? workingDaysAfter(begun, lead) : workingDaysAfter(cursor, lead);
    const overdue = begun !== undefined && today > usualEnd;
    const finish = later(usualEnd, today);
    cursor = finish;
    if (!next) {
      const lateOn = addDays(latest[step], 1);
      const atRiskOn = begun ? (usualEnd > latest[step] ? begun : addDays(usualEnd, 1)) : addDays(workingDaysBefore(latest[step], lead), 1);
      next = { step, latestOn: latest[step], atRiskOn: atRiskOn < lateOn ? atRiskOn : lateOn, lateOn };
    }
    const status = today > latest[step] ? 'late' : finish > latest[step] || overdue ? 'at-risk' : 'on-track';
    return { step, latestDate: latest[step], status };
  });
  return { deadline: deadline.date, expected: deadline.expected, entries, next };
}

/** The step whose latest date bounds the wait the plan is in now, and for the idea, the day it must reach the manager. */
export function latestDayForWait(snapshot: PlanSnapshot, timeline: Timeline, leadTimes: LeadTimes): string | null {
  const entry = (step: TimelineStep) => timeline.entries.find((e) => e.step === step && e.status !== 'done')?.latestDate ?? null;
  if (snapshot.matches('researchIdea')) {
    const decision = entry('managerDecision');
    return decision && workingDaysBefore(decision, leadTimes.managerDecision);
  }
  if (snapshot.matches('managerAgreement')) return entry('managerDecision');
  if (snapshot.matches('backfillPlan')) return entry('terms');
  if (snapshot.matches('rdSignOff')) return entry('rdReview');
  // The meeting issues the documents to sign, so it must be recorded before the signatures' own lead time.
  if (snapshot.matches('supervisorMeeting')) return entry('universityOffice');
  if (snapshot.matches({ application: 'preparing' })) return entry('signatures');
  return null;
}
