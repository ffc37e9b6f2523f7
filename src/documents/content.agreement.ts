import { agreementFields, ideaFields, signOffFields, termsFields } from '../presenters/fields.js';
import { budgetHolders, opportunityLevels, professions, teamContributions } from '../domain/options.js';
import type { DocumentContent } from './content.js';
import type { Source } from './build.js';
import { withArticle } from './wording.js';

// The clinical academic training agreement: who agrees, the terms, how the
// clinical work is covered, the budget, and what the manager and clinician
// discussed, signed by the clinician, the manager and the R&D lead.

type Body = Pick<DocumentContent, 'intro' | 'glance' | 'sections'>;

export function agreementContent(s: Source): Body {
  const { context: c, terms } = s;
  const clinician = s.nameOf(c.clinicianId);
  const level = c.idea.opportunityLevel ? withArticle(opportunityLevels[c.idea.opportunityLevel]) : 'a research training award';
  const supervisor = c.meeting
    ? `${c.meeting.supervisorName}, ${c.meeting.supervisorOrganisation}`
    : (() => {
      const proposed = c.idea.collaborators?.find((p) => p.kind === 'supervisor');
      return proposed ? `${proposed.name}, ${proposed.organisation} (proposed)` : 'Not yet named';
    })();
  const t = terms?.terms;
  return {
    intro: [
      `This agreement sets out what ${clinician} and ${s.people.trust} have agreed so that ${clinician} can apply for ${level} `
        + 'and, if the application succeeds, combine research training with clinical work.',
      'It was drawn up from the plan named above. Each person named at the end confirms it electronically.',
    ],
    glance: t && {
      startDate: t.startDate, durationMonths: t.durationMonths, academicPercent: t.academicPercent,
      applicationHoursPerWeek: t.applicationHoursPerWeek, estimatedBackfillCostPerYear: t.estimatedBackfillCostPerYear,
      budgetHolder: c.signOff ? budgetHolders[c.signOff.budgetHolder] : 'Not yet agreed',
    },
    sections: [
      {
        heading: 'The people who agree',
        rows: [
          { label: 'Clinician', value: `${clinician}${c.idea.profession ? `, ${professions[c.idea.profession].toLowerCase()}` : ''}` },
          { label: 'Line manager', value: s.nameOf(c.managerId) },
          { label: 'R&D lead', value: c.signOff ? s.nameOf(c.signOff.by.userId) : 'Not yet signed off' },
          { label: 'Academic supervisor', value: supervisor },
          { label: 'Employer', value: s.people.trust },
        ],
      },
      {
        heading: 'The opportunity',
        rows: s.lines(ideaFields, ['opportunityLevel', 'scheme', 'researchQuestion', 'whyNow', 'careerGoal'], c.idea),
      },
      {
        heading: 'Agreed terms',
        rows: s.lines(termsFields, ['startDate', 'durationMonths', 'academicPercent', 'roleDuringTraining'], t),
        note: terms ? `Terms version ${terms.version}, proposed by ${s.stampOf({ by: terms.proposedBy, at: terms.proposedAt })}`
          + `${c.acceptedTerms ? `; accepted by ${s.stampOf(c.acceptedTerms)}` : ''}.` : undefined,
      },
      {
        heading: 'Backfill and cover',
        paragraphs: ['How the clinical work given up for research will be covered, and how the person covering it will be prepared.'],
        rows: s.lines(termsFields, ['backfillArrangement', 'backfillDetail', 'specialistPost', 'coverTrainingPlan', 'clinicalFocus',
          'skillsMaintenance', 'estimatedBackfillCostPerYear'], t),
      },
      {
        heading: 'Budget and R&D conditions',
        rows: [
          ...s.lines(signOffFields, ['budgetHolder', 'capacityConfirmed'], c.signOff),
          { label: 'Conditions', value: c.signOff?.conditions ?? 'None' },
        ],
        note: c.signOff ? `Signed off for R&D by ${s.stampOf(c.signOff)}.` : undefined,
      },
      {
        heading: 'Protected time for the application',
        rows: s.lines(termsFields, ['applicationHoursPerWeek'], t),
      },
      {
        heading: "The clinician's contribution to the team",
        paragraphs: [`In return for the time agreed, ${clinician} will:`],
        items: (t?.teamContribution ?? []).map((k) => teamContributions[k]),
      },
      {
        heading: "The manager's discussion record",
        paragraphs: ['What the manager and the clinician discussed before agreeing in principle.'],
        rows: s.lines(agreementFields, ['opportunityNotes', 'peopleNotes', 'midTermPlan', 'longTermPlan', 'comment'], c.agreement),
        note: c.agreement ? `Agreed in principle by ${s.stampOf(c.agreement)}.` : undefined,
      },
      {
        heading: 'Responsibilities',
        items: [
          `${clinician} keeps to the agreed split of time, keeps their clinical skills up to date and tells their manager early about any change.`,
          `The line manager protects the agreed research time, puts the backfill in place and reviews how the arrangement is working.`,
          `R&D holds the organisation to the conditions above and supports the costing of the application.`,
        ],
      },
    ],
  };
}
