import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { dueAtFor, escalationAt, periodEnd, workingDaysFor } from '../../src/notifications/due-dates.js';
import { dueDate, isWorkingDay } from '../../src/notifications/working-days.js';

const due = (from: string, days: number) => dueDate(new Date(from), days).toISOString();

describe('working days in England', () => {
  it('skips weekends: Friday afternoon plus one working day is Monday afternoon', () => {
    expect(due('2026-12-04T16:30:00.000Z', 1)).toBe('2026-12-07T16:30:00.000Z');
    // Sent on a Saturday, the count starts on Monday.
    expect(due('2026-12-05T10:00:00.000Z', 1)).toBe('2026-12-07T10:00:00.000Z');
    expect(due('2026-12-01T09:00:00.000Z', 10)).toBe('2026-12-15T09:00:00.000Z');
  });

  it('skips Christmas 2026: Christmas Day, the Boxing Day substitute on Monday 28th, and New Year’s Day', () => {
    expect(['2026-12-25', '2026-12-28', '2027-01-01'].map(isWorkingDay)).toEqual([false, false, false]);
    expect(['2026-12-24', '2026-12-29', '2026-12-31', '2027-01-04'].map(isWorkingDay)).toEqual([true, true, true, true]);
    // 21–24 Dec (4), 29–31 Dec (7), 4–6 Jan (10).
    expect(due('2026-12-18T15:00:00.000Z', 10)).toBe('2027-01-06T15:00:00.000Z');
    expect(due('2026-12-24T12:00:00.000Z', 1)).toBe('2026-12-29T12:00:00.000Z');
  });

  it('skips Easter 2027 and keeps the UK clock time across the change to summer time', () => {
    expect(['2027-03-26', '2027-03-29'].map(isWorkingDay)).toEqual([false, false]);
    // 9am GMT on Thursday 25 March; one working day later is Tuesday 30 March, 9am BST (8am UTC).
    expect(due('2027-03-25T09:00:00.000Z', 1)).toBe('2027-03-30T08:00:00.000Z');
    expect(due('2027-03-24T09:00:00.000Z', 3)).toBe('2027-03-31T08:00:00.000Z');
  });

  it('skips the summer bank holiday and Christmas 2027 with its two substitute days', () => {
    expect(due('2027-08-27T08:00:00.000Z', 1)).toBe('2027-08-31T08:00:00.000Z');
    expect(due('2027-12-24T10:00:00.000Z', 1)).toBe('2027-12-29T10:00:00.000Z');
  });

  it('gives the start itself for zero days', () => {
    expect(due('2026-12-05T10:00:00.000Z', 0)).toBe('2026-12-05T10:00:00.000Z');
  });
});

describe('response times per step', () => {
  const config = loadConfig({});

  it('defaults to 10 days for the manager, 10 for terms, 15 for R&D and 5 for authorising a document', () => {
    expect(workingDaysFor('managerAgreement', config)).toBe(10);
    expect(workingDaysFor('backfillPlan.awaitingManager', config)).toBe(10);
    expect(workingDaysFor('backfillPlan.awaitingClinician', config)).toBe(10);
    expect(workingDaysFor('rdSignOff', config)).toBe(15);
    expect(workingDaysFor('documentAuthorisation', config)).toBe(5);
  });

  it('has no due date where nobody else waits by default, or nothing is awaited', () => {
    for (const state of ['researchIdea.drafting', 'supervisorMeeting.toSchedule', 'application.submitted', 'declined', 'awarded', 'withdrawn']) {
      expect(workingDaysFor(state, config), state).toBeNull();
    }
  });

  it('is set per step in the configuration, and a wait may be given a due date or lose it', () => {
    const custom = loadConfig({ DUE_DAYS_SIGN_OFF: '3', DUE_DAYS_MEETING: '20', DUE_DAYS_AGREEMENT: '0' });
    expect(workingDaysFor('rdSignOff', custom)).toBe(3);
    expect(workingDaysFor('supervisorMeeting.scheduled', custom)).toBe(20);
    expect(workingDaysFor('managerAgreement', custom)).toBeNull();
    expect(dueAtFor('rdSignOff', '2026-12-23T09:00:00.000Z', custom)).toBe('2026-12-30T09:00:00.000Z');
  });

  it('escalates a configurable number of working days after the reminder', () => {
    expect(escalationAt('2026-12-15T10:00:00.000Z', config)).toBe('2026-12-22T10:00:00.000Z');
    expect(escalationAt('2026-12-15T10:00:00.000Z', loadConfig({ ESCALATION_WORKING_DAYS: '2' }))).toBe('2026-12-17T10:00:00.000Z');
  });

  it('reads periods as minutes for demonstrations', () => {
    const demo = loadConfig({ DUE_PERIOD_UNIT: 'minutes', DUE_DAYS_AGREEMENT: '2' });
    expect(periodEnd(new Date('2026-12-25T10:00:00.000Z'), 2, demo).toISOString()).toBe('2026-12-25T10:02:00.000Z');
    expect(dueAtFor('managerAgreement', '2026-12-25T10:00:00.000Z', demo)).toBe('2026-12-25T10:02:00.000Z');
  });

  it('refuses settings that are not whole numbers of days', () => {
    expect(() => loadConfig({ DUE_DAYS_TERMS: 'ten' })).toThrow(/DUE_DAYS_TERMS/);
    expect(() => loadConfig({ ESCALATION_WORKING_DAYS: '-1' })).toThrow(/ESCALATION_WORKING_DAYS/);
    expect(() => loadConfig({ DUE_PERIOD_UNIT: 'hours' })).toThrow(/DUE_PERIOD_UNIT/);
  });
});
