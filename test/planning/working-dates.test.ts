import { describe, expect, it } from 'vitest';
import { workingDaysAfter, workingDaysBefore } from '../../src/planning/working-dates.js';

describe('working days on calendar days', () => {
  it('skips weekends and England bank holidays, both ways', () => {
    // Friday 25 December 2026 and its Boxing Day substitute, Monday 28 December, are bank holidays.
    expect(workingDaysAfter('2026-12-24', 1)).toBe('2026-12-29');
    expect(workingDaysBefore('2026-12-29', 1)).toBe('2026-12-24');
    expect(workingDaysBefore('2026-12-18', 2)).toBe('2026-12-16');
  });

  it('starts from the nearest working day when the day itself is not one', () => {
    expect(workingDaysBefore('2026-12-20', 0)).toBe('2026-12-18');
    expect(workingDaysAfter('2026-12-19', 0)).toBe('2026-12-21');
  });
});
