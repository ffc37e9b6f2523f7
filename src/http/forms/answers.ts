// Answers as rows of an NHS.UK summary list, for the check-your-answers pages
// and for the pages that show a decision-maker what they are deciding on.

export type Format = (value: never) => string | string[];

export interface Question {
  name: string;
  /** The row's key: a short noun phrase, not the question. */
  key: string;
  format?: Format;
}

interface SummaryRow {
  key: string;
  value?: string;
  lines?: string[];
  href?: string;
  visuallyHiddenText?: string;
}

const DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', minute: '2-digit', hour12: true });

export const formats = {
  /** The label a person chose from, not the stored value. */
  option: (labels: Record<string, string>): Format => (value: string) => labels[value] ?? value,
  options: (labels: Record<string, string>): Format => (values: string[]) => values.map((v) => labels[v] ?? v),
  yesNo: (value: boolean) => (value ? 'Yes' : 'No'),
  /** "1 October 2027" from "2027-10-01" (read at noon UTC, so the UK date is the same day) or from an instant. */
  date: (value: string) => DAY.format(new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value)),
  /** "15 January 2027 at 10:00am", UK time. */
  dateTime: (value: string) => `${DAY.format(new Date(value))} at ${TIME.format(new Date(value)).replace(/\s/g, '')}`,
  pounds: (value: number) => `£${value.toLocaleString('en-GB')}`,
  suffix: (unit: string) => (value: number) => `${value}${unit}`,
} satisfies Record<string, Format | ((...args: never[]) => Format)>;

export const isBlank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * One row a question; unanswered questions show "Not provided". `hrefFor`
 * adds a Change link to where the question is answered.
 */
export function answerRows(questions: Question[], data: object, hrefFor?: (name: string) => string): SummaryRow[] {
  return questions.map(({ name, key, format }) => {
    const raw = (data as Record<string, unknown>)[name];
    const shown = isBlank(raw) ? '' : format ? format(raw as never) : String(raw);
    const row: SummaryRow = Array.isArray(shown) ? { key, lines: shown } : { key, value: shown };
    return hrefFor ? { ...row, href: hrefFor(name), visuallyHiddenText: key.toLowerCase() } : row;
  });
}
