import { describe, expect, it } from 'vitest';
import { formatDate } from '../../src/presenters/format.js';

// formatDate remembers what it formatted by the UTC hour; these are the hours
// where a remembered answer could go wrong if the key were coarser.
describe('formatDate', () => {
  it('gives the day in London either side of midnight, in winter and in summer, asked twice', () => {
    for (let round = 0; round < 2; round++) {
      expect(formatDate('2027-01-14T23:59:00Z')).toBe('14 January 2027');
      expect(formatDate('2027-01-15T00:00:00Z')).toBe('15 January 2027');
      // British Summer Time: 23:30 UTC is already the next day in London.
      expect(formatDate('2027-06-14T22:59:59.999Z')).toBe('14 June 2027');
      expect(formatDate('2027-06-14T23:30:00.000Z')).toBe('15 June 2027');
    }
  });

  it('follows the clocks going forward and back', () => {
    // Clocks go forward at 01:00 UTC on 28 March 2027 and back at 01:00 UTC on 31 October 2027.
    expect(formatDate('2027-03-27T23:30:00Z')).toBe('27 March 2027');
    expect(formatDate('2027-03-28T00:30:00Z')).toBe('28 March 2027');
    expect(formatDate('2027-10-30T22:30:00Z')).toBe('30 October 2027');
    expect(formatDate('2027-10-30T23:30:00Z')).toBe('31 October 2027');
  });

  it('reads a plain date as that day, and leaves what is not a date as it is', () => {
    expect(formatDate('2027-03-03')).toBe('3 March 2027');
    expect(formatDate('2027-13-45T10:00:00Z')).toBe('2027-13-45T10:00:00Z');
    expect(formatDate('soon')).toBe('soon');
  });
});
