import type { Config } from '../config.js';
import type { Step } from '../../workflows/plan.types.js';
import { dueDate } from './working-days.js';

// How long each wait may last before a reminder, per step of the plan, and
// when the escalation follows. Read from the configuration (src/config.ts).

export type DueSettings = Pick<Config,
  | 'DUE_DAYS_IDEA' | 'DUE_DAYS_AGREEMENT' | 'DUE_DAYS_TERMS' | 'DUE_DAYS_SIGN_OFF' | 'DUE_DAYS_MEETING'
  | 'DUE_DAYS_APPLICATION' | 'DUE_DAYS_AUTHORISATION' | 'ESCALATION_WORKING_DAYS' | 'DUE_PERIOD_UNIT' | 'DUE_DAYS_DISAGREEMENT'
  | 'DUE_DAYS_SETUP'>;

export const defaultDueSettings: DueSettings = {
  DUE_DAYS_IDEA: 0, DUE_DAYS_AGREEMENT: 10, DUE_DAYS_TERMS: 10, DUE_DAYS_SIGN_OFF: 15, DUE_DAYS_MEETING: 0,
  DUE_DAYS_APPLICATION: 0, DUE_DAYS_AUTHORISATION: 5, ESCALATION_WORKING_DAYS: 5, DUE_PERIOD_UNIT: 'working-days', DUE_DAYS_DISAGREEMENT: 10,
  DUE_DAYS_SETUP: 20,
};

/** A wait that is not a step of the plan: a signatory authorising an issued document (the documents work). */
export const DOCUMENT_AUTHORISATION = 'documentAuthorisation';

const settingOf: Record<Step | typeof DOCUMENT_AUTHORISATION, keyof DueSettings> = {
  idea: 'DUE_DAYS_IDEA', agreement: 'DUE_DAYS_AGREEMENT', terms: 'DUE_DAYS_TERMS', signOff: 'DUE_DAYS_SIGN_OFF',
  meeting: 'DUE_DAYS_MEETING', application: 'DUE_DAYS_APPLICATION', documentAuthorisation: 'DUE_DAYS_AUTHORISATION',
  award: 'DUE_DAYS_SETUP',
};

/** The step whose period a state's wait takes. Training itself (`awarded.inTraining`) runs for years: no due date. */
const stepOfState: Record<string, Step> = {
  researchIdea: 'idea', managerAgreement: 'agreement', backfillPlan: 'terms', rdSignOff: 'signOff',
  supervisorMeeting: 'meeting', application: 'application', notAwarded: 'application', 'awarded.settingUp': 'award',
};

/**
 * Working days allowed for a wait: `state` is a plan state (`managerAgreement`,
 * `backfillPlan.awaitingManager`), a step (`terms`) or `documentAuthorisation`.
 * Null when that wait has no due date (declined, finished, or set to 0).
 */
export function workingDaysFor(state: string, settings: DueSettings = defaultDueSettings): number | null {
  const key = state in settingOf ? state as keyof typeof settingOf : stepOfState[state] ?? stepOfState[state.split('.')[0] ?? ''];
  const days = key ? Number(settings[settingOf[key]]) : 0;
  return days > 0 ? days : null;
}

/** The end of a period that starts at `from`: working days, or for demos minutes of the clock. */
export function periodEnd(from: Date, amount: number, settings: Pick<DueSettings, 'DUE_PERIOD_UNIT'> = defaultDueSettings): Date {
  return settings.DUE_PERIOD_UNIT === 'minutes' ? new Date(from.getTime() + amount * 60_000) : dueDate(from, amount);
}

/** When a wait that began at `waitingSince` in `state` is due; null when it has no due date. */
export function dueAtFor(state: string, waitingSince: string, settings: DueSettings = defaultDueSettings): string | null {
  const days = workingDaysFor(state, settings);
  return days === null ? null : periodEnd(new Date(waitingSince), days, settings).toISOString();
}

/** When the escalation follows a reminder sent at `remindedAt`. */
export function escalationAt(remindedAt: string, settings: DueSettings = defaultDueSettings): string {
  return periodEnd(new Date(remindedAt), settings.ESCALATION_WORKING_DAYS, settings).toISOString();
}
