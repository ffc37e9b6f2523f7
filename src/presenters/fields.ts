import {
  agendaPoints, backfillArrangements, budgetHolders, collaboratorKinds, opportunityLevels, outcomes, professions, rolesDuringTraining, teamContributions,
} from '../domain/options.js';
import { costingSummary, type StoredCosting } from '../costing/costing.presenter.js';
import { schemeById } from '../schemes/catalogue.js';
import { formatAppointment, formatDate, formatPercent, formatPounds, formatYesNo } from './format.js';

// The recorded answers of each step as label/value rows, in the order a
// reader expects them. Used by the plan page and the agreement documents.

export interface Row {
  key: string;
  label: string;
  value: string;
}

type Formatter = (value: never, all: Record<string, unknown>) => string;
export interface Field { key: string; label: string; format?: Formatter }

const option = (map: Record<string, string>): Formatter => (v: string) => map[v] ?? v;
const lines = (v: string[]) => v.join('\n');

export const ideaFields: Field[] = [
  { key: 'profession', label: 'Profession', format: option(professions) },
  { key: 'opportunityLevel', label: 'Level of opportunity', format: option(opportunityLevels) },
  { key: 'schemeId', label: 'Scheme', format: ((v: string) => schemeById(v)?.name ?? v) as Formatter },
  { key: 'scheme', label: 'Scheme or funder in mind' },
  { key: 'expectedDeadline', label: 'Expected closing date of the funding call', format: formatDate as Formatter },
  { key: 'whyNow', label: 'Why this opportunity is right now' },
  { key: 'careerGoal', label: 'Career goal' },
  { key: 'inDevelopmentPlan', label: 'In the personal development plan', format: formatYesNo as Formatter },
  { key: 'researchIdeas', label: 'Research ideas' },
  { key: 'researchQuestion', label: 'Research question' },
  { key: 'serviceRelevance', label: 'How it matters to the service' },
  { key: 'collaborators', label: 'Supervisor, mentor and collaborators',
    format: ((v: Array<{ name: string; organisation: string; email: string; kind: string }>) =>
      v.map((p) => `${p.name}, ${p.organisation} (${collaboratorKinds[p.kind as keyof typeof collaboratorKinds] ?? p.kind}) ${p.email}`).join('\n')) as Formatter },
];

export const agreementFields: Field[] = [
  { key: 'opportunityNotes', label: 'Is this the right opportunity' },
  { key: 'peopleNotes', label: 'The proposed people' },
  { key: 'midTermPlan', label: 'Mid-term plan' },
  { key: 'longTermPlan', label: 'Long-term plan' },
  { key: 'comment', label: 'Comment' },
];

export const termsFields: Field[] = [
  { key: 'startDate', label: 'Start date', format: formatDate as Formatter },
  { key: 'durationMonths', label: 'Duration', format: ((v: number) => `${v} months`) as Formatter },
  { key: 'academicPercent', label: 'Time split', format: ((v: number) => `${formatPercent(v)} academic, ${formatPercent(100 - v)} clinical`) as Formatter },
  { key: 'roleDuringTraining', label: 'Role during training', format: option(rolesDuringTraining) },
  { key: 'backfillArrangement', label: 'Backfill', format: option(backfillArrangements) },
  { key: 'backfillDetail', label: 'How the backfill will work' },
  { key: 'specialistPost', label: 'Specialist post', format: formatYesNo as Formatter },
  { key: 'coverTrainingPlan', label: 'Training the person who covers' },
  { key: 'clinicalFocus', label: 'Where clinical time is focused' },
  { key: 'skillsMaintenance', label: 'Keeping clinical skills up to date' },
  { key: 'applicationHoursPerWeek', label: 'Protected time for the application', format: ((v: number) => `${v} hours a week`) as Formatter },
  { key: 'teamContribution', label: 'What the clinician offers the team',
    format: ((v: string[]) => v.map((k) => teamContributions[k as keyof typeof teamContributions] ?? k).join('\n')) as Formatter },
  { key: 'estimatedBackfillCostPerYear', label: 'Estimated backfill cost a year', format: formatPounds as Formatter },
  { key: 'serviceImpact', label: 'How the service is affected' },
  { key: 'clinicalFlexibility', label: 'How flexible the clinical work can be' },
  { key: 'costing', label: 'How the cost was worked out', format: ((v: StoredCosting) => (v.figures ? costingSummary(v) : 'Worked out when the terms are sent')) as Formatter },
];

export const signOffFields: Field[] = [
  { key: 'budgetHolder', label: 'Budget holder', format: option(budgetHolders) },
  { key: 'capacityConfirmed', label: 'Capacity and capability confirmed', format: formatYesNo as Formatter },
  { key: 'conditions', label: 'Conditions' },
];

export const meetingFields: Field[] = [
  { key: 'supervisorName', label: 'Supervisor' },
  { key: 'supervisorOrganisation', label: 'Organisation' },
  { key: 'supervisorEmail', label: 'Email' },
  { key: 'startsAt', label: 'Date and time', format: formatAppointment as Formatter },
  { key: 'durationMinutes', label: 'Length', format: ((v: number) => `${v} minutes`) as Formatter },
  { key: 'location', label: 'Place or link' },
];

export const meetingRecordFields: Field[] = [
  { key: 'researchQuestion', label: 'Agreed research question' },
  { key: 'localRelevance', label: 'How it is relevant locally' },
  { key: 'relationshipPlan', label: 'Longer-term relationship' },
  { key: 'actions', label: 'Actions', format: lines as Formatter },
];

export const applicationFields: Field[] = [
  { key: 'funder', label: 'Funder' },
  { key: 'scheme', label: 'Scheme' },
  { key: 'callName', label: 'Call' },
  { key: 'callDeadline', label: 'Call deadline', format: formatDate as Formatter },
  { key: 'submittedOn', label: 'Submitted on', format: formatDate as Formatter },
  { key: 'reference', label: 'Reference' },
];

export const outcomeFields: Field[] = [
  { key: 'outcome', label: 'Outcome', format: option(outcomes) },
  { key: 'decidedOn', label: 'Decided on', format: formatDate as Formatter },
  { key: 'feedback', label: 'Feedback' },
  { key: 'awardStart', label: 'Award starts', format: formatDate as Formatter },
  { key: 'endOfAwardPlan', label: 'Plan for the end of the award' },
];

const everyStep = [ideaFields, agreementFields, termsFields, signOffFields, meetingFields, meetingRecordFields, applicationFields, outcomeFields].flat();
/** Fields some forms share that no step records under these names, and the agenda's points (`people-position`). */
const shared: Record<string, string> = {
  title: 'Title', reason: 'Reason', text: 'Comment', comment: 'Comment', reviseTerms: 'Agree new terms first', points: 'Points to agree again',
  position: 'Position', decision: 'Your answer', ...agendaPoints,
};

/** The label of a form field, for giving back what someone typed ("collaborators-2-name" is a collaborator's). */
export function labelOfInput(input: string): string {
  const name = input.split('-')[0]!;
  return everyStep.find((f) => f.key === name)?.label ?? shared[name] ?? '';
}

export const isBlank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** One row a field, blank where there is no answer. */
export function allRowsOf(fields: Field[], data: object | null | undefined): Row[] {
  const all = (data ?? {}) as Record<string, unknown>;
  return fields.map((f) => ({
    key: f.key, label: f.label,
    value: isBlank(all[f.key]) ? '' : f.format ? f.format(all[f.key] as never, all) : String(all[f.key]),
  }));
}

/** The rows of the fields that have an answer. */
export const rowsOf = (fields: Field[], data: object | null | undefined): Row[] =>
  data ? allRowsOf(fields, data).filter((r) => r.value !== '') : [];

export interface Change {
  label: string;
  from: string;
  to: string;
}

/** What changed between two versions of the same step, in reading order. */
export function changesBetween(fields: Field[], before: object, after: object): Change[] {
  const was = new Map(rowsOf(fields, before).map((r) => [r.key, r.value]));
  const now = new Map(rowsOf(fields, after).map((r) => [r.key, r.value]));
  return fields.filter((f) => was.get(f.key) !== now.get(f.key))
    .map((f) => ({ label: f.label, from: was.get(f.key) ?? 'not given', to: now.get(f.key) ?? 'not given' }));
}
