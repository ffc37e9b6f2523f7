import { agreementFields, ideaFields, signOffFields, termsFields } from '../presenters/fields.js';
import { budgetHolders, opportunityLevels, professions } from '../domain/options.js';
import { formatDate, formatPounds } from '../presenters/format.js';
import type { DocumentContent, Line } from './content.js';
import type { Source } from './source.js';
import { agendaSections } from './content.agenda.js';
import { contributionsInWords, possessive, withArticle } from './wording.js';

// The clinical academic training agreement: who agrees, the terms, how the
// clinical work is covered, the budget, and what the manager and clinician
// agreed point by point (content.agenda.ts), signed by the clinician, the
// manager and the R&D lead, each confirming their own commitments (commitments.ts).

type Body = Pick<DocumentContent, 'intro' | 'glance' | 'sections'>;

export function agreementContent(s: Source): Body {
  const { context: c, terms, figures: f, clinician } = s;
  const level = c.idea.opportunityLevel ? withArticle(opportunityLevels[c.idea.opportunityLevel]) : 'a research training award';
  const supervisor = s.supervisor ? `${s.supervisor.name}, ${s.supervisor.organisation}${s.supervisor.confirmed ? '' : ' (proposed)'}` : 'Not yet named';
  const t = terms?.terms;
  // Since 1.1 the manager's notes are their first proposals on the agenda, which the agreement prints point by point.
  const agenda = agendaSections(s);
  const discussion = s.lines(agreementFields, ['opportunityNotes', 'peopleNotes', 'midTermPlan', 'longTermPlan', 'comment'], c.agreement);
  const derived = (label: string, value: string | null | undefined): Line[] => (value ? [{ label, value }] : []);
  return {
    intro: [
      `This agreement sets out what ${clinician} and ${s.people.trust} have agreed so that ${clinician} can apply for ${level} `
        + 'and, if the application succeeds, combine research training with clinical work.',
      'Each person named at the end confirms it electronically, and what each of them commits to is written beside their name.',
    ],
    glance: t && f ? {
      startDate: t.startDate, durationMonths: t.durationMonths, academicPercent: t.academicPercent,
      applicationHoursPerWeek: t.applicationHoursPerWeek, estimatedBackfillCostPerYear: t.estimatedBackfillCostPerYear,
      budgetHolder: c.signOff ? budgetHolders[c.signOff.budgetHolder] : 'Not yet agreed',
      endDate: f.endDate, backfillCostTotal: f.backfillCostTotal,
    } : undefined,
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
        rows: t && f ? [
          ...s.lines(termsFields, ['startDate', 'durationMonths'], t),
          ...derived('End date', formatDate(f.endDate)),
          ...s.lines(termsFields, ['academicPercent'], t),
          ...derived('Days a week for research', f.daysPerWeek),
          ...s.lines(termsFields, ['roleDuringTraining'], t),
        ] : [],
        note: terms ? `Terms version ${terms.version}, proposed by ${s.stampOf({ by: terms.proposedBy, at: terms.proposedAt })}`
          + `${c.acceptedTerms ? `; accepted by ${s.stampOf(c.acceptedTerms)}` : ''}.` : undefined,
      },
      {
        heading: 'Backfill and cover',
        paragraphs: ['How the clinical work given up for research will be covered, and how the person covering it will be prepared.'],
        rows: [
          ...s.lines(termsFields, ['backfillArrangement', 'backfillDetail', 'specialistPost', 'coverTrainingPlan', 'clinicalFocus',
            'skillsMaintenance', 'estimatedBackfillCostPerYear'], t),
          ...(t && f ? [{ label: `Estimated backfill cost over ${t.durationMonths} months`, value: formatPounds(f.backfillCostTotal) }] : []),
        ],
      },
      {
        heading: 'Budget and R&D conditions',
        rows: [
          ...s.lines(signOffFields, ['budgetHolder', 'capacityConfirmed'], c.signOff),
          { label: 'Conditions', value: c.signOff?.conditions || 'None' },
        ],
        note: c.signOff ? `Signed off for R&D by ${s.stampOf(c.signOff)}.` : undefined,
      },
      ...(c.signOff?.conditionItems?.length ? [{
        heading: 'Conditions to meet before training starts',
        itemsIntro: 'If the application succeeds, training starts only once R&D has confirmed each of these.',
        items: c.signOff.conditionItems,
        ordered: true,
      }] : []),
      {
        heading: 'Protected time for the application',
        rows: s.lines(termsFields, ['applicationHoursPerWeek'], t),
      },
      {
        heading: `What ${clinician} offers the team`,
        itemsIntro: `In return for the time agreed, ${clinician} will:`,
        items: (t?.teamContribution ?? []).map((k) => contributionsInWords[k]),
      },
      ...agenda,
      ...(!agenda.length && discussion.length ? [{
        heading: `${possessive(s.nameOf(c.managerId))} discussion record`,
        paragraphs: [`What ${s.nameOf(c.managerId)} and ${clinician} discussed before agreeing in principle.`],
        rows: discussion,
        note: c.agreement ? `Agreed in principle by ${s.stampOf(c.agreement)}.` : undefined,
      }] : []),
    ],
  };
}
