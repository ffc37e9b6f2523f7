import { describe, expect, it } from 'vitest';
import { parsePayload, type UserEventType } from '../../src/domain/events.js';
import { dateRangeErrors, describeRange, dateRanges, shiftDate } from '../../src/domain/date-ranges.js';
import { examples, terms } from '../support/examples.js';

// Every date a person types has a sensible range, counted from the day it is
// sent (Europe/London), so a wrong year is caught by the form and the API
// alike, with a message in the words of the NHS service manual.

const TODAY = '2027-01-20';

/** An example payload of the event with one date changed, as sent on TODAY. */
const sent = (type: UserEventType, fields: Record<string, unknown>) =>
  parsePayload(type, { ...(examples[type](1) as object), ...fields }, TODAY);

const refused = (type: UserEventType, fields: Record<string, unknown>) => {
  const result = sent(type, fields);
  return result.ok ? [] : result.errors;
};

describe('dates with sensible ranges', () => {
  it.each([
    ['PROPOSE_TERMS', 'startDate', '2026-12-20', '2030-01-20'],
    ['UPDATE_IDEA', 'expectedDeadline', '2027-01-21', '2030-01-20'],
    ['SUBMIT_APPLICATION', 'callDeadline', '2026-01-20', '2030-01-20'],
    ['RECORD_OUTCOME', 'awardStart', '2026-01-20', '2030-01-20'],
    ['START_TRAINING', 'startedOn', '2026-01-20', '2027-01-20'],
    ['COMPLETE_AWARD', 'completedOn', '2026-01-20', '2027-01-20'],
  ] as const)('%s accepts %s from %s to %s, the days at either end included', (type, field, first, last) => {
    expect(sent(type, { [field]: first }).ok).toBe(true);
    expect(sent(type, { [field]: last }).ok).toBe(true);
  });

  it.each([
    ['PROPOSE_TERMS', 'startDate', '2026-12-19', 'The start date must be between 20 December 2026 and 20 January 2030'],
    ['PROPOSE_TERMS', 'startDate', '2030-01-21', 'The start date must be between 20 December 2026 and 20 January 2030'],
    ['PROPOSE_TERMS', 'startDate', '2025-10-01', 'The start date must be between 20 December 2026 and 20 January 2030'],
    ['UPDATE_IDEA', 'expectedDeadline', '2027-01-20', 'The expected closing date of the funding call must be in the future'],
    ['UPDATE_IDEA', 'expectedDeadline', '2030-01-21', 'The expected closing date of the funding call must be between 21 January 2027 and 20 January 2030'],
    ['SCHEDULE_MEETING', 'startsAt', '2028-01-21T00:30:00+00:00', 'The date of the meeting must be the same as or before 20 January 2028'],
    ['SUBMIT_APPLICATION', 'callDeadline', '2026-01-19', 'The call deadline must be between 20 January 2026 and 20 January 2030'],
    ['SUBMIT_APPLICATION', 'submittedOn', '2026-01-19', 'The date you submitted must be the same as or after 20 January 2026'],
    ['RECORD_OUTCOME', 'decidedOn', '2026-01-19', 'The date of the decision must be the same as or after 20 January 2026'],
    ['RECORD_OUTCOME', 'awardStart', '2031-10-01', 'The date the award starts must be between 20 January 2026 and 20 January 2030'],
    ['START_TRAINING', 'startedOn', '2027-01-21', 'The date training started must be today or in the past'],
    ['START_TRAINING', 'startedOn', '2026-01-19', 'The date training started must be between 20 January 2026 and today'],
    ['COMPLETE_AWARD', 'completedOn', '2027-02-01', 'The date the award ended must be today or in the past'],
  ] as const)('%s refuses %s %s: "%s"', (type, field, value, message) => {
    expect(refused(type, { [field]: value })).toEqual([{ path: field, message }]);
  });

  it('leaves to the machine the bounds that are its own: a submission, a decision or a meeting not after the day it is recorded', () => {
    expect(sent('SUBMIT_APPLICATION', { submittedOn: '2027-02-01' }).ok).toBe(true);
    expect(sent('RECORD_OUTCOME', { decidedOn: '2027-02-01' }).ok).toBe(true);
    expect(sent('RECORD_MEETING', { heldOn: '2027-02-01' }).ok).toBe(true);
    expect(sent('SCHEDULE_MEETING', { startsAt: '2027-01-01T10:00:00+00:00' }).ok).toBe(true);
    expect(Object.keys(dateRanges.RECORD_MEETING ?? {})).toEqual([]);
  });

  it('reads a meeting time by its day in UK time: 11:30pm on 20 January 2028 is in range, 11:30pm GMT on a summer night is the next day in BST', () => {
    expect(sent('SCHEDULE_MEETING', { startsAt: '2028-01-20T23:30:00+00:00' }).ok).toBe(true);
    expect(dateRangeErrors('SCHEDULE_MEETING', { startsAt: '2027-07-20T22:30:00+00:00' }, '2026-07-20')).toEqual([]);
    expect(dateRangeErrors('SCHEDULE_MEETING', { startsAt: '2027-07-20T23:30:00+00:00' }, '2026-07-20')).toEqual([
      { path: 'startsAt', message: 'The date of the meeting must be the same as or before 20 July 2027' },
    ]);
  });

  it('shows a date out of range beside every other problem, in the order the form asks them', () => {
    const { durationMonths: _d, ...rest } = terms;
    expect(parsePayload('PROPOSE_TERMS', { ...rest, startDate: '2031-01-01', backfillDetail: ' ' }, TODAY)).toEqual({
      ok: false,
      errors: [
        { path: 'startDate', message: 'The start date must be between 20 December 2026 and 20 January 2030' },
        { path: 'durationMonths', message: 'Enter the duration in months' },
        { path: 'backfillDetail', message: 'Enter how the backfill will work' },
      ],
    });
  });

  it('says once what is wrong with a date that is not real, and nothing about its range', () => {
    expect(refused('PROPOSE_TERMS', { startDate: '2019-02-30' })).toEqual([{ path: 'startDate', message: 'Start date must be a real date' }]);
    expect(refused('UPDATE_IDEA', { expectedDeadline: '' })).toEqual([]);
  });

  it('counts months as a calendar does: a month before 31 March is 28 February, a year after 29 February is 28 February', () => {
    expect(shiftDate('2027-03-31', { months: -1 })).toBe('2027-02-28');
    expect(shiftDate('2028-02-29', { years: 1 })).toBe('2029-02-28');
    expect(shiftDate('2026-12-31', { days: 1 })).toBe('2027-01-01');
    expect(shiftDate('2027-01-20', { years: -1 })).toBe('2026-01-20');
  });

  it('describes each range for the API, in words', () => {
    expect(describeRange(dateRanges.PROPOSE_TERMS!.startDate!)).toBe('From 1 month before today to 3 years after today, counted in Europe/London on the day the event is sent.');
    expect(describeRange(dateRanges.START_TRAINING!.startedOn!)).toBe('From 1 year before today to today, counted in Europe/London on the day the event is sent.');
  });
});
