import type {
  Agreement, ApplicationSubmission, Idea, MeetingRecord, MeetingSchedule, Outcome, Payload, SignOff, Terms, UserEventType,
} from '../src/domain/events.js';
import type { Answers } from '../src/domain/agenda.js';
import type { AgendaKey, DocumentKind, Role } from '../src/domain/options.js';

/** People act in a role; the scheduler acts as `system`. */
export type ActorRole = Role | 'system';

/** Who sent an event. Set by the server from the session (or the scheduler), never from a request body. */
export interface Actor {
  userId: string;
  role: ActorRole;
  organisationId: string;
  /** Set when the sender covers for a colleague of the same role who is away (DESIGN section 11). */
  onBehalfOf?: ActorRef;
}

/** A person who recorded something: stamps are only ever made by people. */
export interface ActorRef {
  userId: string;
  role: Role;
  /** The colleague they were covering for, when they acted in cover. */
  onBehalfOf?: { userId: string; role: Role };
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
/** An account as the server found it, for a handover (REASSIGN) or a meeting's supervisor. */
export interface AccountFacts {
  userId: string;
  role: Role;
  organisationId: string;
  name: string;
  organisation: string;
  active: boolean;
}

export interface ServerFields {
  /** The supervisor's account when the email given is one (its name is then the one the plan uses). */
  SCHEDULE_MEETING: { supervisorUserId: string | null; supervisorAccount?: AccountFacts | null };
  AUTHORISE_DOCUMENT: { document: DocumentFacts | null; statement: string };
  REASSIGN: { target: AccountFacts | null };
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
  | { type: 'REMIND_SIGNATORY'; kind: ReminderKind; documentId: string; signatory: Signatory }
  | { type: 'REQUEST_MEDIATION'; since: string };

/**
 * Events the scheduler sends as the `system` actor: a wait's reminder, a signatory's for one document, or
 * asking R&D to help with a disagreement that has lasted since `since`.
 */
export type SystemEvent =
  | { type: 'SEND_REMINDER'; actor: Actor; at: string; kind: ReminderKind }
  | { type: 'REMIND_SIGNATORY'; actor: Actor; at: string; kind: ReminderKind; documentId: string; signatory: Signatory; document: DocumentFacts | null }
  | { type: 'REQUEST_MEDIATION'; actor: Actor; at: string; since: string };

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

/** The version of the process a plan follows; plans of 1.0 have none (workflows/legacy). */
export const PROCESS = '1.1';

export interface PlanInput {
  process: typeof PROCESS;
  planId: string;
  organisationId: string;
  title: string;
  clinicianId: string;
  managerId: string;
  createdAt: string;
}

/** One numbered proposal of a point of the agenda. */
export interface PointProposal {
  version: number;
  position: string;
  answers: Answers;
  proposedBy: ActorRef;
  proposedAt: string;
  comment?: string;
}

/**
 * A point of the agenda: its proposals, and what happened to the latest one.
 * Its status (open, proposed, agreed, disputed, reopened) is read with pointStatus().
 */
export interface AgendaPoint {
  proposals: PointProposal[];
  agreed: ({ version: number } & Stamp) | null;
  dispute: ({ version: number; reason: string } & Stamp) | null;
  /** R&D asked for it to be discussed again; cleared by the next proposal. */
  reopened: Stamp | null;
}

export type Agenda = Record<AgendaKey, AgendaPoint>;

/** A document as the machine issued it: its number, and who must authorise that version. */
export interface IssuedDocument {
  number: number;
  signatories: Signatory[];
}

/** Something to confirm after the award, before training starts (DESIGN section 11). */
export interface AwardCondition {
  key: string;
  owner: Role;
  text: string;
  confirmed: ({ note?: string } & Stamp) | null;
}

export interface PlanContext extends PlanInput {
  supervisorId: string | null;
  /** When the clinician first sent the idea: until then the plan is their private draft. */
  sharedAt: string | null;
  /** Each time the idea was sent to the manager, with what the clinician said had changed. */
  submissions: Array<{ comment?: string } & Stamp>;
  idea: Omit<Idea, 'title'>;
  agenda: Agenda;
  /** When the plan last came to the terms and the agenda (backfillPlan): a disagreement is counted from then. */
  termsOpenedAt: string | null;
  /** Each time R&D was asked to help with a disagreement that began at `since` (once per disagreement). */
  mediations: Array<{ since: string; at: string }>;
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
  /** The current version of each kind of document the process has issued, and its signatories. */
  issued: Partial<Record<DocumentKind, IssuedDocument>>;
  /** After the award: what must be confirmed before training starts. */
  conditions: AwardCondition[];
  training: ({ startedOn: string } & Stamp) | null;
  completion: ({ completedOn: string; summary: string } & Stamp) | null;
  /** Each handover of the manager or supervisor role, naming both people. */
  reassignments: Array<{ role: 'manager' | 'supervisor'; from: string | null; to: string; reason: string } & Stamp>;
  /** Reminders and escalations sent to signatories, per document: read it with signatureRemindersOf(). */
  signatureReminders?: SignatureReminder[];
  authorisations: Array<{ documentId: string; kind: DocumentKind; number: number; sha256: string; statement: string } & Stamp>;
}

/** The steps of a plan, in order; after the award, setting it up and the training itself. */
export const steps = ['idea', 'agreement', 'terms', 'signOff', 'meeting', 'application', 'award'] as const;
export type Step = (typeof steps)[number];

export interface StateMeta {
  step: Step | null;
  /** The role the plan waits on in this state; null when nothing is awaited. */
  awaiting: Role | null;
}
