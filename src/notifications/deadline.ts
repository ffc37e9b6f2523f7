import { authorisationStatements, signatoriesFor } from '../../workflows/plan.documents.js';
import type { PlanSnapshot } from '../../workflows/plan.status.js';
import type { PlanContext } from '../../workflows/plan.types.js';
import type { DocumentKind } from '../domain/options.js';
import { isoToLondon } from '../http/forms/london-time.js';
import { formatDate } from '../presenters/format.js';

// The funding call's deadline on the plan page: how long is left, and a
// warning when it is close and sign-offs are still outstanding. The deadline
// is the call deadline of the latest application still awaiting its outcome.

const DAY = 86_400_000;

/** The call deadline ("YYYY-MM-DD") that matters now, or null (also once the plan is finished). */
export function callDeadline(snapshot: PlanSnapshot): string | null {
  if (snapshot.status !== 'active') return null;
  const latest = snapshot.context.applications.at(-1);
  return latest && !latest.outcome ? latest.callDeadline : null;
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
  timeLeft: string;
  /** Set when the call closes within the warning window and sign-offs are outstanding. */
  warning: string | null;
}

export function deadlineView(snapshot: PlanSnapshot, now: Date, warningWeeks: number): DeadlineView | null {
  const deadline = callDeadline(snapshot);
  if (!deadline) return null;
  const left = timeLeft(deadline, now);
  const outstanding = outstandingSignOffs(snapshot);
  const close = left.days >= 0 && left.days <= warningWeeks * 7;
  return {
    date: formatDate(deadline),
    timeLeft: left.text,
    warning: close && outstanding.length
      ? `The funding call closes on ${formatDate(deadline)} (${left.text.toLowerCase()}). Still outstanding: ${outstanding.join(', ')}.`
      : null,
  };
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
