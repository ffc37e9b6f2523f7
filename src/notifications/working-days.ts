import Holidays from 'date-holidays';
import { isoToLondon, londonToIso } from '../http/forms/london-time.js';

// Working days in England: Monday to Friday, less the bank holidays of
// England and Wales (substitute days included). The holiday rules ship inside
// the date-holidays package, so nothing is fetched at run time and the dates
// are right for any year, not only those someone remembered to list.

const england = new Holidays('GB', 'ENG');
const holidaysByYear = new Map<number, Set<string>>();

function bankHolidays(year: number): Set<string> {
  let days = holidaysByYear.get(year);
  if (!days) {
    // 'public' is what date-holidays calls a bank holiday; observances such as Mother's Day are not days off.
    days = new Set(england.getHolidays(year).filter((h) => h.type === 'public' || h.type === 'bank').map((h) => h.date.slice(0, 10)));
    holidaysByYear.set(year, days);
  }
  return days;
}

/** Is this calendar day ("YYYY-MM-DD") a bank holiday in England? */
export function isBankHoliday(day: string): boolean {
  return bankHolidays(Number(day.slice(0, 4))).has(day);
}

/** Is this calendar day ("YYYY-MM-DD") a working day in England? */
export function isWorkingDay(day: string): boolean {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isBankHoliday(day);
}

function nextDay(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * The moment `workingDays` working days after `from`: the same UK clock time
 * on the working day reached by counting only working days after from's own
 * day. Something sent on Friday afternoon with 1 working day is due on Monday
 * afternoon (Tuesday if Monday is a bank holiday); something sent on a
 * Saturday counts from Monday. Zero gives `from` itself.
 */
export function dueDate(from: Date, workingDays: number): Date {
  if (workingDays <= 0) return new Date(from);
  const local = isoToLondon(from.toISOString());
  if (!local) throw new Error(`Not a valid time: ${String(from)}`);
  let day = local.day;
  for (let counted = 0; counted < workingDays;) {
    day = nextDay(day);
    if (isWorkingDay(day)) counted += 1;
  }
  // The same wall-clock time in London, whether that day is in GMT or BST.
  const seconds = from.getTime() % 60_000;
  return new Date(Date.parse(londonToIso(day, local.time)) + seconds);
}
