import type { User } from '../accounts/accounts.repository.js';
import type { Config } from '../config.js';
import { planHref } from '../http/links.js';
import type { PlanListRow } from '../plans/plan.queries.js';
import { sharesWait } from '../plans/joint-waits.js';
import { riskTag } from '../planning/timeline.presenter.js';
import { formatDate, formatWait, plural } from '../presenters/format.js';
import { stateLabels, stepLabels } from '../../workflows/plan.labels.js';
import type { Step } from '../../workflows/plan.types.js';
import type { AwardSettingUp } from './awards.queries.js';
import { holderFor, personFor, type PlanPeople } from './reader.js';

// What the dashboard shows of each plan, worded for the person reading it:
// who the plan is with (named, or "you"), where it is, how long it has
// waited, when it is due, and whether it is at risk for its funding call.
// Everything comes from the plan's listing columns, never from snapshots.

export interface Today {
  now: Date;
  /** YYYY-MM-DD in Europe/London, for the timeline's at-risk and late days. */
  day: string;
}

export const peopleOf = (row: PlanListRow): PlanPeople => ({
  clinician: { id: row.clinician_id, name: row.clinician_name },
  manager: { id: row.manager_id, name: row.manager_name },
  supervisor: { id: row.supervisor_id, name: row.supervisor_name },
});

/**
 * A state's short status, with the people it names as the reader should read them ("Terms waiting
 * for you"). A bare "Waiting for …" only repeats who holds the plan, which the table, card and refusal
 * page each say beside it: the step's name is used then ("Manager agreement", "R&D sign-off").
 */
export function statusFor(reader: User, people: PlanPeople, state: string, step: string | null): string {
  const label = stateLabels[state]?.status ?? state;
  const worded = label.replace(/\bthe (clinician|manager|supervisor)\b/g, (_, role: 'clinician' | 'manager' | 'supervisor') => personFor(reader, people, role));
  if (/^waiting for /i.test(worded) && step && step in stepLabels) return stepLabels[step as Step].title;
  return worded.charAt(0).toUpperCase() + worded.slice(1);
}

/** Who the plan is with, for the reader: the others, never the reader in the third person. */
export function peopleLine(reader: User, people: PlanPeople): string {
  if (reader.id === people.clinician.id) return `With ${personFor(reader, people, 'manager')}`;
  if (reader.id === people.manager.id) return personFor(reader, people, 'clinician');
  return `${personFor(reader, people, 'clinician')} and ${personFor(reader, people, 'manager')}`;
}

/** Who the plan waits on, for the reader; both parties where the machine leaves the move to either of them. */
export function holderLine(reader: User, people: PlanPeople, row: Pick<PlanListRow, 'awaiting_role' | 'state'>): string | null {
  const holder = holderFor(reader, people, row.awaiting_role);
  if (!holder) return null;
  const other = row.awaiting_role === 'clinician' ? 'manager' : 'clinician';
  if (row.awaiting_role && sharesWait(other, row.state)) {
    const second = personFor(reader, people, other);
    return holder === 'you' ? `You or ${second}` : second === 'you' ? `You or ${holder}` : `${cap(holder)} or ${second}`;
  }
  return cap(holder);
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function dueOf(at: string | null, today: Today) {
  return at ? { date: formatDate(at), overdue: Date.parse(at) <= today.now.getTime() } : null;
}

/** At risk or late for the funding call, from the days plan_timelines keeps, compared with today. */
const riskOf = (row: PlanListRow, today: Today) => (row.late_on && today.day >= row.late_on ? riskTag('late')
  : row.at_risk_on && today.day >= row.at_risk_on ? riskTag('at-risk') : null);

/** A plan as a row of "Your plans" (or "All plans"). */
export function planRow(reader: User, row: PlanListRow, today: Today) {
  const people = peopleOf(row);
  return {
    title: row.title, href: planHref(row.id), clinician: personFor(reader, people, 'clinician'), people: peopleLine(reader, people),
    status: statusFor(reader, people, row.state, row.step), holder: holderLine(reader, people, row),
    updated: formatDate(row.updated_at), due: row.awaiting_role ? dueOf(row.due_at, today) : null, risk: riskOf(row, today),
  };
}

/** Counts of what else waits on this reader in a plan: points of its agenda, conditions of its award. */
function alsoForReader(reader: User, row: PlanListRow) {
  const points = reader.role === 'clinician' ? row.points_for_clinician : reader.role === 'manager' ? row.points_for_manager : 0;
  const conditions = reader.role === 'clinician' ? row.conditions_for_clinician : reader.role === 'manager' ? row.conditions_for_manager
    : reader.role === 'rdLead' ? row.conditions_for_rd : 0;
  return { points: Number(points), conditions: Number(conditions) };
}

/** A card of "Waiting for you": the plan, who it is with, what waits on the reader, how long, and when it is due. */
export function waitingCard(reader: User, row: PlanListRow, today: Today) {
  const people = peopleOf(row);
  const base = planRow(reader, row, today);
  const { points, conditions } = alsoForReader(reader, row);
  const movesOnYou = row.awaiting_role === reader.role || sharesWait(reader.role, row.state);
  const other = row.awaiting_role === 'clinician' ? 'manager' : 'clinician';
  return {
    ...base,
    // Where either party may move the plan on, say so: the machine names one of them, but it is not the only one.
    jointly: row.awaiting_role === reader.role && sharesWait(other, row.state) ? `You or ${personFor(reader, people, other)} can take the next step.`
      : row.awaiting_role !== reader.role && movesOnYou ? `You or ${holderFor(reader, people, row.awaiting_role)} can take the next step.` : null,
    waited: movesOnYou && row.waiting_since ? formatWait(row.waiting_since, today.now) : null,
    points: points ? `${plural(points, 'point')} of the discussion ${points === 1 ? 'waits' : 'wait'} for your answer.` : null,
    conditions: conditions ? `Confirm ${conditions === 1 ? 'a condition' : `${conditions} conditions`} of the award.` : null,
    // A plan listed only for its points or conditions is not otherwise waiting on the reader: its due date is someone else's.
    due: movesOnYou ? base.due : null,
  };
}

/** An award being set up, for R&D: how many conditions are still open, and whose. */
export function settingUpRow(reader: User, row: AwardSettingUp) {
  const people: PlanPeople = {
    clinician: { id: row.clinician_id, name: row.clinician_name }, manager: { id: row.manager_id, name: row.manager_name }, supervisor: { id: null, name: null },
  };
  const owed = [
    [Number(row.conditions_for_clinician), personFor(reader, people, 'clinician')],
    [Number(row.conditions_for_manager), personFor(reader, people, 'manager')],
    [Number(row.conditions_for_rd), reader.role === 'rdLead' ? 'you (R&D)' : 'the R&D office'],
  ] as Array<[number, string]>;
  const open = owed.filter(([n]) => n > 0);
  const total = open.reduce((sum, [n]) => sum + n, 0);
  return {
    title: row.title, href: planHref(row.id), people: peopleLine(reader, people),
    open: total === 0 ? 'Every condition is confirmed: training can start.'
      : `${plural(total, 'condition')} to confirm: ${open.map(([n, who]) => `${n} by ${who}`).join(', ')}.`,
    since: row.waiting_since ? formatDate(row.waiting_since) : null,
  };
}

/** How long each due period is, for the first-time pages: "10 working days", or null when a step has none. */
export const dueDays = (config: Config) => ({
  agreement: config.DUE_DAYS_AGREEMENT ? plural(config.DUE_DAYS_AGREEMENT, 'working day') : null,
  terms: config.DUE_DAYS_TERMS ? plural(config.DUE_DAYS_TERMS, 'working day') : null,
  signOff: config.DUE_DAYS_SIGN_OFF ? plural(config.DUE_DAYS_SIGN_OFF, 'working day') : null,
  authorisation: config.DUE_DAYS_AUTHORISATION ? plural(config.DUE_DAYS_AUTHORISATION, 'working day') : null,
  setup: config.DUE_DAYS_SETUP ? plural(config.DUE_DAYS_SETUP, 'working day') : null,
});
