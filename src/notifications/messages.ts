import { formatAppointment, formatDate, formatDateTime } from '../presenters/format.js';
import { eventLabels } from '../../workflows/plan.labels.js';
import type { PlanContext, PlanEvent } from '../../workflows/plan.types.js';

// The words of each notification that asks someone to act. The subject names
// the plan and what is asked; the body says what happened, in plain words.
// What is asked, by when, the plan's summary and the link are added to every
// email by src/notifications/email.ts.

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
  'awarded.settingUp': 'record the date training started',
  'awarded.inTraining': 'record when the award is complete',
};

export const askFor = (state: string): string => asks[state] ?? 'take the next step';

export const quoted = (context: Pick<PlanContext, 'title'>) => `“${context.title}”`;

const note = (text: string | undefined) => (text?.trim() ? `\n\nTheir note: ${text.trim()}` : '');

/** What the person who acted did, said to the person who is now asked to act. */
function happened(context: PlanContext, event: PlanEvent, by: string): string {
  const plan = quoted(context);
  switch (event.type) {
    case 'SUBMIT_FOR_AGREEMENT': return `${by} has sent you the research idea ${plan}.${note(event.comment)}`;
    case 'AGREE_IN_PRINCIPLE': return `${by} has agreed in principle to ${plan}. Next, you agree the terms together: start date, time split and backfill.${note(event.comment)}`;
    case 'PROPOSE_TERMS': return `${by} has proposed terms for ${plan} (version ${context.terms.at(-1)?.version ?? 1}).${note(event.comment)}`;
    case 'ACCEPT_TERMS': return `${by} has accepted the terms of ${plan}, so the plan now comes to R&D to sign off.`;
    case 'SIGN_OFF': return `${by} has signed off ${plan} for R&D. Next comes the meeting with the academic supervisor.`;
    case 'RECORD_MEETING': return `${by} has recorded the supervisor meeting for ${plan}. Next comes the funding application, once everyone has authorised the documents.`;
    case 'CONFIRM_CONDITION': return `${by} has confirmed the last condition of the award for ${plan}: every condition is now in place.`;
    case 'SEND_REMINDER': case 'REMIND_SIGNATORY': case 'REQUEST_MEDIATION': return `The plan ${plan} is waiting for you.`;
    default: return `${by} ${eventLabels[event.type].done}: ${plan}.`;
  }
}

export function handoverMessage(context: PlanContext, state: string, by: string, event: PlanEvent): Message {
  return { subject: `Action needed on ${quoted(context)}: ${askFor(state)}`, body: happened(context, event, by) };
}

/** Points of the discussion wait for the reader's answer, or the other person answered theirs. */
export function agendaMessage(context: PlanContext, by: string, answered: boolean): Message {
  return answered
    ? { subject: `${by} answered your points on ${quoted(context)}`, body: `${by} has agreed or disagreed with points you proposed for ${quoted(context)}. Open the discussion to see where each point stands.` }
    : { subject: `Points wait for your answer on ${quoted(context)}`, body: `${by} has proposed points of the discussion for ${quoted(context)}. For each, agree or say why you disagree.` };
}

/** R&D is asked to help two people who have disagreed for too long. */
export function mediationMessage(context: PlanContext, forRd: boolean, days: number): Message {
  return forRd
    ? {
      subject: `Please help agree the plan ${quoted(context)}`,
      body: `The clinician and manager of ${quoted(context)} have not agreed part of their plan for more than ${days} working days. Open the plan to see the points they disagree on.`,
    }
    : {
      subject: `R&D has been asked to help with ${quoted(context)}`,
      body: `Part of the plan ${quoted(context)} has not been agreed for more than ${days} working days, so the trust's R&D team has been asked to help you both agree.`,
    };
}

export function meetingMessage(context: PlanContext, by: string, hasCalendar: boolean): Message {
  const m = context.meeting!;
  const again = m.sequence > 0 ? ' (rearranged)' : '';
  return {
    subject: `Supervisor meeting for ${quoted(context)}${again}: ${formatAppointment(m.startsAt)}`,
    body: [
      `${by} has arranged the supervisor meeting for the plan ${quoted(context)}${again}.`,
      `When: ${formatAppointment(m.startsAt)} (${m.durationMinutes} minutes)\nWhere: ${m.location}\nSupervisor: ${m.supervisorName}, ${m.supervisorOrganisation}`,
      `After the meeting, the agreed research question, local relevance and actions are recorded on the plan.${hasCalendar ? ' The calendar invitation is attached.' : ''}`,
    ].join('\n\n'),
  };
}

export function reminderMessage(context: PlanContext, state: string): Message {
  return {
    subject: `Reminder: ${quoted(context)} is waiting for you`,
    body: `The plan ${quoted(context)} is still waiting for you to ${askFor(state)}. If you cannot do it soon, add a comment on the plan to say why.`,
  };
}

export function conditionsReminderMessage(context: PlanContext): Message {
  return {
    subject: `Reminder: conditions of the award to confirm for ${quoted(context)}`,
    body: `The award for ${quoted(context)} is still waiting for you to confirm conditions before training can start. If you cannot confirm them soon, add a comment on the plan to say why.`,
  };
}

export function escalationMessage(context: PlanContext, state: string, awaited: string): Message {
  return {
    subject: `Escalation: ${quoted(context)} has waited for ${awaited} since ${formatDate(context.waitingSince)}`,
    body: `The plan ${quoted(context)} has waited for ${awaited} to ${askFor(state)} since ${formatDateTime(context.waitingSince)}. A reminder was sent and nothing has happened since.`,
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
  return {
    subject: `Reminder: please authorise the ${signature.document} for ${quoted(context)}`,
    body: `${versionOf(signature)[0]!.toUpperCase()}${versionOf(signature).slice(1)} for the plan ${quoted(context)} still waits for you to read and authorise it. If you cannot authorise it, add a comment on the plan to say why.`,
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
      `${reminded} and it is still not authorised.`,
    ].join('\n\n'),
  };
}

/** A document issued for someone to authorise. */
export function signatureRequestMessage(context: PlanContext, document: string, number: number): Message {
  return {
    subject: `Please read and authorise the ${document} for ${quoted(context)}`,
    body: `Version ${number} of the ${document} for ${quoted(context)} has been issued. Read it and confirm it electronically: the funding application can go only once everyone has authorised the plan's documents.`,
  };
}
