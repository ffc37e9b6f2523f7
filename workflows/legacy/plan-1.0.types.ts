// The context and events of the frozen 1.0 process (plan-1.0.machine.ts), as 1.0 stored them.
import type {
  Agreement, ApplicationSubmission, Idea, MeetingRecord, MeetingSchedule, Outcome, Payload, SignOff, Terms, UserEventType,
} from '../../src/domain/events.js';
import type { DocumentKind, Role } from '../../src/domain/options.js';

/** People act in a role; the scheduler acts as `system`. */
export type ActorRole = Role | 'system';

/** Who sent an event. Set by the server from the session (or the scheduler), never from a request body. */
export interface Actor {
  userId: string;
  role: ActorRole;
  organisationId: string;
}

/** A person who recorded something: stamps are only ever made by people. */
export interface ActorRef {
  userId: string;
  role: Role;
}

export interface Signatory {
  role: Role;
  userId: string;
}

/** An issued document as the server found it, added to AUTHORISE_DOCUMENT. */
export interface DocumentFacts {
  id: string;
  kind: DocumentKind;
  number: number;
  sha256: string;
  /** False once a newer version of the same kind has been issued. */
  current: boolean;
  signatories: Signatory[];
}

export interface SignatureReminder {
  documentId: string;
  userId: string;
  kind: ReminderKind;
  at: string;
}

/** When and by whom something was recorded. */
export interface Stamp {
  by: ActorRef;
  at: string;
}

/** Fields the server adds to an event after looking something up (the machine itself does no I/O). */
export interface ServerFields {
  SCHEDULE_MEETING: { supervisorUserId: string | null };
  AUTHORISE_DOCUMENT: { document: DocumentFacts | null; statement: string };
}

type Extra<T extends UserEventType> = T extends keyof ServerFields ? ServerFields[T] : unknown;

/** Events a person sends: the type, the actor, the time (ISO 8601), then the payload. */
export type UserEvent = {
  [T in UserEventType]: { type: T; actor: Actor; at: string } & Payload<T> & Extra<T>;
}[UserEventType];

export type ReminderKind = 'reminder' | 'escalation';

/** What the scheduler asks for: the server adds the actor, the time and (for a signatory) the document's facts. */
export type SystemRequest =
  | { type: 'SEND_REMINDER'; kind: ReminderKind }
  | { type: 'REMIND_SIGNATORY'; kind: ReminderKind; documentId: string; signatory: Signatory };

/** Events the scheduler sends as the `system` actor: a wait's reminder, or a signatory's for one document. */
export type SystemEvent =
  | { type: 'SEND_REMINDER'; actor: Actor; at: string; kind: ReminderKind }
  | { type: 'REMIND_SIGNATORY'; actor: Actor; at: string; kind: ReminderKind; documentId: string; signatory: Signatory; document: DocumentFacts | null };

/** Every event the plan machine accepts. */
export type PlanEvent = UserEvent | SystemEvent;

export type PlanEventOf<T extends PlanEvent['type']> = Extract<PlanEvent, { type: T }>;

export interface TermsProposal {
  version: number;
  proposedBy: ActorRef;
  proposedAt: string;
  terms: Omit<Terms, 'comment'>;
  comment?: string;
}

export interface ApplicationAttempt extends ApplicationSubmission, Stamp {
  outcome: (Outcome & Stamp) | null;
}

export interface PlanInput {
  planId: string;
  organisationId: string;
  title: string;
  clinicianId: string;
  managerId: string;
  createdAt: string;
}

export interface PlanContext extends PlanInput {
  supervisorId: string | null;
  idea: Omit<Idea, 'title'>;
  agreement: (Agreement & Stamp) | null;
  changeRequests: Array<{ kind: 'REQUEST_CHANGES' | 'RETURN_FOR_CHANGES'; comment: string } & Stamp>;
  terms: TermsProposal[];
  acceptedTerms: ({ version: number } & Stamp) | null;
  signOff: (SignOff & Stamp) | null;
  meeting: (MeetingSchedule & { supervisorUserId: string | null; sequence: number } & Stamp) | null;
  meetingRecord: (MeetingRecord & Stamp) | null;
  applications: ApplicationAttempt[];
  declined: ({ reason: string; stage: 'managerAgreement' | 'rdSignOff' } & Stamp) | null;
  reopenings: Array<{ comment?: string } & Stamp>;
  withdrawn: ({ reason: string } & Stamp) | null;
  comments: Array<{ text: string } & Stamp>;
  /** When the plan began waiting on whoever it waits on now. */
  waitingSince: string;
  reminders: Array<{ kind: ReminderKind; at: string }>;
  /**
   * Reminders and escalations sent to signatories, per document. Absent until the first one (and from
   * snapshots stored before they existed), so replaying old plans still gives their stored snapshots:
   * read it with signatureRemindersOf().
   */
  signatureReminders?: SignatureReminder[];
  authorisations: Array<{ documentId: string; kind: DocumentKind; number: number; sha256: string; statement: string } & Stamp>;
}

/** The six steps of a plan, in order. */
export const steps = ['idea', 'agreement', 'terms', 'signOff', 'meeting', 'application'] as const;
export type Step = (typeof steps)[number];

export interface StateMeta {
  step: Step | null;
  /** The role the plan waits on in this state; null when nothing is awaited. */
  awaiting: Role | null;
}
