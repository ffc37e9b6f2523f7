import { opportunityLevels } from '../domain/options.js';
import { meetingRecordFields } from '../presenters/fields.js';
import { formatDate } from '../presenters/format.js';
import type { DocumentContent, Section } from './content.js';
import type { Source } from './source.js';
import { period, possessive, share, withArticle } from './wording.js';

// The supervisor's letter of support for the university: the academic
// supervisor, for their university, supports the application and commits to
// supervising the research. It stands beside the employer's letter: the
// university is a party as the trust is, so the letter carries the
// university's name at its head, and the supervisor signs it.

type Body = Pick<DocumentContent, 'letter' | 'intro' | 'sections' | 'organisation' | 'nhs'>;

function research(s: Source): Section {
  const record = s.context.meetingRecord;
  const manager = s.nameOf(s.context.managerId);
  return {
    heading: 'The research',
    paragraphs: s.heldOn
      ? [`${s.clinician}, their line manager ${manager} and I met on ${formatDate(s.heldOn)} to shape the project. We agreed the research question below, and why it matters to the service.`]
      : [`${s.clinician}, their line manager ${manager} and I have met to shape the project. We agreed the research question below, and why it matters to the service.`],
    rows: s.lines(meetingRecordFields, ['researchQuestion', 'localRelevance'], record),
  };
}

function supervision(s: Source): Section {
  const t = s.terms?.terms;
  const f = s.figures;
  return {
    heading: 'Supervision',
    paragraphs: [
      t && f
        ? `If the application succeeds, I will supervise ${possessive(s.clinician)} research ${period(t.startDate, t.durationMonths, f.endDate)}, `
          + `while ${s.clinician} spends ${share(t.academicPercent, f.daysPerWeek, 'their')} on research and training.`
        : `If the application succeeds, I will supervise ${possessive(s.clinician)} research.`,
    ],
    itemsIntro: 'Our next steps, agreed at the meeting:',
    items: s.context.meetingRecord?.actions ?? [],
    ordered: true,
  };
}

function partnership(s: Source, university: string): Section {
  return {
    heading: 'The university and the trust',
    paragraphs: [`${university} will host the research alongside ${s.people.trust}, ${possessive(s.clinician)} employer. We agreed how our research team and the service will keep working together:`],
    rows: s.lines(meetingRecordFields, ['relationshipPlan'], s.context.meetingRecord),
  };
}

export function supervisorLetterContent(s: Source): Body {
  const { context: c, clinician } = s;
  const university = s.supervisor?.organisation ?? 'the university';
  const level = c.idea.opportunityLevel ? withArticle(opportunityLevels[c.idea.opportunityLevel]) : 'a research training award';
  const scheme = c.idea.scheme ? ` through the ${c.idea.scheme}` : '';
  return {
    organisation: university,
    nhs: false,
    letter: {
      addressee: c.idea.scheme ? `The selection panel, ${c.idea.scheme}` : 'The selection panel',
      subject: `Academic supervision for ${possessive(clinician)} application`,
      salutation: 'Dear members of the selection panel,',
      closing: 'Yours sincerely,',
    },
    intro: [
      `I am writing on behalf of ${university} to support ${possessive(clinician)} application for ${level}${scheme}. `
        + `If it succeeds, I will be ${possessive(clinician)} academic supervisor, and the university will host the research with ${s.people.trust}.`,
    ],
    sections: [research(s), supervision(s), partnership(s, university)],
  };
}
