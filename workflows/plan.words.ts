import type { Role } from '../src/domain/options.js';
import type { Step } from './plan.types.js';

// The words of plan.labels.ts addressed to the person reading them (issue 17):
// the clinician reads "Write up your research idea…", the manager "Alex Morgan
// is writing up their research idea…". Each text has a form for the readers it
// speaks to as "you", and one for everyone else, with the plan's people named.
// A test renders every page for every role and fails on words meant for another.

/** Who reads the page, and the names of the plan's people. */
export interface Reader {
  role: Role;
  clinician: string;
  manager: string;
  /** The supervisor's name once a meeting is arranged. */
  supervisor: string | null;
}

type Words = string | ((reader: Reader) => string);

/** A text for some readers by role, and `others` for everyone else. */
export type ByReader = Partial<Record<Role, Words>> & { others: Words };

export function wordsFor(words: ByReader, reader: Reader): string {
  const chosen = words[reader.role] ?? words.others;
  return typeof chosen === 'function' ? chosen(reader) : chosen;
}

const supervisorOf = (r: Reader) => r.supervisor ?? 'the academic supervisor';

/** Under each step's title in the plan's step list. */
export const stepHints: Record<Step, ByReader> = {
  idea: { clinician: 'What you want to do and why now', others: (r) => `What ${r.clinician} wants to do and why now` },
  agreement: {
    clinician: (r) => `${r.manager}, your manager, agrees in principle`,
    manager: 'You agree in principle, ask for changes or decline',
    others: (r) => `${r.manager} agrees in principle`,
  },
  terms: {
    clinician: (r) => `You and ${r.manager} agree when, for how long, and who covers your clinical work`,
    manager: (r) => `You and ${r.clinician} agree when, for how long, and who covers their clinical work`,
    others: (r) => `${r.clinician} and ${r.manager} agree when, for how long, and who covers the clinical work`,
  },
  signOff: {
    rdLead: 'You confirm capacity, costs and the budget holder',
    others: 'R&D confirms capacity, costs and the budget holder',
  },
  meeting: {
    clinician: 'Meet your academic supervisor to shape the project',
    supervisor: (r) => `You meet ${r.clinician} to shape the project`,
    others: (r) => `${r.clinician} meets ${supervisorOf(r)} to shape the project`,
  },
  application: {
    clinician: 'Apply for the award and record the outcome',
    others: (r) => `${r.clinician} applies for the award and records the outcome`,
  },
  award: {
    clinician: 'Set up your backfill, contract and registration, then start and finish the training',
    others: (r) => `Set up ${r.clinician}'s backfill, contract and registration, then start and finish the training`,
  },
};

/** What happens now, for each state: the line under "Waiting for" in the plan's summary. */
export const stateNext: Record<string, ByReader> = {
  'researchIdea.drafting': {
    clinician: (r) => `Write up your research idea and send it to ${r.manager}, your manager.`,
    others: (r) => `${r.clinician} is writing up their research idea, to send it to ${r.manager}.`,
  },
  'researchIdea.revising': {
    clinician: (r) => `Revise your research idea and send it to ${r.manager} again.`,
    manager: (r) => `${r.clinician} is revising their research idea. You decide on it again when they send it.`,
    others: (r) => `${r.clinician} is revising their research idea, to send it to ${r.manager} again.`,
  },
  managerAgreement: {
    clinician: (r) => `${r.manager} reads your research idea, then agrees in principle, asks for changes or declines.`,
    manager: (r) => `Read ${r.clinician}'s research idea, then agree in principle, ask for changes or decline.`,
    others: (r) => `${r.manager} reads ${r.clinician}'s research idea, then agrees in principle, asks for changes or declines.`,
  },
  'backfillPlan.drafting': {
    clinician: (r) => `Agree the points of the discussion with ${r.manager}, and propose the start date, time split and backfill. Either of you can propose them.`,
    manager: (r) => `Agree the points of the discussion with ${r.clinician}. Either of you can propose the start date, time split and backfill.`,
    others: (r) => `${r.clinician} and ${r.manager} agree the points of the discussion and the terms: the start date, time split and backfill.`,
  },
  'backfillPlan.awaitingManager': {
    clinician: (r) => `You proposed terms. ${r.manager} accepts them or proposes different ones.`,
    manager: (r) => `${r.clinician} proposed terms. Accept them or propose different ones.`,
    others: (r) => `${r.manager} accepts the terms ${r.clinician} proposed, or proposes different ones.`,
  },
  'backfillPlan.awaitingClinician': {
    clinician: (r) => `${r.manager} proposed terms. Accept them or propose different ones.`,
    manager: (r) => `You proposed terms. ${r.clinician} accepts them or proposes different ones.`,
    others: (r) => `${r.clinician} accepts the terms ${r.manager} proposed, or proposes different ones.`,
  },
  rdSignOff: {
    rdLead: 'Check capacity, costs and the budget holder, then sign off the plan or return it for changes.',
    others: 'R&D checks capacity, costs and the budget holder, then signs off the plan or returns it for changes.',
  },
  'supervisorMeeting.toSchedule': {
    clinician: (r) => `Arrange a meeting with your academic supervisor. ${r.manager} can arrange it too.`,
    manager: (r) => `${r.clinician} arranges a meeting with their academic supervisor. You can arrange it too.`,
    others: (r) => `${r.clinician} or ${r.manager} arranges a meeting with the academic supervisor.`,
  },
  'supervisorMeeting.scheduled': {
    supervisor: (r) => `After the meeting, record what you agreed. ${r.clinician} or ${r.manager} can record it too.`,
    clinician: (r) => `After the meeting, ${supervisorOf(r)} records what was agreed. You or ${r.manager} can record it too.`,
    manager: (r) => `After the meeting, ${supervisorOf(r)} records what was agreed. You or ${r.clinician} can record it too.`,
    others: (r) => `After the meeting, ${supervisorOf(r)}, ${r.clinician} or ${r.manager} records what was agreed.`,
  },
  'application.preparing': {
    clinician: 'Once every document is authorised, submit your funding application to the funder and record it here.',
    others: (r) => `Once every document is authorised, ${r.clinician} submits the funding application to the funder and records it here.`,
  },
  'application.submitted': {
    clinician: 'When the funder decides, record the outcome here. R&D can record it too.',
    rdLead: (r) => `When the funder decides, you or ${r.clinician} record the outcome here.`,
    others: (r) => `When the funder decides, ${r.clinician} or R&D records the outcome here.`,
  },
  awarded: {
    clinician: 'Your award was made. This plan followed the first version of the service, which ends at the award.',
    others: (r) => `${r.clinician}'s award was made. This plan followed the first version of the service, which ends at the award.`,
  },
  'awarded.settingUp': {
    clinician: (r) => `Each of you confirms your own conditions of the award. Then you or ${r.manager} record that training has started.`,
    manager: (r) => `Each of you confirms your own conditions of the award. Then you or ${r.clinician} record that training has started.`,
    others: (r) => `Each person confirms their own conditions of the award. Then ${r.clinician} or ${r.manager} records that training has started.`,
  },
  'awarded.inTraining': {
    clinician: (r) => `When your award ends, you or ${r.manager} record that it is complete.`,
    manager: (r) => `When the award ends, you or ${r.clinician} record that it is complete.`,
    others: (r) => `When the award ends, ${r.clinician} or ${r.manager} records that it is complete.`,
  },
  completed: {
    clinician: 'Your award is complete and the plan is closed.',
    others: (r) => `${r.clinician}'s award is complete and the plan is closed.`,
  },
  notAwarded: {
    clinician: 'The funder did not make the award. You can prepare a new application, with the same terms or new ones.',
    others: (r) => `The funder did not make the award. ${r.clinician} can prepare a new application, with the same terms or new ones.`,
  },
  declined: {
    clinician: 'You can reopen the plan to revise your idea, or withdraw it.',
    others: (r) => `${r.clinician} can reopen the plan to revise their idea, or withdraw it.`,
  },
  withdrawn: {
    clinician: 'You withdrew the plan. It is closed: everyone on it can still read it.',
    others: (r) => `${r.clinician} withdrew the plan. It is closed: everyone on it can still read it.`,
  },
};

/** The states whose short status (stateLabels) names a role, as each reader reads it. */
export const stateStatus: Partial<Record<string, ByReader>> = {
  managerAgreement: { clinician: 'Waiting for your manager', manager: 'Waiting for your decision', others: (r) => `Waiting for ${r.manager}` },
  'backfillPlan.awaitingManager': { manager: 'Terms waiting for you', others: (r) => `Terms waiting for ${r.manager}` },
  'backfillPlan.awaitingClinician': { clinician: 'Terms waiting for you', others: (r) => `Terms waiting for ${r.clinician}` },
  rdSignOff: { rdLead: 'Waiting for your sign-off', others: 'Waiting for R&D sign-off' },
};

/** What the person a state waits on is to do, completing "Waiting for Sam Patel …" or "Waiting for you …". */
export const stateWaitFor: Record<string, string> = {
  'researchIdea.drafting': 'to write up the research idea and send it',
  'researchIdea.revising': 'to revise the research idea and send it again',
  managerAgreement: 'to decide on the research idea',
  'backfillPlan.drafting': 'to propose the terms',
  'backfillPlan.awaitingManager': 'to accept the terms or propose different ones',
  'backfillPlan.awaitingClinician': 'to accept the terms or propose different ones',
  rdSignOff: 'to sign off the plan or return it for changes',
  'supervisorMeeting.toSchedule': 'to arrange the supervisor meeting',
  'supervisorMeeting.scheduled': 'to record the supervisor meeting once it has taken place',
  'application.preparing': 'to submit the funding application and record it',
  'application.submitted': "to record the funder's decision",
  notAwarded: 'to decide whether to apply again',
  declined: 'to reopen the plan or withdraw it',
  'awarded.settingUp': 'to record that training has started',
  'awarded.inTraining': 'to record that the award is complete, when it ends',
};

/** The panel at the end of the journey: the award is complete (the panel), and what the plan's record keeps (below it). */
export const completedPanel: ByReader = {
  clinician: 'Your award is complete and the plan is closed.',
  others: (r) => `${r.clinician}'s award is complete and the plan is closed.`,
};

export const completedRecord: ByReader = {
  clinician: 'Its record stays here for everyone who took part: your research idea, the agreed discussion and terms, R&D’s sign-off, the supervisor meeting, the signed documents, the funding application and its outcome, the conditions of the award, and the full history.',
  others: 'Its record stays here for everyone who took part: the research idea, the agreed discussion and terms, R&D’s sign-off, the supervisor meeting, the signed documents, the funding application and its outcome, the conditions of the award, and the full history.',
};
