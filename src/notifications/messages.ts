import { formatAppointment, formatDate, formatDateTime } from '../presenters/format.js';
import type { PlanContext } from '../../workflows/plan.types.js';

// The words of each notification. Every subject names the plan and what is
// asked; the sender adds the link to the plan's page to every email.

export interface Message {
  subject: string;
  body: string;
}

/** What the person a plan waits on is asked to do, in each state that waits on someone. */
const asks: Record<string, string> = {
  'researchIdea.drafting': 'finish the research idea and send it to your manager',
  'researchIdea.revising': 'revise the research idea and send it to your manager again',
  managerAgreement: 'agree in principle, ask for changes or decline',
  'backfillPlan.drafting': 'propose the terms: start date, time split and backfill',
  'backfillPlan.awaitingManager': 'accept the proposed terms or propose different ones',
  'backfillPlan.awaitingClinician': 'accept the proposed terms or propose different ones',
  rdSignOff: 'check capacity, costs and the budget holder, then sign off or return the plan',
  'supervisorMeeting.toSchedule': 'arrange the meeting with the academic supervisor',
  'supervisorMeeting.scheduled': 'hold the supervisor meeting and record what was agreed',
  'application.preparing': 'prepare the funding application and record it when submitted',
  'application.submitted': 'record the outcome when the funder decides',
  notAwarded: 'decide whether to prepare a new application',
  declined: 'reopen the plan if you want to revise it',
};

export const askFor = (state: string): string => asks[state] ?? 'take the next step';

const quoted = (context: PlanContext) => `“${context.title}”`;

/** Points of the discussion wait for the reader's answer, or the other person answered theirs. */
export function agendaMessage(context: PlanContext, by: string, answered: boolean): Message {
  return answered
    ? { subject: `${by} answered your points on ${quoted(context)}`, body: `${by} has agreed or disagreed with points you proposed for ${quoted(context)}.\n\nOpen the discussion to see where each point stands.` }
    : { subject: `Points wait for your answer on ${quoted(context)}`, body: `${by} has proposed points of the discussion for ${quoted(context)}.\n\nFor each, agree or say why you disagree.` };
}

/** R&D is asked to help two people who have disagreed for too long. */
export function mediationMessage(context: PlanContext, forRd: boolean, days: number): Message {
  return forRd
    ? {
      subject: `Please help agree the plan ${quoted(context)}`,
      body: `The clinician and manager of ${quoted(context)} have not agreed part of their plan for more than ${days} working days.\n\nOpen the plan to see the points they disagree on, and help them agree.`,
    }
    : {
      subject: `R&D has been asked to help with ${quoted(context)}`,
      body: `Part of the plan ${quoted(context)} has not been agreed for more than ${days} working days, so the trust's R&D team has been asked to help you both agree.`,
    };
}

export function handoverMessage(context: PlanContext, state: string, by: string): Message {
  return {
    subject: `Action needed on ${quoted(context)}: ${askFor(state)}`,
    body: `${by} has passed the plan ${quoted(context)} to you.\n\nYou are asked to ${askFor(state)}.`,
  };
}

export function changesMessage(context: PlanContext, kind: 'REQUEST_CHANGES' | 'RETURN_FOR_CHANGES' | 'DECLINE', by: string, text: string): Message {
  const subject = kind === 'DECLINE' ? `${quoted(context)} has been declined`
    : kind === 'RETURN_FOR_CHANGES' ? `R&D returned ${quoted(context)} for changes` : `Changes asked for on ${quoted(context)}`;
  const what = kind === 'DECLINE' ? `${by} declined the plan ${quoted(context)}. Their reason:`
    : `${by} asked for changes to the plan ${quoted(context)}:`;
  const next = kind === 'DECLINE' ? 'You can reopen the plan to revise it.'
    : kind === 'RETURN_FOR_CHANGES' ? 'Revise the terms with your manager and send them to R&D again.' : 'Revise the research idea and send it to your manager again.';
  return { subject, body: `${what}\n\n${text}\n\n${next}` };
}

export function meetingMessage(context: PlanContext, by: string, hasCalendar: boolean): Message {
  const m = context.meeting!;
  const again = m.sequence > 0 ? ' (rearranged)' : '';
  return {
    subject: `Supervisor meeting for ${quoted(context)}${again}: ${formatAppointment(m.startsAt)}`,
    body: [
      `${by} has arranged the supervisor meeting for the plan ${quoted(context)}${again}.`,
      `When: ${formatAppointment(m.startsAt)} (${m.durationMinutes} minutes)\nWhere: ${m.location}\nSupervisor: ${m.supervisorName}, ${m.supervisorOrganisation}`,
      `After the meeting, record the agreed research question, local relevance and actions on the plan.${hasCalendar ? ' The invitation is attached.' : ''}`,
    ].join('\n\n'),
  };
}

export function reminderMessage(context: PlanContext, state: string, dueAt: string | null): Message {
  const due = dueAt ? ` It was due on ${formatDate(dueAt)}.` : '';
  return {
    subject: `Reminder: ${quoted(context)} is waiting for you`,
    body: `The plan ${quoted(context)} is waiting for you to ${askFor(state)}.${due}\n\nIf you cannot act on it soon, add a comment on the plan to say why.`,
  };
}

export function escalationMessage(context: PlanContext, state: string, awaited: string): Message {
  return {
    subject: `Escalation: ${quoted(context)} has waited for ${awaited} since ${formatDate(context.waitingSince)}`,
    body: [
      `The plan ${quoted(context)} has waited for ${awaited} to ${askFor(state)} since ${formatDateTime(context.waitingSince)}.`,
      'A reminder was sent and nothing has happened since. Please follow it up.',
    ].join('\n\n'),
  };
}

/** A signature still to come: which document, and when it was issued and due. */
export interface OverdueSignature {
  /** "training agreement" */
  document: string;
  number: number;
  issuedAt: string;
  dueAt: string | null;
  /** When the signatory was reminded (for the escalation). */
  remindedAt?: string;
}

const versionOf = (s: OverdueSignature) => `version ${s.number} of the ${s.document}`;

export function signatureReminderMessage(context: PlanContext, signature: OverdueSignature): Message {
  const due = signature.dueAt ? ` It was due on ${formatDate(signature.dueAt)}.` : '';
  return {
    subject: `Reminder: please authorise the ${signature.document} for ${quoted(context)}`,
    body: [
      `Please read and authorise ${versionOf(signature)} for the plan ${quoted(context)}.${due}`,
      'If you cannot authorise it, add a comment on the plan to say why.',
    ].join('\n\n'),
  };
}

/** To R&D (or the administrators): `who` is "Sam Patel (manager)". */
export function signatureEscalationMessage(context: PlanContext, signature: OverdueSignature, who: string): Message {
  const due = signature.dueAt ? ` It was due on ${formatDate(signature.dueAt)}.` : '';
  const reminded = signature.remindedAt ? `A reminder was sent to them on ${formatDate(signature.remindedAt)}` : 'They were reminded';
  return {
    subject: `Escalation: ${who} has not authorised the ${signature.document} for ${quoted(context)}`,
    body: [
      `${who} has not authorised ${versionOf(signature)} for the plan ${quoted(context)} since it was issued on ${formatDate(signature.issuedAt)}.${due}`,
      `${reminded} and it is still not authorised. Please follow it up.`,
    ].join('\n\n'),
  };
}

const linkLabels: Record<string, string> = { invitation: 'Set up your account', 'password-reset': 'Choose a new password' };

/** The email itself: the message and the link to the page. */
export const emailText = (body: string, link: string, kind = ''): string =>
  `${body}\n\n${linkLabels[kind] ?? (/\/documents\//.test(link) ? 'Open the document' : 'Open the plan')}: ${link}\n`;
