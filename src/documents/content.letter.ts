import { backfillArrangements, budgetHolders, opportunityLevels, rolesDuringTraining, teamContributions } from '../domain/options.js';
import { formatDate, formatPercent, formatPounds } from '../presenters/format.js';
import type { DocumentContent } from './content.js';
import type { Source } from './build.js';
import { listInWords, lower, withArticle } from './wording.js';

// The employer's letter of support for the funding application: the
// organisation's commitment to the agreed time, the backfill and the budget,
// signed by the line manager and the R&D lead.

type Body = Pick<DocumentContent, 'letter' | 'intro' | 'glance' | 'sections'>;

export function letterContent(s: Source): Body {
  const { context: c } = s;
  const t = s.terms?.terms;
  const clinician = s.nameOf(c.clinicianId);
  const level = c.idea.opportunityLevel ? withArticle(opportunityLevels[c.idea.opportunityLevel]) : 'a research training award';
  const scheme = c.idea.scheme ? ` through the ${c.idea.scheme}` : '';
  const budget = c.signOff ? lower(budgetHolders[c.signOff.budgetHolder]) : 'the organisation';
  const commitments = t ? [
    `From ${formatDate(t.startDate)}, for ${t.durationMonths} months, ${clinician} will spend ${formatPercent(t.academicPercent)} of their working week `
      + `on research and training and ${formatPercent(100 - t.academicPercent)} on clinical work (${lower(rolesDuringTraining[t.roleDuringTraining])}).`,
    `We will cover the clinical time released: ${lower(backfillArrangements[t.backfillArrangement])}. ${t.backfillDetail}`,
    `We estimate the cost of this cover at ${formatPounds(t.estimatedBackfillCostPerYear)} a year. The budget will be held by ${budget}.`,
    `While the application is being written, ${clinician} has ${t.applicationHoursPerWeek} hours a week of protected time for it.`,
  ] : [];
  const contributions = (t?.teamContribution ?? []).map((k) => lower(teamContributions[k]));
  return {
    letter: {
      addressee: c.idea.scheme ? `To the selection panel, ${c.idea.scheme}` : 'To the selection panel',
      subject: `Support for ${clinician}'s application`,
      closing: 'Yours faithfully,',
    },
    intro: [
      `${s.people.trust} supports ${clinician}'s application for ${level}${scheme}. `
        + 'This letter sets out what the organisation will provide if the application succeeds.',
    ],
    glance: t && {
      startDate: t.startDate, durationMonths: t.durationMonths, academicPercent: t.academicPercent,
      applicationHoursPerWeek: t.applicationHoursPerWeek, estimatedBackfillCostPerYear: t.estimatedBackfillCostPerYear,
      budgetHolder: c.signOff ? budgetHolders[c.signOff.budgetHolder] : 'Not yet agreed',
    },
    sections: [
      { heading: 'Time, cover and budget', paragraphs: commitments },
      {
        heading: 'Research and development',
        paragraphs: [
          c.signOff?.capacityConfirmed
            ? 'Our research and development office has confirmed that we have the capacity and capability to host this work.'
            : 'Our research and development office has not yet confirmed capacity and capability.',
          ...(c.signOff?.conditions ? [`Our support is subject to these conditions: ${c.signOff.conditions}`] : []),
        ],
      },
      {
        heading: 'Supervision and the wider team',
        paragraphs: [
          ...(c.meeting ? [`Academic supervision will come from ${c.meeting.supervisorName} of ${c.meeting.supervisorOrganisation}, `
            + `whom ${clinician} and their manager met on ${formatDate(c.meeting.startsAt)}.`] : []),
          ...(contributions.length ? [`In return, ${clinician} will ${listInWords(contributions)}.`] : []),
        ],
      },
    ],
  };
}
