import { eventLabels, stateLabels } from '../../workflows/plan.labels.js';
import { stateStatus, wordsFor, type Reader } from '../../workflows/plan.words.js';
import type { Role } from '../domain/options.js';
import type { PlanEventRow } from '../plans/plan.repository.js';
import { awaitingRoleOf } from '../notifications/awaiting.js';
import { escalationRole } from '../notifications/recipients.js';
import { authorisationSentence, documentNames, isDocumentKind } from '../documents/names.js';
import { changesBetween, ideaFields, termsFields } from './fields.js';
import { agendaPoints, type AgendaKey } from '../domain/options.js';
import { formatDateTime } from './format.js';
import { capitalised, personFor, type Names } from './people.js';

// The audit trail in plain words: "Sam Patel (manager) asked for changes, 3 March 2027 14:02",
// addressed to the reader: their own events read "You asked for changes".

/** Who reads the history: their own events are "you", and each state's status is in their words. */
export interface HistoryReader {
  userId: string;
  words: Reader;
}

const TEXT_FIELDS: Record<string, string> = {
  REQUEST_CHANGES: 'comment', RETURN_FOR_CHANGES: 'comment', DECLINE: 'reason', WITHDRAW: 'reason', COMMENT: 'text', REOPEN: 'comment',
  SUBMIT_FOR_AGREEMENT: 'comment', DISPUTE_POINT: 'reason', REISSUE_DOCUMENT: 'reason', REASSIGN: 'reason', CONFIRM_CONDITION: 'note',
  COMPLETE_AWARD: 'summary',
};

const pointTitle = (payload: Record<string, unknown>) =>
  (typeof payload.point === 'string' && payload.point in agendaPoints ? `“${agendaPoints[payload.point as AgendaKey]}”` : 'a point');

/** The agenda's events name their point and version: "Sam Patel (manager) agreed “Mid-term plan” (version 2)". */
function agendaSentence(type: string, who: string, payload: Record<string, unknown>, version: number): string {
  if (type === 'PROPOSE_POINT') return `${who} proposed ${pointTitle(payload)} (version ${version})`;
  if (type === 'AGREE_POINT') return `${who} agreed ${pointTitle(payload)} (version ${String(payload.pointVersion)})`;
  return `${who} disagreed with ${pointTitle(payload)} (version ${String(payload.pointVersion)})`;
}

/** "updated the research idea: why now, research question": which answers a save changed. */
function ideaChanged(payload: Record<string, unknown>): string {
  const named = ideaFields.filter((f) => f.key in payload).map((f) => f.label.toLowerCase());
  return named.length ? `: ${named.join(', ')}` : '';
}

/** Who a plan's events name: the actors and whom they covered for, the plan's people a reminder may go to, and reminded signatories. */
export function peopleInHistory(events: PlanEventRow[]): string[] {
  return [
    ...events.map((e) => e.actor_id), ...events.map((e) => coveredFor(e)?.userId), ...events.flatMap((e) => Object.values(parties([e]))),
    ...events.map(signatoryOf).map((s) => s?.userId),
  ].filter((id): id is string => !!id);
}

/** The colleague the actor was covering for, when they were (DESIGN section 11). */
function coveredFor(e: PlanEventRow): { userId: string; role: string } | null {
  const { onBehalfOf } = JSON.parse(e.payload) as { onBehalfOf?: { userId?: unknown; role?: unknown } };
  return typeof onBehalfOf?.userId === 'string' && typeof onBehalfOf.role === 'string' ? { userId: onBehalfOf.userId, role: onBehalfOf.role } : null;
}

/** The signatory a REMIND_SIGNATORY event names. */
function signatoryOf(e: PlanEventRow): { userId: string; role: string } | null {
  if (e.type !== 'REMIND_SIGNATORY') return null;
  const { signatory } = JSON.parse(e.payload) as { signatory?: { userId?: unknown; role?: unknown } };
  return typeof signatory?.userId === 'string' && typeof signatory.role === 'string' ? { userId: signatory.userId, role: signatory.role } : null;
}

/** The plan's people as its events recorded them: the start names clinician and manager; a meeting, the supervisor. */
function parties(events: PlanEventRow[]): Record<string, string | null> {
  const found: Record<string, string | null> = {};
  for (const e of events) {
    const payload = JSON.parse(e.payload) as Record<string, unknown>;
    if (e.type === 'PLAN_CREATED') Object.assign(found, { clinician: payload.clinicianId, manager: payload.managerId });
    if (e.type === 'SCHEDULE_MEETING' && typeof payload.supervisorUserId === 'string') found.supervisor = payload.supervisorUserId;
    if (e.type === 'REASSIGN' && typeof payload.role === 'string' && typeof payload.userId === 'string') found[payload.role] = payload.userId;
  }
  return found;
}

/** "Reminder sent to Sam Patel (manager)", "Escalated to R&D": the scheduler's events, named by whom they went to. */
function systemSentence(e: PlanEventRow, payload: Record<string, unknown>, names: Names, earlier: PlanEventRow[], readerId: string): string {
  const role = awaitingRoleOf(e.state_before ?? e.state_after);
  if (!role) return payload.kind === 'escalation' ? 'Escalated' : 'Reminder sent';
  if (payload.kind === 'escalation') return escalationRole(role) === 'admin' ? "Escalated to the trust's administrators" : 'Escalated to R&D';
  const id = role === 'rdLead' || role === 'admin' ? null : parties(earlier)[role] ?? null;
  return `Reminder sent to ${role === 'rdLead' ? 'R&D' : personFor(names, id, role, readerId).replace(/^A /, 'the ')}`;
}

/**
 * "Reminder sent to Sam Patel (manager) to authorise version 2 of the training agreement", or
 * "Escalated to R&D: Sam Patel (manager) has not authorised version 2 of the training agreement".
 */
function signatureSentence(e: PlanEventRow, payload: Record<string, unknown>, names: Names, readerId: string): string {
  const signatory = signatoryOf(e);
  const document = payload.document as { kind?: unknown; number?: unknown } | null | undefined;
  const what = document && isDocumentKind(document.kind) ? `version ${String(document.number)} of the ${documentNames[document.kind]}` : 'a document';
  const who = signatory ? personFor(names, signatory.userId, signatory.role, readerId) : 'a signatory';
  if (payload.kind !== 'escalation') return `Reminder sent to ${who} to authorise ${what}`;
  const to = signatory && escalationRole(signatory.role as Role) === 'admin' ? "the trust's administrators" : 'R&D';
  return `Escalated to ${to}: ${who} ${who === 'you' ? 'have' : 'has'} not authorised ${what}`;
}

/** Each proposal of a point is its next version; count them as the history goes. */
function proposalNumber(versions: Map<string, number>, type: string, payload: Record<string, unknown>): number {
  const key = String(payload.point);
  if (type === 'PROPOSE_POINT') versions.set(key, (versions.get(key) ?? 0) + 1);
  return versions.get(key) ?? 0;
}

/** "sent the research idea to Sam Patel": the events whose words name someone else on the plan. */
function doneWords(e: PlanEventRow, payload: Record<string, unknown>, names: Names, earlier: PlanEventRow[], readerId: string): string | null {
  if (e.type === 'SUBMIT_FOR_AGREEMENT') {
    const manager = parties(earlier).manager ?? null;
    return `sent the research idea to ${manager ? personFor(names, manager, 'manager', readerId) : 'the manager'}`;
  }
  if (e.type === 'REASSIGN' && typeof payload.userId === 'string' && (payload.role === 'manager' || payload.role === 'supervisor')) {
    const before = parties(earlier)[payload.role] ?? null;
    const instead = before ? `, in place of ${personFor(names, before, payload.role, readerId)}` : '';
    return `handed the plan to ${personFor(names, payload.userId, payload.role, readerId)} as ${payload.role}${instead}`;
  }
  return null;
}

/** "Sam Patel (manager)", "You", or "Kim Ford (manager), covering for Sam Patel (manager),": who did it. */
function actorWords(e: PlanEventRow, names: Names, readerId: string): string {
  const who = capitalised(personFor(names, e.actor_id, e.actor_role, readerId));
  const absent = coveredFor(e);
  return absent ? `${who}, covering for ${personFor(names, absent.userId, absent.role, readerId)},` : who;
}

export function presentHistory(events: PlanEventRow[], names: Names, reader: HistoryReader) {
  let previousTerms: object | null = null;
  const pointVersions = new Map<string, number>();
  const status = (state: string) => {
    const words = stateStatus[state];
    return words ? wordsFor(words, reader.words) : stateLabels[state]?.status ?? state;
  };
  return events.map((e, i) => {
    const payload = JSON.parse(e.payload) as Record<string, unknown>;
    const label = eventLabels[e.type as keyof typeof eventLabels];
    const who = actorWords(e, names, reader.userId);
    const earlier = events.slice(0, i);
    const sentence = e.type === 'SEND_REMINDER' ? systemSentence(e, payload, names, earlier, reader.userId)
      : e.type === 'REMIND_SIGNATORY' ? capitalised(signatureSentence(e, payload, names, reader.userId))
      : e.type === 'AUTHORISE_DOCUMENT' ? authorisationSentence(who, payload)
        : e.type === 'PROPOSE_POINT' || e.type === 'AGREE_POINT' || e.type === 'DISPUTE_POINT'
          ? agendaSentence(e.type, who, payload, proposalNumber(pointVersions, e.type, payload))
          : e.type === 'UPDATE_IDEA' ? `${who} ${label?.done}${ideaChanged(payload)}`
            : `${who} ${doneWords(e, payload, names, earlier, reader.userId) ?? label?.done ?? e.type.toLowerCase()}`;
    const details: string[] = [];
    const textField = TEXT_FIELDS[e.type];
    if (textField && typeof payload[textField] === 'string') details.push(payload[textField] as string);
    if (e.type === 'PROPOSE_TERMS') {
      const { comment, ...terms } = payload;
      if (previousTerms) details.push(...changesBetween(termsFields, previousTerms, terms).map((c) => `${c.label}: ${c.to} (was ${c.from})`));
      if (typeof comment === 'string') details.push(comment);
      previousTerms = terms;
    }
    if (e.type === 'ACCEPT_TERMS') details.push(`Accepted version ${payload.termsVersion}`);
    if (e.type === 'PROPOSE_POINT' && typeof payload.position === 'string') details.push(payload.position, ...(typeof payload.comment === 'string' ? [payload.comment] : []));
    if (e.type === 'AGREE_IN_PRINCIPLE') {
      // Each note the manager gave opened its point of the agenda as version 1.
      for (const [note, point] of [['opportunityNotes', 'opportunity'], ['peopleNotes', 'people'], ['midTermPlan', 'midTermPlan'], ['longTermPlan', 'longTermPlan']]) {
        if (typeof payload[note!] === 'string') pointVersions.set(point!, 1);
      }
    }
    if (e.type === 'AUTHORISE_DOCUMENT' && typeof payload.statement === 'string') details.push(`Confirmed: "${payload.statement}"`);
    const moved = e.state_before !== null && e.state_before !== e.state_after;
    return {
      seq: e.seq,
      sentence,
      at: formatDateTime(e.at),
      details,
      moved: moved ? status(e.state_after) : null,
    };
  }).reverse();
}
