import { opportunityLevels } from '../domain/options.js';
import { formatDate, formatPounds } from '../presenters/format.js';
import type { DocumentContent, Section } from './content.js';
import type { Source } from './source.js';
import {
  backfillSentence, budgetHolderName, clinicalRole, contributionsInWords, listInWords, period, possessive, share, withArticle,
} from './wording.js';

// The employer's letter of support for the funding application: what the
// trust will give if the application succeeds (the time, the cover and its
// cost, the budget) and R&D's approval, written as a letter from the line
// manager and the R&D lead, who sign it. What people typed is quoted under a
// label of its own, never glued into a sentence.

type Body = Pick<DocumentContent, 'letter' | 'intro' | 'sections'>;

function time(s: Source): Section {
  const t = s.terms!.terms;
  const f = s.figures!;
  return {
    heading: 'Time for research',
    paragraphs: [
      `${s.clinician} will spend ${share(t.academicPercent, f.daysPerWeek, 'their')} on research and training, ${period(t.startDate, t.durationMonths, f.endDate)}.`,
      clinicalRole(t.roleDuringTraining, s.clinician, 100 - t.academicPercent),
      ...(t.applicationHoursPerWeek > 0 ? [`While writing this application, ${s.clinician} has ${t.applicationHoursPerWeek} hours a week of protected working time for it.`] : []),
    ],
  };
}

function cover(s: Source): Section {
  const t = s.terms!.terms;
  const f = s.figures!;
  const signOff = s.context.signOff;
  const cost = t.estimatedBackfillCostPerYear > 0
    ? [`We estimate the cover will cost ${formatPounds(t.estimatedBackfillCostPerYear)} a year, ${formatPounds(f.backfillCostTotal)} over the ${t.durationMonths} months.`]
    : [];
  const budget = signOff ? [`${budgetHolderName(signOff.budgetHolder, s.people.trust, s.supervisor?.organisation ?? null)} will hold the budget.`] : [];
  return {
    heading: 'Covering the clinical work',
    paragraphs: [backfillSentence(t.backfillArrangement, s.clinician), ...cost, ...budget],
    rows: s.lines([{ key: 'backfillDetail', label: 'How the cover will work' }], ['backfillDetail'], t),
  };
}

function approval(s: Source): Section {
  const signOff = s.context.signOff;
  const items = signOff?.conditionItems ?? [];
  return {
    heading: 'Research and development approval',
    paragraphs: [
      signOff?.capacityConfirmed
        ? `${s.nameOf(signOff.by.userId)} has confirmed for our research and development office that the trust has the capacity and capability to host this research.`
        : 'Our research and development office has not yet confirmed the capacity and capability to host this research.',
    ],
    rows: signOff?.conditions ? [{ label: 'Conditions of our support', value: signOff.conditions }] : [],
    itemsIntro: 'If the application succeeds, training starts once these conditions are met:',
    items,
    ordered: true,
  };
}

function supervision(s: Source): Section {
  const offers = (s.terms?.terms.teamContribution ?? []).map((k) => contributionsInWords[k]);
  const who = s.supervisor;
  const manager = s.nameOf(s.context.managerId);
  const met = s.heldOn
    ? ` ${s.clinician} and ${manager} met ${who?.name ?? 'the supervisor'} on ${formatDate(s.heldOn)} to shape the project.`
    : '';
  return {
    heading: 'Supervision and the team',
    paragraphs: [
      ...(who ? [`${who.name} of ${who.organisation} will supervise the research.${met}`] : []),
      ...(offers.length ? [`In return for the time, ${s.clinician} will ${listInWords(offers)}.`] : []),
    ],
  };
}

export function letterContent(s: Source): Body {
  const { context: c, clinician } = s;
  const level = c.idea.opportunityLevel ? withArticle(opportunityLevels[c.idea.opportunityLevel]) : 'a research training award';
  const scheme = c.idea.scheme ? ` through the ${c.idea.scheme}` : '';
  return {
    letter: {
      addressee: c.idea.scheme ? `The selection panel, ${c.idea.scheme}` : 'The selection panel',
      subject: `${possessive(clinician)} application for ${level}`,
      salutation: 'Dear members of the selection panel,',
      closing: 'Yours sincerely,',
    },
    intro: [
      `${s.people.trust} supports ${possessive(clinician)} application for ${level}${scheme}. `
        + `If it succeeds, we will release ${clinician} from part of their clinical work and cover that work, as this letter sets out.`,
    ],
    sections: [...(s.terms && s.figures ? [time(s), cover(s)] : []), approval(s), supervision(s)].filter((x) => x.paragraphs?.length || x.rows?.length),
  };
}
