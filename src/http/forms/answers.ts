import { allRowsOf, type Field } from '../../presenters/fields.js';

// Answers as rows of an NHS.UK summary list, for the check-your-answers pages
// and for the pages that show a decision-maker what they are deciding on. The
// fields, their labels and formats are those of the plan page and documents.

export { isBlank } from '../../presenters/fields.js';

interface SummaryRow {
  key: string;
  value: string;
  href?: string;
  visuallyHiddenText?: string;
}

/**
 * One row a field; unanswered ones show "Not provided". `hrefFor` adds a
 * Change link to where the field is answered.
 */
export function answerRows(fields: Field[], data: object, hrefFor?: (name: string) => string): SummaryRow[] {
  return allRowsOf(fields, data).map(({ key, label, value }) => {
    const row = { key: label, value };
    return hrefFor ? { ...row, href: hrefFor(key), visuallyHiddenText: label.toLowerCase() } : row;
  });
}
