import { stateLabels } from '../../workflows/plan.labels.js';
import { stateNext, stateStatus, stateWaitFor, wordsFor, type Reader } from '../../workflows/plan.words.js';
import { statusOf, type PlanSnapshot } from '../../workflows/plan.status.js';
import type { Actor, PlanContext, Stamp } from '../../workflows/plan.types.js';
import { documentNames } from '../documents/names.js';
import { formatDate, formatDateTime, formatWait, plural } from './format.js';
import { personFor, type Names } from './people.js';
import { waitsOnReader, type Wait } from './waits.presenter.js';

// The top of the plan page (issue 17): the plan's status, whose move it is and
// what they are deciding, since when and by when, and a request for changes
// while it is being answered. Everything else of the plan is a step away.

/** The reader of a page and the plan's people by name, for the words of workflows/plan.words.ts. */
export function readerOf(s: PlanSnapshot, actor: Actor, names: Names): Reader {
  const c = s.context;
  return {
    role: actor.role === 'system' ? 'admin' : actor.role,
    clinician: names.get(c.clinicianId) ?? 'the clinician',
    manager: names.get(c.managerId) ?? 'the manager',
    supervisor: (c.supervisorId ? names.get(c.supervisorId) : undefined) ?? c.meeting?.supervisorName ?? null,
  };
}

/** "Your plan, with Sam Patel and Dr Jo Evans"; to Sam Patel, "Alex Morgan's plan, with you and Dr Jo Evans". */
export function captionFor(s: PlanSnapshot, actor: Actor, reader: Reader): string {
  const c = s.context;
  const others = [
    c.managerId === actor.userId ? 'you' : reader.manager,
    ...(reader.supervisor ? [c.supervisorId === actor.userId ? 'you' : reader.supervisor] : []),
  ];
  return `${c.clinicianId === actor.userId ? 'Your plan' : `${reader.clinician}'s plan`}, with ${others.join(' and ')}`;
}

/** Who a wait is on, as the reader reads it. */
function whoOf(wait: Wait, actor: Actor, reader: Reader, names: Names): string {
  if (waitsOnReader(wait, actor)) {
    const absent = actor.onBehalfOf && wait.userId === actor.onBehalfOf.userId ? names.get(actor.onBehalfOf.userId) : undefined;
    return absent ? `you, covering for ${absent}` : 'you';
  }
  if (wait.role === 'rdLead') return 'R&D';
  if (wait.role === 'supervisor' && !wait.userId) return reader.supervisor ?? 'the academic supervisor';
  return (wait.userId && names.get(wait.userId)) || `the ${wait.role}`;
}

const listed = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** One line per wait: "Waiting for Sam Patel to authorise the letter of support"; "Then waiting for you to …". */
function waitLine(wait: Wait, who: string, state: string): string {
  const lead = wait.blocked ? `Then waiting for ${who}` : `Waiting for ${who}`;
  switch (wait.kind) {
    case 'state': return `${lead} ${stateWaitFor[state] ?? 'to act'}`;
    case 'points': return `${lead} to answer ${plural(wait.count, 'point')} of the discussion`;
    case 'signatures': return `${lead} to authorise the ${listed(wait.documents.map((kind) => documentNames[kind]))}`;
    case 'conditions': return `${lead} to confirm ${listed(wait.conditions.map((c) => `“${c.text}”`))}`;
  }
}

/** The request for changes the plan is being revised for, until it goes back to whoever asked. */
function openRequest(s: PlanSnapshot): PlanContext['changeRequests'][number] | null {
  const c = s.context;
  const request = c.changeRequests.at(-1);
  if (!request) return null;
  if (request.kind === 'REQUEST_CHANGES') {
    const reopened = c.reopenings.at(-1)?.at ?? '';
    return s.matches({ researchIdea: 'revising' }) && request.at >= reopened ? request : null;
  }
  return s.matches('backfillPlan') && c.termsOpenedAt !== null && request.at >= c.termsOpenedAt ? request : null;
}

export interface SummaryTiming {
  dueAt: string | null;
  now: Date;
}

export function planSummary(s: PlanSnapshot, actor: Actor, reader: Reader, names: Names, waits: Wait[], timing: SummaryTiming) {
  const status = statusOf(s);
  const c = s.context;
  const by = (stamp: Stamp) => `${personFor(names, stamp.by.userId, stamp.by.role, actor.userId)}, ${formatDateTime(stamp.at)}`;
  const request = openRequest(s);
  const statusWords = stateStatus[status.state];
  const due = timing.dueAt && status.awaitingRole ? { date: formatDate(timing.dueAt), overdue: Date.parse(timing.dueAt) <= timing.now.getTime() } : null;
  return {
    status: statusWords ? wordsFor(statusWords, reader) : stateLabels[status.state]?.status ?? status.state,
    waiting: waits.map((w) => waitLine(w, whoOf(w, actor, reader, names), status.state)),
    since: status.awaitingRole ? `${formatDate(c.waitingSince)} (${formatWait(c.waitingSince, timing.now)})` : null,
    due,
    next: stateNext[status.state] ? wordsFor(stateNext[status.state]!, reader) : stateLabels[status.state]?.next ?? '',
    request: request ? {
      heading: request.kind === 'REQUEST_CHANGES' ? 'Changes asked for' : 'R&D returned the plan for changes',
      text: request.comment, by: by(request),
    } : null,
    declined: c.declined ? { reason: c.declined.reason, by: by(c.declined) } : null,
    withdrawn: c.withdrawn ? { reason: c.withdrawn.reason, by: by(c.withdrawn) } : null,
  };
}
