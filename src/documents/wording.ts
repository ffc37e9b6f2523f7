import type { backfillArrangements, budgetHolders, rolesDuringTraining, teamContributions } from '../domain/options.js';
import { formatDate, formatPercent, formatPounds } from '../presenters/format.js';

// Small pieces of English shared by the documents' sentences. Each option a
// person chose becomes a whole sentence written for it, never an option's
// label glued after a colon: "We will recruit to a fixed-term post to cover
// …", not "We will cover the clinical time released: recruit to a fixed-term post."

/** "Recruit to a fixed-term post" → "recruit to a fixed-term post", for use mid-sentence. */
export const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** "a doctoral fellowship (PhD)", "an internship or short research project": an option label inside a sentence. */
export const withArticle = (label: string) => `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${lower(label)}`;

/** "a, b and c" */
export const listInWords = (items: string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** "Alex Morgan's" */
export const possessive = (name: string) => `${name}'s`;

/** "from 1 October 2027 for 36 months, until 30 September 2030" */
export const period = (start: string, months: number, end: string) =>
  `from ${formatDate(start)} for ${months} ${months === 1 ? 'month' : 'months'}, until ${formatDate(end)}`;

/** "60% of their working week (3 days a week)" */
export const share = (percent: number, days: string | null, whose: 'their' | 'my') =>
  `${formatPercent(percent)} of ${whose} working week${days ? ` (${days} a week)` : ''}`;

/** How the clinical work released is covered, as a sentence of the employer ("we") about the clinician. */
export function backfillSentence(arrangement: keyof typeof backfillArrangements, clinician: string): string {
  switch (arrangement) {
    case 'recruit-fixed-term': return `We will recruit to a fixed-term post to cover the clinical work ${clinician} releases.`;
    case 'upskill-team-member': return `We will develop a member of the team to take on the clinical work ${clinician} releases.`;
    case 'redistribute': return `We will share the clinical work ${clinician} releases across the team.`;
    case 'bank-or-agency': return `We will cover the clinical work ${clinician} releases with bank or agency staff.`;
    case 'not-needed': return `The clinical work ${clinician} releases does not need to be covered.`;
  }
}

/** The same commitment in the manager's own voice. */
export function backfillPromise(arrangement: keyof typeof backfillArrangements, clinician: string): string {
  switch (arrangement) {
    case 'recruit-fixed-term': return `I will recruit to a fixed-term post to cover the clinical work ${clinician} releases`;
    case 'upskill-team-member': return `I will develop a member of the team to take on the clinical work ${clinician} releases`;
    case 'redistribute': return `I will share the clinical work ${clinician} releases across the team`;
    case 'bank-or-agency': return `I will cover the clinical work ${clinician} releases with bank or agency staff`;
    case 'not-needed': return `The clinical work ${clinician} releases does not need to be covered`;
  }
}

/** ", at an estimated cost of £28,000 a year and £84,000 over the 36 months" (nothing when no cover is needed). */
export function costClause(arrangement: keyof typeof backfillArrangements, perYear: number, total: number, months: number): string {
  if (arrangement === 'not-needed' && perYear === 0) return '';
  if (perYear === 0) return ', at no extra cost';
  return `, at an estimated cost of ${formatPounds(perYear)} a year and ${formatPounds(total)} over the ${months} months`;
}

/** What the clinician does with the rest of their week. */
export function clinicalRole(role: keyof typeof rolesDuringTraining, clinician: string, clinicalPercent: number): string {
  if (clinicalPercent <= 0) return `${clinician} does no clinical work while the release lasts.`;
  const rest = `The other ${formatPercent(clinicalPercent)} stays clinical`;
  return role === 'new-role'
    ? `${rest}, in a new role that develops with ${clinician}'s research.`
    : `${rest}: ${clinician} keeps their current role, part time.`;
}

/** Who holds the budget, by name where the plan knows it. */
export function budgetHolderName(holder: keyof typeof budgetHolders, trust: string, university: string | null): string {
  return holder === 'nhs-trust' ? trust : university ?? 'the university';
}

/** What the clinician offers the team, as things they will do: "run a journal club". */
export const contributionsInWords: Record<keyof typeof teamContributions, string> = {
  'journal-club': 'run a journal club',
  audit: 'support clinical audit',
  'service-evaluation': 'support service evaluation',
  'systematic-review': 'carry out a systematic review relevant to the team',
  'evidence-updates': 'bring new evidence back to the team',
};
