import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type Holidays from 'date-holidays';
import { isoToLondon, londonToIso } from '../http/forms/london-time.js';

// Working days in England: Monday to Friday, less the bank holidays of
// England and Wales (substitute days included). The holiday rules ship inside
// the date-holidays package, so nothing is fetched at run time and the dates
// are right for any year, not only those someone remembered to list.

/**
 * The package's rules for Great Britain alone. Imported whole, its rules for
 * some 200 countries stay in memory (about 20 MB of the server's 200 MB
 * budget); read from its data file, only Britain's are kept. The parser is
 * the one date-holidays itself uses.
 */
function greatBritain(): Holidays {
  const packageJson = createRequire(import.meta.url).resolve('date-holidays/package.json');
  const fromPackage = createRequire(packageJson);
  const { default: Parser } = fromPackage('date-holidays-parser') as { default: new (data: object, country: string, state: string) => Holidays };
  const all = JSON.parse(fs.readFileSync(path.join(path.dirname(packageJson), 'data', 'holidays.json'), 'utf8'));
  return new Parser({ version: all.version, license: all.license, holidays: { GB: all.holidays.GB }, names: all.names }, 'GB', 'ENG');
}

const england = greatBritain();
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
