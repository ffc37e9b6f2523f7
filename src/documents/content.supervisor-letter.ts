import { opportunityLevels } from '../domain/options.js';
import { formatDate } from '../presenters/format.js';
import type { DocumentContent } from './content.js';
import type { Source } from './build.js';
import { withArticle } from './wording.js';

// The supervisor's letter of support for the university: the academic
// supervisor's commitment to supervise the research, standing beside the
// employer's letter. Signed by the supervisor.

type Body = Pick<DocumentContent, 'letter' | 'intro' | 'glance' | 'sections'>;

export function supervisorLetterContent(s: Source): Body {
  const { context: c } = s;
  const clinician = s.nameOf(c.clinicianId);
  const supervisor = c.supervisorId ? s.nameOf(c.supervisorId) : c.meeting?.supervisorName ?? 'The supervisor';
  const university = c.meeting?.supervisorOrganisation ?? 'the university';
  const level = c.idea.opportunityLevel ? withArticle(opportunityLevels[c.idea.opportunityLevel]) : 'a research training award';
  const record = c.meetingRecord;
  return {
    letter: {
      addressee: `To the research office, ${university}`,
      subject: `Supervision of ${clinician}'s research`,
      closing: 'Yours sincerely,',
    },
    intro: [
      `I will supervise ${clinician}'s research if their application for ${level} succeeds. `
        + 'This letter sets out what I have agreed with them and their employer.',
    ],
    glance: undefined,
    sections: [
      {
        heading: 'The research',
        paragraphs: [
          ...(record ? [`We met on ${formatDate(record.heldOn)} and agreed the research question: ${record.researchQuestion}`] : []),
          ...(record ? [`How it matters locally: ${record.localRelevance}`] : []),
        ],
      },
      {
        heading: 'Working together',
        paragraphs: [
          `${supervisor} of ${university} will be the academic supervisor.`,
          ...(record ? [`The longer-term relationship between our research team and the service: ${record.relationshipPlan}`] : []),
        ],
      },
    ],
  };
}
