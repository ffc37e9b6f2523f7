import type { UserEventType } from '../src/domain/events.js';
import type { Role } from '../src/domain/options.js';
import type { Step, SystemEvent } from './plan.types.js';

// The words people see for each step, state and event. Kept beside the
// machine so that a new state or event cannot ship without them (a test
// checks every one has a label).

export const stepLabels: Record<Step, { title: string; hint: string }> = {
  idea: { title: 'Research idea', hint: 'What you want to do and why now' },
  agreement: { title: 'Manager agreement', hint: 'Your manager agrees in principle' },
  terms: { title: 'Backfill plan and time split', hint: 'When, for how long, and who covers your clinical work' },
  signOff: { title: 'R&D sign-off', hint: 'Research and development confirm capacity, costs and the budget holder' },
  meeting: { title: 'Supervisor meeting', hint: 'Meet your academic supervisor to shape the project' },
  application: { title: 'Funding application', hint: 'Apply for the award and record the outcome' },
  award: { title: 'Starting the award', hint: 'Set up the backfill, contract and registration, then start and finish the training' },
};

export interface EventLabel {
  /** The button or link that starts it. */
  action: string;
  /** Past tense, completing "Sam Patel (manager) …" in the history. */
  done: string;
  /** The banner after it succeeds. */
  confirmation: string;
}

export const eventLabels: Record<UserEventType | 'PLAN_CREATED' | SystemEvent['type'], EventLabel> = {
  PLAN_CREATED: { action: 'Start a plan', done: 'started the plan', confirmation: 'Your plan has been started' },
  UPDATE_IDEA: { action: 'Edit your research idea', done: 'updated the research idea', confirmation: 'Your research idea has been saved' },
  SUBMIT_FOR_AGREEMENT: { action: 'Send to your manager', done: 'sent the research idea to the manager', confirmation: 'Your research idea has been sent to your manager' },
  AGREE_IN_PRINCIPLE: { action: 'Agree in principle', done: 'agreed in principle', confirmation: 'You have agreed in principle' },
  REQUEST_CHANGES: { action: 'Ask for changes', done: 'asked for changes', confirmation: 'Your request for changes has been sent' },
  DECLINE: { action: 'Decline', done: 'declined the plan', confirmation: 'You have declined the plan' },
  PROPOSE_TERMS: { action: 'Propose terms', done: 'proposed terms', confirmation: 'Your proposed terms have been sent' },
  ACCEPT_TERMS: { action: 'Accept these terms', done: 'accepted the terms', confirmation: 'You have accepted the terms; the plan goes to R&D' },
  PROPOSE_POINT: { action: 'Propose a point', done: 'proposed a point of the agenda', confirmation: 'Your proposal has been sent' },
  AGREE_POINT: { action: 'Agree', done: 'agreed a point of the agenda', confirmation: 'You have agreed the point' },
  DISPUTE_POINT: { action: 'Disagree', done: 'disagreed with a point of the agenda', confirmation: 'You have said you disagree, and why' },
  SIGN_OFF: { action: 'Sign off', done: 'signed off the plan for R&D', confirmation: 'You have signed off the plan' },
  RETURN_FOR_CHANGES: { action: 'Return for changes', done: 'returned the plan for changes', confirmation: 'You have returned the plan for changes' },
  SCHEDULE_MEETING: { action: 'Arrange the supervisor meeting', done: 'arranged the supervisor meeting', confirmation: 'You have arranged the supervisor meeting' },
  RECORD_MEETING: { action: 'Record the meeting', done: 'recorded the supervisor meeting', confirmation: 'You have recorded the supervisor meeting' },
  SUBMIT_APPLICATION: { action: 'Record the submitted application', done: 'recorded the funding application', confirmation: 'Your application has been recorded' },
  RECORD_OUTCOME: { action: 'Record the outcome', done: 'recorded the outcome of the application', confirmation: 'You have recorded the outcome of the application' },
  REAPPLY: { action: 'Prepare a new application', done: 'started a new application', confirmation: 'You can now prepare a new application' },
  REOPEN: { action: 'Reopen the plan', done: 'reopened the plan', confirmation: 'You have reopened the plan' },
  WITHDRAW: { action: 'Withdraw the plan', done: 'withdrew the plan', confirmation: 'You have withdrawn the plan' },
  COMMENT: { action: 'Add a comment', done: 'commented', confirmation: 'Your comment has been added' },
  CONFIRM_CONDITION: { action: 'Confirm a condition', done: 'confirmed a condition of the award', confirmation: 'You have confirmed the condition' },
  START_TRAINING: { action: 'Record that training has started', done: 'recorded that training started', confirmation: 'You have recorded that training has started' },
  COMPLETE_AWARD: { action: 'Record that the award is complete', done: 'recorded that the award is complete', confirmation: 'You have recorded that the award is complete' },
  REASSIGN: { action: 'Hand the plan to someone else', done: 'handed the plan to someone else', confirmation: 'You have handed the plan over' },
  REISSUE_DOCUMENT: { action: 'Issue a new version of a document', done: 'issued a new version of a document', confirmation: 'You have issued a new version of the document' },
  AUTHORISE_DOCUMENT: { action: 'Authorise this document', done: 'authorised a document', confirmation: 'You have authorised the document' },
  SEND_REMINDER: { action: 'Send a reminder', done: 'sent a reminder', confirmation: 'A reminder has been sent' },
  REMIND_SIGNATORY: { action: 'Remind a signatory', done: 'reminded a signatory', confirmation: 'The signatory has been reminded' },
  REQUEST_MEDIATION: { action: 'Ask R&D to help', done: 'asked R&D to help with a disagreement', confirmation: 'R&D has been asked to help' },
};

export const roleLabels: Record<Role | 'system', string> = {
  clinician: 'clinician', manager: 'manager', rdLead: 'R&D lead', supervisor: 'supervisor', admin: 'administrator', system: 'system',
};

/** A short plain description of each state, and what happens next. */
export const stateLabels: Record<string, { status: string; next: string }> = {
  'researchIdea.drafting': { status: 'Research idea in progress', next: 'The clinician writes up the research idea and sends it to their manager.' },
  'researchIdea.revising': { status: 'Research idea being revised', next: 'The manager asked for changes. The clinician revises the idea and sends it again.' },
  managerAgreement: { status: 'Waiting for the manager', next: 'The manager decides whether to agree in principle, ask for changes or decline.' },
  'backfillPlan.drafting': { status: 'Terms to be proposed', next: 'The clinician or manager proposes the start date, time split and backfill.' },
  'backfillPlan.awaitingManager': { status: 'Terms waiting for the manager', next: 'The manager accepts the proposed terms or proposes different ones.' },
  'backfillPlan.awaitingClinician': { status: 'Terms waiting for the clinician', next: 'The clinician accepts the proposed terms or proposes different ones.' },
  rdSignOff: { status: 'Waiting for R&D sign-off', next: 'R&D checks capacity, costs and the budget holder, then signs off or returns the plan.' },
  'supervisorMeeting.toSchedule': { status: 'Supervisor meeting to arrange', next: 'The clinician or manager arranges a meeting with the academic supervisor.' },
  'supervisorMeeting.scheduled': { status: 'Supervisor meeting arranged', next: 'After the meeting, the supervisor, clinician or manager records what was agreed.' },
  'application.preparing': { status: 'Preparing the funding application', next: 'The clinician prepares and submits the funding application, then records it here.' },
  'application.submitted': { status: 'Application submitted', next: 'When the funder decides, the clinician or R&D records the outcome.' },
  awarded: { status: 'Awarded', next: 'The award was made. The plan is complete.' },
  'awarded.settingUp': { status: 'Setting up the award', next: 'Each person confirms their conditions of the award; then the clinician or manager records that training has started.' },
  'awarded.inTraining': { status: 'In training', next: 'When the award ends, the clinician or manager records that it is complete.' },
  completed: { status: 'Completed', next: 'The award is complete. The plan is closed.' },
  notAwarded: { status: 'Not awarded', next: 'The clinician can prepare a new application.' },
  declined: { status: 'Declined', next: 'The clinician can reopen the plan to revise the idea.' },
  withdrawn: { status: 'Withdrawn', next: 'The clinician withdrew the plan. It is closed.' },
};

/** Each guard of the machine as a condition in plain words, for the process diagram and its text (/process). */
export const guardLabels: Record<string, string> = {
  isPlanClinician: 'the clinician',
  isPlanManager: 'the manager',
  isPlanParty: 'the clinician or the manager',
  isPlanSupervisor: "the plan's supervisor",
  isTrustRdLead: 'an R&D lead of the trust',
  isParticipant: 'anyone taking part',
  isSystem: 'the scheduler',
  isIdeaComplete: 'once the idea is complete',
  isCurrentTermsVersion: 'the latest terms',
  areAllPointsAgreed: 'every point of the agenda agreed',
  mayAgreePoint: "the other person's latest proposal",
  mayDisputePoint: "the other person's latest proposal, with a reason",
  isDisagreementToMediate: 'a disagreement longer than the agreed number of working days',
  isMeetingInFuture: 'for a time in the future',
  isMeetingRecorded: 'the supervisor meeting already held',
  isAwarded: 'awarded',
  wantsNewTerms: 'with new terms',
  isDocumentSignatory: 'a signatory',
  isCurrentDocument: 'of the current version',
  isNotYetAuthorised: 'not yet authorised',
  isReminderDue: 'when due',
  isSignatureReminderDue: 'when due',
  isTrustRdLeadOrAdmin: 'an R&D lead or administrator of the trust',
  isValidReassignment: 'to an active account of the right role',
  hasIssuedKind: 'a document already issued',
  isHeldOnPossible: 'once it has taken place',
  isSubmittedOnPossible: 'once submitted',
  isDecidedOnPossible: 'once decided',
  areAllDocumentsAuthorised: 'every document authorised by all who sign it',
  mayConfirmCondition: 'the role the condition belongs to',
  areAllConditionsConfirmed: 'every condition confirmed',
};
