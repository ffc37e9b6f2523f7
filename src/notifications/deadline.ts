import { authorisationStatements, signatoriesFor } from '../../workflows/plan.documents.js';
import type { PlanSnapshot } from '../../workflows/plan.status.js';
import type { PlanContext } from '../../workflows/plan.types.js';
import type { DocumentKind } from '../domain/options.js';
import { isoToLondon } from '../http/forms/london-time.js';
import { formatDate, plural } from '../presenters/format.js';

// The funding call's deadline on the plan page: how long is left, and a
// warning when it is close and sign-offs are still outstanding. The deadline
// is the call deadline of the latest application still awaiting its outcome;
// before any application is recorded, the closing date the clinician expected
// when writing the idea.

const DAY = 86_400_000;

export interface CallDeadline {
  /** "YYYY-MM-DD" */
  date: string;
  /** True while it is only the date expected in the research idea, before an application is recorded. */
  expected: boolean;
}

/** The call deadline that matters now, or null (also once the plan is finished, or after an outcome). */
export function callDeadline(snapshot: PlanSnapshot): CallDeadline | null {
  if (snapshot.status !== 'active') return null;
  const { applications, idea } = snapshot.context;
  const latest = applications.at(-1);
  if (latest) return latest.outcome ? null : { date: latest.callDeadline, expected: false };
  return idea.expectedDeadline ? { date: idea.expectedDeadline, expected: true } : null;
}

/** "3 weeks and 2 days left", "1 day left", "Closes today", "Closed 4 days ago" (days in UK calendar terms). */
export function timeLeft(deadline: string, now: Date): { text: string; days: number } {
  const today = Date.parse(`${isoToLondon(now.toISOString())!.day}T00:00:00Z`);
  const days = Math.round((Date.parse(`${deadline}T00:00:00Z`) - today) / DAY);
  if (days === 0) return { text: 'Closes today', days };
  if (days < 0) return { text: `Closed ${plural(-days, 'day')} ago`, days };
  const weeks = Math.floor(days / 7);
  const rest = days % 7;
  const parts = [weeks ? plural(weeks, 'week') : '', rest ? plural(rest, 'day') : ''].filter(Boolean);
  return { text: `${parts.join(' and ')} left`, days };
}

const documentNames: Record<DocumentKind, string> = {
  'training-agreement': 'training agreement', 'meeting-record': 'meeting record', 'letter-of-support': 'letter of support',
  'supervisor-letter': "supervisor's letter",
};

/**
 * Sign-offs still to come: R&D's, and each signatory's authorisation of each
 * document issued so far (from the machine's record of authorisations).
 */
export function outstandingSignOffs(snapshot: PlanSnapshot): string[] {
  const c = snapshot.context;
  const outstanding = c.signOff ? [] : ['R&D sign-off'];
  for (const kind of issuedKinds(snapshot)) {
    const pending = signatoriesFor(kind, c).filter((s) => !c.authorisations.some((a) => a.kind === kind && a.by.userId === s.userId));
    if (pending.length) outstanding.push(`authorisation of the ${documentNames[kind]}`);
  }
  return outstanding;
}

function issuedKinds(snapshot: PlanSnapshot): DocumentKind[] {
  const c: PlanContext = snapshot.context;
  const applying = snapshot.matches('application') || snapshot.matches('notAwarded') || snapshot.matches('awarded');
  return (Object.keys(authorisationStatements) as DocumentKind[]).filter((kind) =>
    kind === 'training-agreement' ? c.signOff !== null : kind === 'meeting-record' ? c.meetingRecord !== null : applying);
}

export interface DeadlineView {
  date: string;
  /** Only expected so far (from the research idea): the page says "is expected to close". */
  expected: boolean;
  timeLeft: string;
  /** The sentence the page shows when there is no warning: how long is left, or what a passed date means. */
  summary: string;
  /** Set when the call closes within the warning window and sign-offs are outstanding. */
  warning: string | null;
}

export function deadlineView(snapshot: PlanSnapshot, now: Date, warningWeeks: number): DeadlineView | null {
  const deadline = callDeadline(snapshot);
  if (!deadline) return null;
  const left = timeLeft(deadline.date, now);
  const outstanding = outstandingSignOffs(snapshot);
  const close = left.days >= 0 && left.days <= warningWeeks * 7;
  const closes = deadline.expected ? 'is expected to close' : 'closes';
  const date = formatDate(deadline.date);
  return {
    date,
    expected: deadline.expected,
    timeLeft: left.text,
    summary: left.days >= 0 ? `The funding call ${closes} on ${date}: ${left.text}.`
      : deadline.expected
        ? `The funding call was expected to close on ${date}, ${plural(-left.days, 'day')} ago. When the application is recorded, its call deadline replaces this date.`
        : `The funding call closed on ${date}, ${plural(-left.days, 'day')} ago. The outcome can be recorded once the funder has decided.`,
    warning: close && outstanding.length
      ? `The funding call ${closes} on ${date} (${left.text.toLowerCase()}). Still outstanding: ${outstanding.join(', ')}.`
      : null,
  };
}
