import { isWorkingDay } from '../notifications/working-days.js';

// Working-day arithmetic on calendar days ("YYYY-MM-DD"), England's bank
// holidays excluded (src/notifications/working-days.ts).

export function addDays(day: string, n: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** The working day `n` working days after `day` (n = 0: the day itself, or the next working day). */
export function workingDaysAfter(day: string, n: number): string {
  let current = day;
  while (!isWorkingDay(current)) current = addDays(current, 1);
  for (let counted = 0; counted < n;) {
    current = addDays(current, 1);
    if (isWorkingDay(current)) counted += 1;
  }
  return current;
}

/** The working day `n` working days before `day` (n = 0: the day itself, or the working day before it). */
export function workingDaysBefore(day: string, n: number): string {
  let current = day;
  while (!isWorkingDay(current)) current = addDays(current, -1);
  for (let counted = 0; counted < n;) {
    current = addDays(current, -1);
    if (isWorkingDay(current)) counted += 1;
  }
  return current;
}

export const later = (a: string, b: string) => (a > b ? a : b);
